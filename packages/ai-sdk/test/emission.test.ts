import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { createSpanCapture } from '@threadline/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major } from './majors';

const SCOPE = {
  sessionId: 'conv-1',
  userId: 'user-1',
  tags: ['support'],
  metadata: { tier: 'gold' },
};

/** The keys (docs/contract.md#dialects) the scope above resolves to in the default dialects (otel + langfuse). */
const THREADLINE_KEYS = [
  'langfuse.trace.metadata.tier',
  'langfuse.trace.tags',
  'session.id',
  'user.id',
];

async function runAll(
  major: Major,
  tracer?: ReturnType<ReturnType<typeof createSpanCapture>['tracer']>,
) {
  const settings = () => telemetry(tracer ? { tracer } : {});
  await major.ai.generateText({
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
    experimental_telemetry: settings(),
  });
  await major.ai
    .streamText({
      model: major.chatModel([{ text: 'Hello there.' }]),
      prompt: 'Hi',
      experimental_telemetry: settings(),
    })
    .consumeStream();
  await major.ai.embed({
    model: major.embeddingModel(),
    value: 'hi',
    experimental_telemetry: settings(),
  });
}

/** span name → its attribute keys, sorted, so two runs of the same calls compare. */
function keysByName(spans: readonly ReadableSpan[]): Array<[string, string[]]> {
  return spans
    .map((span): [string, string[]] => [span.name, Object.keys(span.attributes).sort()])
    .sort(([a, ak], [b, bk]) => a.localeCompare(b) || ak.length - bk.length);
}

describe.each(MAJORS)(
  '$name: what the processor adds to AI SDK spans (docs/contract.md#dialects)',
  (major) => {
    const harness = useHarness();

    it('exactly the dialect keys of the resolved fields, and no gen_ai.* key', async () => {
      const bare = createSpanCapture({ threadline: false });
      await propagateAttributes(SCOPE, () => runAll(major, bare.tracer('ai')));
      await propagateAttributes(SCOPE, () => runAll(major));
      const without = keysByName(bare.spans());
      const withThreadline = keysByName(await harness.settle());
      expect(withThreadline.map(([name]) => name)).toEqual(without.map(([name]) => name));
      withThreadline.forEach(([name, keys], i) => {
        const before = new Set(without[i]![1]);
        expect(
          keys.filter((key) => !before.has(key)),
          name,
        ).toEqual(THREADLINE_KEYS);
      });
      // The AI SDK's own values are untouched: e.g. its metadata copy of the session.
      for (const span of harness.capture.spans()) {
        expect(span.attributes['ai.telemetry.metadata.sessionId'], span.name).toBe('conv-1');
      }
      await bare.provider.shutdown();
    });
  },
);
