import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { generateText, type LanguageModel, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Harness, useHarness } from '../../../test/harness';
import { useOpenAI } from './use-openai';
import { useRegistration } from './use-registration';

const ANSWER = 'one two three four five six seven eight nine ten';
const STREAM_SPANS = ['chat gpt-4o-mini', 'invoke_agent gpt-4o-mini', 'step 1'];
const TOOL_SPANS = [...STREAM_SPANS, 'execute_tool wait'].sort();

/** Starts a call in a scope; the test reads the stream outside the scope. */
function start(model: LanguageModel, controller?: AbortController) {
  return propagateAttributes({ sessionId: 'conv-1', userId: 'user-1' }, () =>
    streamText({
      model,
      prompt: 'Count to ten.',
      abortSignal: controller?.signal,
      tools: {
        // A tool that aborts the call that runs it, then waits for the abort.
        wait: tool({
          inputSchema: z.object({}),
          execute: (_, { abortSignal }) =>
            new Promise((_, reject) => {
              abortSignal?.addEventListener('abort', () => reject(abortSignal.reason), {
                once: true,
              });
              controller?.abort();
            }),
        }),
      },
      stopWhen: stepCountIs(3),
      // Errors are asserted on the spans; keep the SDK from logging them.
      onError: () => {},
    }),
  );
}

/** Reads `count` text deltas and stops reading (without cancelling the stream). */
async function readSome(result: ReturnType<typeof start>, count: number): Promise<string[]> {
  const reader = result.textStream.getReader();
  const seen: string[] = [];
  while (seen.length < count) seen.push((await reader.read()).value!);
  reader.releaseLock();
  return seen;
}

/** Waits until every span has ended; checks none ended twice and all kept the context. */
async function settled(harness: Harness): Promise<string[]> {
  const spans: ReadableSpan[] = await harness.settle();
  expect(harness.tracker.started).toBe(spans.length);
  // The OpenTelemetry SDK reports an end() or a write on an ended span through diag.
  expect(harness.diagnostics).toEqual([]);
  for (const span of spans) {
    expect(span.attributes['session.id'], span.name).toBe('conv-1');
    expect(span.attributes['user.id'], span.name).toBe('user-1');
  }
  return spans.map((span) => span.name).sort();
}

/** `name: reason` of every span Threadline ended itself. */
function closedByThreadline(harness: Harness): string[] {
  return harness.capture
    .spans()
    .filter((span) => span.attributes['threadline.end_reason'] !== undefined)
    .map((span) => `${span.name}: ${span.attributes['threadline.end_reason']}`)
    .sort();
}

describe('ai 7 with registerThreadlineTelemetry(): every streamText span ends, once', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration();

  it('consumed to the end, and Threadline closed nothing', async () => {
    openai.server.enqueue({ content: ANSWER });
    const result = start(openai.chat());
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe(ANSWER);
    expect(await settled(harness)).toEqual(STREAM_SPANS);
    expect(closedByThreadline(harness)).toEqual([]);
  });

  it('aborted before the stream is read', async () => {
    openai.server.enqueue({ content: ANSWER });
    const controller = new AbortController();
    const result = start(openai.chat(), controller);
    controller.abort();
    for await (const _ of result.fullStream) {
    }
    expect(await settled(harness)).toEqual(['invoke_agent gpt-4o-mini']);
  });

  it('aborted while a tool runs', async () => {
    openai.server.enqueue({ toolCalls: [{ name: 'wait', arguments: {} }] });
    const result = start(openai.chat(), new AbortController());
    for await (const _ of result.fullStream) {
    }
    expect(await settled(harness)).toEqual(TOOL_SPANS);
  });

  it('the model stream fails mid-way: every span ends failed, by ai 7', async () => {
    openai.server.enqueue({ disconnectAfterChunks: 4, content: ANSWER });
    const result = start(openai.chat());
    await expect(async () => {
      for await (const _ of result.fullStream) {
      }
    }).rejects.toThrow();
    expect(await settled(harness)).toEqual(STREAM_SPANS);
    for (const span of harness.capture.spans()) {
      expect(span.status.code, span.name).toBe(SpanStatusCode.ERROR);
    }
    expect(closedByThreadline(harness)).toEqual([]);
  });

  it('a tool fails: its span ends failed, the call goes on and ends', async () => {
    openai.server.enqueue(
      { toolCalls: [{ name: 'broken', arguments: {} }] },
      { content: 'Sorry.' },
    );
    const result = propagateAttributes({ sessionId: 'conv-1', userId: 'user-1' }, () =>
      streamText({
        model: openai.chat(),
        prompt: 'Try it.',
        tools: {
          broken: tool({
            inputSchema: z.object({}),
            execute: async (): Promise<string> => {
              throw new Error('tool broke');
            },
          }),
        },
        stopWhen: stepCountIs(3),
      }),
    );
    expect(await result.text).toBe('Sorry.');
    expect(await settled(harness)).toEqual([
      'chat gpt-4o-mini',
      'chat gpt-4o-mini',
      'execute_tool broken',
      'invoke_agent gpt-4o-mini',
      'step 1',
      'step 2',
    ]);
    const failed = harness.capture
      .spans()
      .filter((span) => span.status.code === SpanStatusCode.ERROR);
    expect(failed.map((span) => span.name)).toEqual(['execute_tool broken']);
    expect(closedByThreadline(harness)).toEqual([]);
  });

  it('the reader cancels the stream (a client went away), then the call is aborted', async () => {
    const controller = new AbortController();
    const { model } = openai.heldChat({ events: 4, honoursAbort: true });
    openai.server.enqueue({ content: ANSWER });
    const result = start(model, controller);
    const reader = result.textStream.getReader();
    await reader.read();
    await reader.cancel(new Error('client went away'));
    controller.abort();
    expect(await settled(harness)).toEqual(STREAM_SPANS);
  });
});

