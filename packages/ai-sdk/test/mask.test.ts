import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  configureThreadline,
  type MaskFunction,
  propagateAttributes,
  resetThreadlineConfiguration,
} from '@threadline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major } from './majors';

const SECRET = '4111-1111-1111-1111';
const MASKED = '[card]';

/** A mask as an application writes one: every card number in a string replaced. */
const maskCards: MaskFunction = ({ data }) =>
  typeof data === 'string' ? data.replaceAll(SECRET, MASKED) : data;

const CONTENT_KEYS = [
  'ai.prompt',
  'ai.prompt.messages',
  'ai.response.text',
  'ai.response.toolCalls',
  'ai.toolCall.args',
  'ai.toolCall.result',
  'ai.value',
  'ai.values',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
];

/** A tool loop, a streamed answer and embeddings, each with the card number in it. */
async function runAll(major: Major): Promise<string[]> {
  const answers: string[] = [];
  await propagateAttributes({ sessionId: 'conv-m', userId: 'user-m' }, async () => {
    const loop = await major.ai.generateText({
      model: major.chatModel([
        { toolCalls: [{ id: 'call-1', name: 'charge', input: { card: SECRET } }] },
        { text: `Charged ${SECRET}.` },
      ]),
      system: `Never repeat ${SECRET}.`,
      prompt: `Charge my card ${SECRET}`,
      tools: {
        charge: major.ai.tool({
          inputSchema: z.object({ card: z.string() }),
          execute: async ({ card }) => ({ card, status: 'charged' }),
        }),
      },
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: telemetry(),
    });
    answers.push(loop.text);
    const stream = major.ai.streamText({
      model: major.chatModel([{ text: `Your card is ${SECRET}.` }]),
      prompt: `Which card is ${SECRET}?`,
      experimental_telemetry: telemetry(),
    });
    answers.push(await stream.text);
    await major.ai.embed({
      model: major.embeddingModel(),
      value: `card ${SECRET}`,
      experimental_telemetry: telemetry(),
    });
    await major.ai.embedMany({
      model: major.embeddingModel(),
      values: [`card ${SECRET}`, 'no card'],
      experimental_telemetry: telemetry(),
    });
  });
  return answers;
}

function contentOf(spans: ReadableSpan[]): Array<[string, string, unknown]> {
  return spans.flatMap((span) =>
    CONTENT_KEYS.filter((key) => span.attributes[key] !== undefined).map(
      (key): [string, string, unknown] => [span.name, key, span.attributes[key]],
    ),
  );
}

describe.each(MAJORS)('$name: the configured mask', (major) => {
  const harness = useHarness();
  afterEach(() => resetThreadlineConfiguration());

  it('rewrites every recorded content before it becomes an attribute', async () => {
    configureThreadline({ mask: maskCards });
    // The application itself sees what the model said, unmasked.
    expect(await runAll(major)).toEqual([`Charged ${SECRET}.`, `Your card is ${SECRET}.`]);
    const spans = await harness.settle();
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(SECRET);
    const content = contentOf(spans);
    // Every content key the calls record is there, masked, derived GenAI keys included.
    expect(new Set(content.map(([, key]) => key))).toEqual(new Set(CONTENT_KEYS));
    for (const [name, key, value] of content) {
      if (key === 'ai.values') expect(value, `${name} ${key}`).toContain(`"card ${MASKED}"`);
      else expect(JSON.stringify(value), `${name} ${key}`).toContain(MASKED);
    }
  });

  it('a mask that throws leaves the content out, never the span', async () => {
    // First without a mask: the spans to expect.
    await runAll(major);
    const unmasked = (await harness.settle()).map((span) => span.name).sort();
    harness.capture.reset();

    configureThreadline({
      mask: () => {
        throw new Error('mask failed');
      },
    });
    expect(await runAll(major)).toEqual([`Charged ${SECRET}.`, `Your card is ${SECRET}.`]);
    const spans = await harness.settle();
    expect(spans.map((span) => span.name).sort()).toEqual(unmasked);
    expect(contentOf(spans)).toEqual([]);
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(SECRET);
    for (const span of spans) {
      // Everything but the content is still there.
      expect(span.attributes['session.id'], span.name).toBe('conv-m');
      expect(span.attributes['ai.operationId'], span.name).toBeDefined();
    }
  });
});
