import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { registerThreadlineTelemetry } from '@threadline/ai-sdk/otel';
import {
  configureThreadline,
  type MaskFunction,
  propagateAttributes,
  resetThreadlineConfiguration,
} from '@threadline/core';
import { embedMany, generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { useHarness } from '../../../test/harness';
import { useOpenAI } from './use-openai';
import { useRegistration } from './use-registration';
import { WEATHER_LOOP, weather } from './weather';

const SECRET = '4111-1111-1111-1111';
const MASKED = '[card]';

const maskCards: MaskFunction = ({ data }) =>
  typeof data === 'string' ? data.replaceAll(SECRET, MASKED) : data;

/** Keys in which ai 7 (`@ai-sdk/otel`) records what was said. */
const CONTENT_KEYS = [
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  'ai.values',
];

function contentOf(spans: readonly ReadableSpan[]): Array<[string, string, unknown]> {
  return spans.flatMap((span) =>
    CONTENT_KEYS.filter((key) => span.attributes[key] !== undefined).map(
      (key): [string, string, unknown] => [span.name, key, span.attributes[key]],
    ),
  );
}

function json(span: ReadableSpan | undefined, key: string): unknown {
  const value = span?.attributes[key];
  return typeof value === 'string' ? JSON.parse(value) : undefined;
}

describe('ai 7: the GenAI content keys @ai-sdk/otel writes on model calls', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration();
  afterEach(() => vi.unstubAllEnvs());

  it('input, system instructions, tool definitions and output in the GenAI structure', async () => {
    openai.server.enqueue(...WEATHER_LOOP);
    await streamText({
      model: openai.chat(),
      system: 'You answer weather questions.',
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
    }).consumeStream();
    const calls = (await harness.settle())
      .filter((span) => span.name === 'chat gpt-4o-mini')
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(json(call, 'gen_ai.system_instructions')).toEqual([
        { type: 'text', content: 'You answer weather questions.' },
      ]);
      expect(json(call, 'gen_ai.tool.definitions')).toEqual([
        expect.objectContaining({ type: 'function', name: 'weather' }),
      ]);
    }
    expect(json(calls[0], 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris and Lyon?' }] },
    ]);
    expect(json(calls[0], 'gen_ai.output.messages')).toEqual([
      expect.objectContaining({
        role: 'assistant',
        finish_reason: 'tool_call',
        parts: [
          expect.objectContaining({
            type: 'tool_call',
            name: 'weather',
            arguments: { city: 'Paris' },
          }),
          expect.objectContaining({
            type: 'tool_call',
            name: 'weather',
            arguments: { city: 'Lyon' },
          }),
        ],
      }),
    ]);
    expect(json(calls[1], 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Sunny in both.' }],
        finish_reason: 'stop',
      },
    ]);
  });

  it('THREADLINE_CAPTURE_CONTENT=false: no content anywhere', async () => {
    vi.stubEnv('THREADLINE_CAPTURE_CONTENT', 'false');
    // The setting is read when the integration is made.
    registerThreadlineTelemetry();
    openai.server.enqueue(...WEATHER_LOOP);
    await streamText({
      model: openai.chat(),
      system: 'You answer weather questions.',
      prompt: 'Weather in Paris and Lyon?',
      tools: { weather },
      stopWhen: stepCountIs(5),
    }).consumeStream();
    const spans = await harness.settle();
    expect(spans.length).toBeGreaterThan(5);
    expect(contentOf(spans)).toEqual([]);
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain('Paris and Lyon');
  });
});

describe('ai 7: the configured mask', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration({ openTelemetry: { embedding: true } });
  afterEach(() => resetThreadlineConfiguration());
  afterAll(() => resetThreadlineConfiguration());

  const charge = tool({
    inputSchema: z.object({ card: z.string() }),
    execute: async ({ card }) => ({ card, status: 'charged' }),
  });

  /** A tool loop, a streamed answer and an embedding, each with the card number in it. */
  async function runAll(): Promise<string[]> {
    openai.server.enqueue(
      { toolCalls: [{ name: 'charge', arguments: { card: SECRET } }] },
      { content: `Charged ${SECRET}.` },
      { content: `Your card is ${SECRET}.` },
    );
    return propagateAttributes({ sessionId: 'conv-m', userId: 'user-m' }, async () => {
      const loop = await generateText({
        model: openai.chat(),
        system: `Never repeat ${SECRET}.`,
        prompt: `Charge my card ${SECRET}`,
        tools: { charge },
        stopWhen: stepCountIs(3),
      });
      const stream = streamText({ model: openai.chat(), prompt: `Which card is ${SECRET}?` });
      const text = await stream.text;
      await embedMany({ model: openai.embedding(), values: [`card ${SECRET}`, 'no card'] });
      return [loop.text, text];
    });
  }

  it('rewrites every recorded content before it becomes an attribute', async () => {
    configureThreadline({ mask: maskCards });
    expect(await runAll()).toEqual([`Charged ${SECRET}.`, `Your card is ${SECRET}.`]);
    const spans = await harness.settle();
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(SECRET);
    const content = contentOf(spans);
    expect(new Set(content.map(([, key]) => key))).toEqual(new Set(CONTENT_KEYS));
    for (const [name, key, value] of content) {
      if (key === 'ai.values') expect(value, `${name} ${key}`).toContain(`"card ${MASKED}"`);
      else expect(String(value), `${name} ${key}`).toContain(MASKED);
    }
  });

  it('a mask that throws leaves the content out, never the span', async () => {
    await runAll();
    const unmasked = (await harness.settle()).map((span) => span.name).sort();
    harness.capture.reset();

    configureThreadline({
      mask: () => {
        throw new Error('mask failed');
      },
    });
    expect(await runAll()).toEqual([`Charged ${SECRET}.`, `Your card is ${SECRET}.`]);
    const spans = await harness.settle();
    expect(spans.map((span) => span.name).sort()).toEqual(unmasked);
    expect(contentOf(spans)).toEqual([]);
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(SECRET);
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).toBe('conv-m');
      expect(span.attributes['gen_ai.operation.name'], span.name).toBeDefined();
    }
  });
});
