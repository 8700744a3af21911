import { trace } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major, type Turn } from './majors';
import { contextsByName, type SpanContextFields } from './span-context';

/** Three model calls: two steps that call tools (two calls at once, then one), then the answer. */
function loop(paced: boolean): Turn[] {
  return [
    {
      paced,
      toolCalls: [
        { id: 'call-1', name: 'weather', input: { city: 'Paris' } },
        { id: 'call-2', name: 'weather', input: { city: 'Lyon' } },
      ],
    },
    { paced, toolCalls: [{ id: 'call-3', name: 'weather', input: { city: 'Nice' } }] },
    { paced, text: 'Sunny in all three.' },
  ];
}

const LOOP_SPANS = [
  'ai.streamText',
  'ai.streamText.doStream',
  'ai.streamText.doStream',
  'ai.streamText.doStream',
  'ai.toolCall',
  'ai.toolCall',
  'ai.toolCall',
  // The tool's own work: a span that carries no AI SDK metadata (docs/contract.md#precedence, level 2 or 3).
  'weather-lookup',
  'weather-lookup',
  'weather-lookup',
];

function weatherTool(major: Major) {
  return major.ai.tool({
    description: 'Current weather of a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      trace.getTracer('app').startActiveSpan('weather-lookup', (span) => span.end());
      return { city, temperature: 21 };
    },
  });
}

async function runLoop(
  major: Major,
  paced: boolean,
  experimental_telemetry: Parameters<Major['ai']['streamText']>[0]['experimental_telemetry'],
): Promise<string> {
  const result = major.ai.streamText({
    model: major.chatModel(loop(paced)),
    prompt: 'Weather in Paris, Lyon and Nice?',
    tools: { weather: weatherTool(major) },
    stopWhen: major.ai.stepCountIs(5),
    experimental_telemetry,
  });
  let text = '';
  for await (const delta of result.textStream) text += delta;
  return text;
}

function expectEverySpan(
  spans: Array<[string, SpanContextFields]>,
  expected: SpanContextFields,
): void {
  expect(spans.map(([name]) => name).sort()).toEqual([...LOOP_SPANS].sort());
  expect(spans).toEqual(spans.map(([name]) => [name, expected]));
}