// Aborts with a model that is still generating, through a transport that passes the abort on
// (the body then fails, as fetch's does) and through one that does not, and with a model that
// has sent its whole answer.
describe.each([
  { model: 'still generating, honouring the abort', events: 4, honoursAbort: true },
  { model: 'still generating, ignoring the abort', events: 4, honoursAbort: false },
  { model: 'done', events: undefined, honoursAbort: true },
])(
  'ai 7, a model $model: every span of an aborted streamText ends, once',
  ({ events, honoursAbort }) => {
    const harness = useHarness();
    const openai = useOpenAI();
    useRegistration();

    it('aborted while the stream is read', async () => {
      openai.server.enqueue({ content: ANSWER });
      const { model } = openai.heldChat({ events, honoursAbort });
      const controller = new AbortController();
      const result = start(model, controller);
      const seen: string[] = [];
      for await (const delta of result.textStream) {
        seen.push(delta);
        if (seen.length === 2) controller.abort();
      }
      // Deltas the SDK already holds may still come before it notices the abort.
      expect(seen.slice(0, 2)).toEqual(['one', ' two']);
      expect(await settled(harness)).toEqual(STREAM_SPANS);
    });

    it('read partly, then aborted while nobody reads', async () => {
      openai.server.enqueue({ content: ANSWER });
      const { model } = openai.heldChat({ events, honoursAbort });
      const controller = new AbortController();
      const result = start(model, controller);
      expect(await readSome(result, 2)).toEqual(['one', ' two']);
      controller.abort();
      expect(await settled(harness)).toEqual(STREAM_SPANS);
    });

    it('never read, aborted', async () => {
      openai.server.enqueue({ content: ANSWER });
      const { model, held } = openai.heldChat({ events, honoursAbort });
      const controller = new AbortController();
      start(model, controller);
      await held;
      controller.abort();
      expect(await settled(harness)).toEqual(STREAM_SPANS);
      // ai 7 reports such an abort to its integrations only once the stream is read again. When
      // the model's stream has ended, nothing else can end the call's spans: Threadline does.
      const closed = closedByThreadline(harness);
      if (events === undefined) expect(closed).toContain('invoke_agent gpt-4o-mini: aborted');
      expect(closed.every((entry) => entry.endsWith(': aborted'))).toBe(true);
    });
  },
);

describe('ai 7 with registerThreadlineTelemetry(): a failing generateText', () => {
  const harness = useHarness();
  const openai = useOpenAI();
  useRegistration();

  it('the provider answers 500: every span ends failed', async () => {
    openai.server.enqueue({ error: { status: 500, message: 'upstream down' } });
    await expect(
      propagateAttributes({ sessionId: 'conv-1', userId: 'user-1' }, () =>
        generateText({ model: openai.chat(), prompt: 'Hello', maxRetries: 0 }),
      ),
    ).rejects.toThrow('upstream down');
    expect(await settled(harness)).toEqual(STREAM_SPANS);
    for (const span of harness.capture.spans()) {
      expect(span.status, span.name).toMatchObject({
        code: SpanStatusCode.ERROR,
        message: 'upstream down',
      });
    }
  });
});
