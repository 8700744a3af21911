import { trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major } from './majors';

const CONVERSATIONS = 500;

/** Every fifth conversation runs a tool loop (the AI SDK's steps cost milliseconds each). */
const withTool = (i: number) => i % 5 === 0;

/**
 * Conversation `i`: a streamed answer, or a two-step tool loop, whose context comes, in turn,
 * from a scope, from telemetry() options only, or from plain AI SDK metadata only. Chunks
 * arrive a turn of the event loop apart, so the conversations interleave.
 */
async function converse(major: Major, i: number): Promise<string> {
  const sessionId = `conv-${i}`;
  const userId = `user-${i % 50}`;
  const call = (
    experimental_telemetry: Parameters<Major['ai']['streamText']>[0]['experimental_telemetry'],
  ) =>
    major.ai.streamText({
      model: major.chatModel(
        withTool(i)
          ? [
              { paced: true, toolCalls: [{ id: `call-${i}`, name: 'lookup', input: { n: i } }] },
              { paced: true, text: `answer ${i}` },
            ]
          : [{ paced: true, text: `answer ${i}` }],
      ),
      prompt: `question ${i}`,
      tools: {
        lookup: major.ai.tool({
          inputSchema: z.object({ n: z.number() }),
          execute: async ({ n }) => {
            trace.getTracer('app').startSpan('lookup-work', { attributes: { n } }).end();
            return { n };
          },
        }),
      },
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry,
    });
  const read = async (result: ReturnType<typeof call>) => {
    let text = '';
    for await (const delta of result.textStream) text += delta;
    return text;
  };
  switch (i % 3) {
    case 0:
      return propagateAttributes({ sessionId, userId }, () => read(call(telemetry())));
    case 1:
      return read(call(telemetry({ sessionId, userId })));
    default:
      return read(call({ isEnabled: true, metadata: { sessionId, userId } }));
  }
}

/** Which conversation a span belongs to, from what the call itself recorded. */
function conversationOf(trace: ReadableSpan[]): number {
  const root = trace.find((span) => span.name === 'ai.streamText')!;
  return Number(/question (\d+)/.exec(String(root.attributes['ai.prompt']))![1]);
}

describe.each(MAJORS)('$name: concurrent conversations', (major) => {
  const harness = useHarness();

  it(`${CONVERSATIONS} streamText conversations at once (every fifth a tool loop): no cross-talk, every span ended`, async () => {
    const answers = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_, i) => converse(major, i)),
    );
    expect(answers).toEqual(answers.map((_, i) => `answer ${i}`));
    const spans = await harness.settle();
    expect(harness.tracker.started).toBe(spans.length);
    // root and step; with a tool: a second step, the tool call and the tool's own span
    const tools = CONVERSATIONS / 5;
    expect(spans.length).toBe(CONVERSATIONS * 2 + tools * 3);

    const traces = new Map<string, ReadableSpan[]>();
    for (const span of spans) {
      const id = span.spanContext().traceId;
      traces.set(id, [...(traces.get(id) ?? []), span]);
    }
    expect(traces.size).toBe(CONVERSATIONS);
    const seen = new Set<number>();
    for (const spansOfTrace of traces.values()) {
      const i = conversationOf(spansOfTrace);
      seen.add(i);
      const crossTalk = spansOfTrace.filter(
        (span) =>
          span.attributes['session.id'] !== `conv-${i}` ||
          span.attributes['user.id'] !== `user-${i % 50}` ||
          (span.name === 'lookup-work' && span.attributes.n !== i),
      );
      expect(
        crossTalk.map((span) => span.name),
        `conversation ${i}`,
      ).toEqual([]);
    }
    expect(seen.size).toBe(CONVERSATIONS);
    expect(spans.filter((span) => span.name === 'ai.toolCall').length).toBe(tools);
  });
});