// Instant chunks make the AI SDK start tool calls under the root span, paced ones (as from a
// network) under the step's doStream span: both shapes must keep the context.
describe.each(
  MAJORS.flatMap((major) => [
    { major, name: major.name, paced: false, chunks: 'instant' },
    { major, name: major.name, paced: true, chunks: 'paced' },
  ]),
)('$name, $chunks chunks: streamText tool loop', ({ major, paced }) => {
  const harness = useHarness();

  it('inside propagateAttributes: root, every doStream and every ai.toolCall carry the scope', async () => {
    const text = await propagateAttributes(
      { sessionId: 'conv-1', userId: 'user-1', tags: ['support'], metadata: { tier: 'gold' } },
      () => runLoop(major, paced, telemetry()),
    );
    expect(text).toBe('Sunny in all three.');
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-1',
      userId: 'user-1',
      tags: ['support'],
      metadata: { tier: 'gold' },
    });
  });

  it('inside propagateAttributes with plain settings (no telemetry()): same', async () => {
    await propagateAttributes({ sessionId: 'conv-2', userId: 'user-2' }, () =>
      runLoop(major, paced, { isEnabled: true }),
    );
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-2',
      userId: 'user-2',
    });
  });

  it('session only in experimental_telemetry.metadata: every span, the tool work included', async () => {
    await runLoop(major, paced, {
      isEnabled: true,
      metadata: { sessionId: 'conv-3', userId: 'user-3', tags: ['beta'] },
    });
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-3',
      userId: 'user-3',
      tags: ['beta'],
    });
  });

  it('only telemetry() options, no scope: every field reaches every span', async () => {
    await runLoop(
      major,
      paced,
      telemetry({
        sessionId: 'conv-4',
        userId: 'user-4',
        tags: ['beta'],
        metadata: { region: 'eu' },
        traceName: 'weather-chat',
      }),
    );
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-4',
      userId: 'user-4',
      tags: ['beta'],
      traceName: 'weather-chat',
      metadata: { region: 'eu' },
    });
  });

  it('telemetry() options win over the scope field by field; tags and metadata merge', async () => {
    await propagateAttributes(
      { sessionId: 'scope-session', userId: 'user-5', tags: ['a'], metadata: { tier: 'gold' } },
      () =>
        runLoop(
          major,
          paced,
          telemetry({ sessionId: 'conv-5', tags: ['b'], metadata: { tier: 'free' } }),
        ),
    );
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-5',
      userId: 'user-5',
      tags: ['a', 'b'],
      metadata: { tier: 'free' },
    });
  });

  it('created in a scope and read after it closed: every span keeps the scope', async () => {
    // As in a route handler that returns the stream: the scope is gone when the body is read.
    const result = propagateAttributes({ sessionId: 'conv-6', userId: 'user-6' }, () =>
      major.ai.streamText({
        model: major.chatModel(loop(paced)),
        prompt: 'Weather in Paris, Lyon and Nice?',
        tools: { weather: weatherTool(major) },
        stopWhen: major.ai.stepCountIs(5),
        experimental_telemetry: telemetry(),
      }),
    );
    await result.consumeStream();
    expectEverySpan(contextsByName(await harness.settle()), {
      sessionId: 'conv-6',
      userId: 'user-6',
    });
  });

  it('a nested call in a tool, with telemetry({ sessionId }), gets its own session', async () => {
    const triage = major.ai.tool({
      inputSchema: z.object({ city: z.string() }),
      // A sub-agent with a conversation of its own.
      execute: async () =>
        (
          await major.ai.generateText({
            model: major.chatModel([{ text: 'delegated' }]),
            prompt: 'Handle it.',
            experimental_telemetry: telemetry({ sessionId: 'sub-conv' }),
          })
        ).text,
    });
    await propagateAttributes({ sessionId: 'conv-8', userId: 'user-8' }, async () => {
      const result = major.ai.streamText({
        model: major.chatModel([
          { paced, toolCalls: [{ id: 'call-1', name: 'triage', input: { city: 'Paris' } }] },
          { paced, text: 'Done.' },
        ]),
        prompt: 'Triage this.',
        tools: { triage },
        stopWhen: major.ai.stepCountIs(3),
        experimental_telemetry: telemetry(),
      });
      await result.consumeStream();
    });
    const sessions = contextsByName(await harness.settle())
      .map(([name, fields]) => `${name} ${fields.sessionId} ${fields.userId}`)
      .sort();
    expect(sessions).toEqual([
      'ai.generateText sub-conv user-8',
      'ai.generateText.doGenerate sub-conv user-8',
      'ai.streamText conv-8 user-8',
      'ai.streamText.doStream conv-8 user-8',
      'ai.streamText.doStream conv-8 user-8',
      'ai.toolCall conv-8 user-8',
    ]);
  });

  it('one trace: the tool work under its ai.toolCall, every span under the root', async () => {
    await propagateAttributes({ sessionId: 'conv-7' }, () => runLoop(major, paced, telemetry()));
    const spans = await harness.settle();
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const root = spans.find((span) => span.name === 'ai.streamText')!;
    const ancestors = (span: (typeof spans)[number]): string[] => {
      const parent = byId.get(span.parentSpanContext?.spanId ?? '');
      return parent ? [parent.name, ...ancestors(parent)] : [];
    };
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(
      new Set([root.spanContext().traceId]),
    );
    for (const span of spans) {
      if (span === root) continue;
      expect(ancestors(span).at(-1), span.name).toBe('ai.streamText');
      if (span.name === 'weather-lookup') expect(ancestors(span)[0]).toBe('ai.toolCall');
    }
  });
});
