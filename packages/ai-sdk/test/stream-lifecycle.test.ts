import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { THREADLINE_SPAN_ATTRIBUTES } from '@threadline/core/adapter';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { type Harness, useHarness } from './harness';
import { MAJORS, type Major, type Turn } from './majors';

const LONG_ANSWER = 'one two three four five six seven eight nine ten';
const STREAM_SPANS = ['ai.streamText', 'ai.streamText.doStream'];
const END_REASON = THREADLINE_SPAN_ATTRIBUTES.END_REASON;

/** Starts a call in a scope; the test reads the stream outside the scope. */
function start(major: Major, turns: Turn[], abortSignal?: AbortSignal) {
  return propagateAttributes({ sessionId: 'conv-1', userId: 'user-1' }, () =>
    major.ai.streamText({
      model: major.chatModel(turns),
      prompt: 'Count to ten.',
      abortSignal,
      tools: {
        wait: major.ai.tool({
          inputSchema: z.object({}),
          // A tool that runs until the call is aborted.
          execute: (_, { abortSignal: signal }) =>
            new Promise((_, reject) => {
              if (signal?.aborted) reject(signal.reason);
              signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
            }),
        }),
      },
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: telemetry(),
      // Errors are asserted on the spans; keep the SDK from logging them.
      onError: () => {},
    }),
  );
}

/** Waits until every span has ended; checks none ended twice and all kept the context. */
async function settled(harness: Harness): Promise<string[]> {
  const spans: ReadableSpan[] = await harness.settle();
  expect(harness.tracker.started).toBe(spans.length);
  expect(harness.diagnostics.filter((m) => /end\(\) on a span once|ended Span/.test(m))).toEqual(
    [],
  );
  for (const span of spans) {
    expect(span.attributes['session.id'], span.name).toBe('conv-1');
    expect(span.attributes['user.id'], span.name).toBe('user-1');
  }
  return spans.map((span) => span.name).sort();
}

describe.each(MAJORS)('$name: every streamText span ends', (major) => {
  const harness = useHarness();

  it('consumed to the end, and Threadline closed nothing', async () => {
    const result = start(major, [{ text: LONG_ANSWER }]);
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe(LONG_ANSWER);
    expect(await settled(harness)).toEqual(STREAM_SPANS);
    const reasons = harness.capture.spans().map((span) => span.attributes[END_REASON]);
    expect(reasons).toEqual(reasons.map(() => undefined));
  });

  it('consumed partly by the reader, to the end by consumeStream()', async () => {
    const result = start(major, [{ text: LONG_ANSWER }]);
    // What an app does so that a call finishes (billed and traced) after the client left.
    void result.consumeStream();
    for await (const _ of result.textStream) break;
    expect(await result.text).toBe(LONG_ANSWER);
    expect(await settled(harness)).toEqual(STREAM_SPANS);
  });

  it('aborted while a tool runs', async () => {
    const controller = new AbortController();
    const result = start(
      major,
      [{ toolCalls: [{ id: 'call-1', name: 'wait', input: {} }] }],
      controller.signal,
    );
    for await (const part of result.fullStream) {
      if (part.type === 'tool-call') controller.abort();
    }
    expect(await settled(harness)).toEqual([...STREAM_SPANS, 'ai.toolCall']);
  });

  it('the model stream fails mid-way: the spans end, failed', async () => {
    const result = start(major, [{ text: LONG_ANSWER, failAfter: 5 }]);
    // ai 5 never settles result.text after such a failure; the stream does end, with the error.
    await expect(async () => {
      for await (const _ of result.fullStream) {
      }
    }).rejects.toThrow('connection reset');
    expect(await settled(harness)).toEqual(STREAM_SPANS);
    for (const span of harness.capture.spans()) {
      expect(span.status, span.name).toMatchObject({
        code: SpanStatusCode.ERROR,
        message: 'terminated: connection reset',
      });
      // The SDK ends neither span: Threadline does.
      expect(span.attributes[END_REASON], span.name).toBe('stream_error');
    }
  });
});

