import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { type AIMessage, HumanMessage, type ToolMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { getActiveAttributes, propagateAttributes } from '@threadline/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadlineCallbackHandler } from '../src/index';
import { ScriptedChatModel } from './support/scripted-chat-model';
import { parentIdOf, useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();

// The SDK reports a second end() of a span through diag; collect what it says.
const warnings: string[] = [];
const logger: DiagLogger = {
  error: (message) => warnings.push(message),
  warn: (message) => warnings.push(message),
  info: () => {},
  debug: () => {},
  verbose: () => {},
};
beforeAll(() => {
  diag.setLogger(logger, DiagLogLevel.WARN);
});
afterAll(() => diag.disable());

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

const weather = tool(
  async ({ city }: { city: string }) => {
    await pause();
    return `${city}: sunny`;
  },
  { name: 'weather', description: 'weather', schema: z.object({ city: z.string() }) },
);

/** A handler that stays in LangChain's background queue, as LangChain's default. */
class BackgroundProbe extends BaseCallbackHandler {
  name = 'background-probe';
  readonly sessionsSeen: Array<{ expected: unknown; active: string | undefined }> = [];
  override handleChainStart(
    _chain: unknown,
    _inputs: unknown,
    _runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): void {
    if (parentRunId === undefined) {
      this.sessionsSeen.push({
        expected: metadata?.expected_session,
        active: getActiveAttributes().sessionId,
      });
    }
  }
}

function conversation(i: number) {
  const model = new ScriptedChatModel({
    replies: [
      { toolCalls: [{ id: `call_${i}`, name: 'weather', args: { city: `city-${i}` } }] },
      { content: `answer ${i}`, usage: { input: 10, output: 2 } },
    ],
  });
  return RunnableLambda.from(async (question: string) => {
    await pause();
    const first = (await model.invoke([new HumanMessage(question)])) as AIMessage;
    const result = (await weather.invoke({
      ...first.tool_calls![0]!,
      type: 'tool_call',
    })) as ToolMessage;
    await pause();
    return (await model.invoke([new HumanMessage(question), first, result])).content;
  }).withConfig({ runName: 'conversation' });
}

describe('300 concurrent conversations, callbacks in the background (the LangChain default)', () => {
  it('zero cross-talk, every span ended exactly once, nothing left in the handler', async () => {
    expect(process.env.LANGCHAIN_CALLBACKS_BACKGROUND).not.toBe('false');
    const handler = new ThreadlineCallbackHandler({ tags: ['load'] });
    const probe = new BackgroundProbe();
    expect(probe.awaitHandlers).toBe(false);
    expect(handler.awaitHandlers).toBe(true);
    const N = 300;
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const session = `s-${i}`;
        const user = `u-${i % 7}`;
        const options = {
          callbacks: [probe, handler],
          metadata: { expected_session: session } as Record<string, unknown>,
        };
        // Half name the session in a scope, half only in the run's metadata.
        if (i % 2 === 1) {
          options.metadata.session_id = session;
          options.metadata.user_id = user;
          return conversation(i).invoke(`question ${i}`, options);
        }
        return propagateAttributes({ sessionId: session, userId: user }, () =>
          conversation(i).invoke(`question ${i}`, options),
        );
      }),
    );
    await awaitAllCallbacks();
    expect(answers).toEqual(Array.from({ length: N }, (_, i) => `answer ${i}`));

    const spans = capture.spans();
    expect(spans).toHaveLength(N * 4);
    expect(new Set(spans.map((s) => s.spanContext().spanId)).size).toBe(N * 4);
    expect(warnings.filter((w) => /ended span/i.test(w))).toEqual([]);

    const roots = spans.filter((s) => s.name === 'conversation');
    expect(roots).toHaveLength(N);
    for (const root of roots) {
      const i = Number(
        JSON.parse(String(root.attributes['langfuse.observation.input'])).input.split(' ')[1],
      );
      const trace = spans.filter((s) => s.spanContext().traceId === root.spanContext().traceId);
      expect(trace.map((s) => s.name).sort()).toEqual([
        'ScriptedChatModel',
        'ScriptedChatModel',
        'conversation',
        'weather',
      ]);
      for (const span of trace) {
        expect(span.attributes['session.id'], `${span.name} of ${i}`).toBe(`s-${i}`);
        expect(span.attributes['user.id'], `${span.name} of ${i}`).toBe(`u-${i % 7}`);
        expect(span.attributes['langfuse.trace.tags']).toEqual(['load']);
        if (span !== root) expect(parentIdOf(span)).toBe(root.spanContext().spanId);
      }
      const tool = trace.find((s) => s.name === 'weather')!;
      expect(tool.attributes['gen_ai.tool.call.id']).toBe(`call_${i}`);
    }
    expect(handler.openRuns).toBe(0);

    // Why the handler does not run in the background: there, the active context belongs to
    // whichever conversation queued the previous callback.
    expect(probe.sessionsSeen).toHaveLength(N);
    const scoped = probe.sessionsSeen.filter(
      ({ expected }) => Number(String(expected).slice(2)) % 2 === 0,
    );
    expect(scoped).toHaveLength(N / 2);
    expect(scoped.filter(({ expected, active }) => expected !== active).length).toBeGreaterThan(0);
  });
});
