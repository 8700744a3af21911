import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major } from './majors';
import { contextsByName, type SpanContextFields } from './span-context';

const WEATHER = z.object({ city: z.string(), temperature: z.number() });
const WEATHER_JSON = '{"city": "Paris", "temperature": 21}';

/** One AI SDK operation, run to its end, and the spans it makes. */
interface Operation {
  name: string;
  spans: string[];
  run(major: Major, experimental_telemetry: ReturnType<typeof telemetry>): Promise<unknown>;
}

const OPERATIONS: Operation[] = [
  {
    name: 'generateText with a tool call',
    spans: [
      'ai.generateText',
      'ai.generateText.doGenerate',
      'ai.generateText.doGenerate',
      'ai.toolCall',
    ],
    run: async (major, experimental_telemetry) => {
      const result = await major.ai.generateText({
        model: major.chatModel([
          { toolCalls: [{ id: 'call-1', name: 'weather', input: { city: 'Paris' } }] },
          { text: 'Sunny.' },
        ]),
        prompt: 'Weather in Paris?',
        tools: {
          weather: major.ai.tool({
            inputSchema: z.object({ city: z.string() }),
            execute: async ({ city }) => ({ city, temperature: 21 }),
          }),
        },
        stopWhen: major.ai.stepCountIs(3),
        experimental_telemetry,
      });
      return result.text;
    },
  },
  {
    name: 'generateObject',
    spans: ['ai.generateObject', 'ai.generateObject.doGenerate'],
    run: async (major, experimental_telemetry) => {
      const result = await major.ai.generateObject({
        model: major.chatModel([{ text: WEATHER_JSON }]),
        schema: WEATHER,
        prompt: 'Weather in Paris as JSON',
        experimental_telemetry,
      });
      return result.object;
    },
  },
  {
    name: 'streamObject',
    spans: ['ai.streamObject', 'ai.streamObject.doStream'],
    run: async (major, experimental_telemetry) => {
      const result = major.ai.streamObject({
        model: major.chatModel([{ text: WEATHER_JSON, paced: true }]),
        schema: WEATHER,
        prompt: 'Weather in Paris as JSON',
        experimental_telemetry,
      });
      for await (const _ of result.partialObjectStream) {
      }
      return await result.object;
    },
  },
  {
    name: 'embed',
    spans: ['ai.embed', 'ai.embed.doEmbed'],
    run: async (major, experimental_telemetry) => {
      const result = await major.ai.embed({
        model: major.embeddingModel(),
        value: 'sunny weather',
        experimental_telemetry,
      });
      return result.embedding;
    },
  },
  {
    name: 'embedMany',
    // Three values, at most two per request: two requests.
    spans: ['ai.embedMany', 'ai.embedMany.doEmbed', 'ai.embedMany.doEmbed'],
    run: async (major, experimental_telemetry) => {
      const result = await major.ai.embedMany({
        model: major.embeddingModel(),
        values: ['sunny', 'rainy', 'windy'],
        experimental_telemetry,
      });
      return result.embeddings;
    },
  },
];

const RESULTS: Record<string, unknown> = {
  'generateText with a tool call': 'Sunny.',
  generateObject: { city: 'Paris', temperature: 21 },
  streamObject: { city: 'Paris', temperature: 21 },
  embed: [0, 1],
  embedMany: [
    [0, 1],
    [1, 1],
    [0, 1],
  ],
};

describe.each(MAJORS)('$name: every operation carries the context on every span', (major) => {
  const harness = useHarness();

  async function expectEverySpan(operation: Operation, expected: SpanContextFields) {
    const spans = contextsByName(await harness.settle());
    expect(spans.map(([name]) => name).sort()).toEqual([...operation.spans].sort());
    expect(spans).toEqual(spans.map(([name]) => [name, expected]));
  }

  it.each(OPERATIONS)('$name, inside propagateAttributes', async (operation) => {
    const result = await propagateAttributes(
      {
        sessionId: 'conv-1',
        userId: 'user-1',
        tags: ['support'],
        metadata: { tier: 'gold' },
      },
      () => operation.run(major, telemetry()),
    );
    expect(result).toEqual(RESULTS[operation.name]);
    await expectEverySpan(operation, {
      sessionId: 'conv-1',
      userId: 'user-1',
      tags: ['support'],
      metadata: { tier: 'gold' },
    });
  });

  it.each(OPERATIONS)('$name, session only in the telemetry metadata', async (operation) => {
    // Plain AI SDK settings, as an application without telemetry() writes them (docs/contract.md#framework-values).
    await operation.run(major, {
      isEnabled: true,
      recordInputs: true,
      recordOutputs: true,
      metadata: { sessionId: 'conv-2', userId: 'user-2', tags: ['beta'] },
    });
    await expectEverySpan(operation, { sessionId: 'conv-2', userId: 'user-2', tags: ['beta'] });
  });
});