// Aborts, with a model that honours the abort signal as a fetch does (its stream then fails
// with an AbortError) and with one that ignores it: that one sends one more word and then
// waits forever, so the SDK notices the abort but never finishes the step on its own.
describe.each(
  MAJORS.flatMap((major) => [
    { major, name: major.name, model: 'honouring the abort', honours: true },
    { major, name: major.name, model: 'ignoring the abort', honours: false },
  ]),
)('$name, a model $model: every span of an aborted streamText ends', ({ major, honours }) => {
  const harness = useHarness();
  const answer: Turn = { text: LONG_ANSWER, holdAfter: 6, ignoresAbort: !honours };

  // ai 5 gives no sign of an abort when nobody reads the stream any more and the model does
  // not stop: the call, and so its spans, stay open (see the README). ai 6 tells Threadline
  // of the call's abort signal.
  it.skipIf(!honours && major.name === 'ai 5')(
    'consumed partly, then the call aborted (which also frees the model connection)',
    async () => {
      const controller = new AbortController();
      const result = start(major, [answer], controller.signal);
      const seen: string[] = [];
      for await (const delta of result.textStream) {
        seen.push(delta);
        if (seen.length === 2) break;
      }
      controller.abort();
      expect(seen).toEqual(['one ', 'two ']);
      expect(await settled(harness)).toEqual(STREAM_SPANS);
    },
  );

  // The same limit for ai 5 when the reader stops right after aborting (on Node 24 the SDK's
  // stream does not end by itself after the abort, see below).
  it.skipIf(!honours && major.name === 'ai 5')(
    'aborted while the stream is being read',
    async () => {
      const controller = new AbortController();
      const result = start(major, [answer], controller.signal);
      const seen: string[] = [];
      for await (const delta of result.textStream) {
        seen.push(delta);
        if (seen.length === 2) {
          controller.abort();
          // What the SDK's stream does after the abort depends on the Node version, with or
          // without Threadline: on Node 24 it still yields a queued chunk and, with a model that
          // ignores the abort, never ends. The spans must end either way; stop reading here.
          break;
        }
      }
      expect(seen).toEqual(['one ', 'two ']);
      expect(await settled(harness)).toEqual(STREAM_SPANS);
    },
  );

  it('aborted before the stream is read', async () => {
    const controller = new AbortController();
    const result = start(major, [answer], controller.signal);
    controller.abort();
    for await (const _ of result.fullStream) {
    }
    expect(await settled(harness)).toEqual(STREAM_SPANS);
  });
});

describe.each(MAJORS)('$name: every streamObject span ends', (major) => {
  const harness = useHarness();
  const WEATHER_JSON = '{"city": "Paris", "temperature": 21}';

  function start(turn: Turn, abortSignal?: AbortSignal) {
    return propagateAttributes({ sessionId: 'conv-1', userId: 'user-1' }, () =>
      major.ai.streamObject({
        model: major.chatModel([turn]),
        schema: z.object({ city: z.string(), temperature: z.number() }),
        prompt: 'Weather in Paris as JSON',
        abortSignal,
        experimental_telemetry: telemetry(),
        onError: () => {},
      }),
    );
  }

  it('consumed partly, then the call aborted', async () => {
    const controller = new AbortController();
    const result = start({ text: WEATHER_JSON, holdAfter: 5 }, controller.signal);
    for await (const _ of result.partialObjectStream) break;
    controller.abort();
    expect(await settled(harness)).toEqual(['ai.streamObject', 'ai.streamObject.doStream']);
  });

  it('the model stream fails mid-way: the spans end, failed', async () => {
    const result = start({ text: WEATHER_JSON, failAfter: 5 });
    await expect(async () => {
      for await (const _ of result.partialObjectStream) {
      }
    }).rejects.toThrow('connection reset');
    expect(await settled(harness)).toEqual(['ai.streamObject', 'ai.streamObject.doStream']);
    for (const span of harness.capture.spans()) {
      expect(span.status.code, span.name).toBe(SpanStatusCode.ERROR);
    }
  });
});
