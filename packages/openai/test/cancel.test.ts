import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { jsonAttribute } from './support/attributes';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();
const LONG = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
const STREAM = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'tell me a long story' }],
  stream: true as const,
  stream_options: { include_usage: true },
};

function expectEndedEarly(reason: 'consumer_stopped' | 'aborted') {
  const span = h.onlySpan();
  expect(span.status.code).toBe(SpanStatusCode.UNSET);
  expect(span.attributes).toMatchObject({
    'threadline.end_reason': reason,
    'langfuse.observation.level': 'WARNING',
    'langfuse.observation.status_message': `ended early: ${reason}`,
  });
  expect(span.attributes['threadline.cancel_reason']).toBeUndefined();
  expect(span.events).toEqual([]);
  return span;
}

describe.each(SDKS)('leaving a stream early with %s', (_name, SDK) => {
  it('break ends the span once, cancelled, with what was read so far', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: LONG });
    const stream = await client.chat.completions.create(STREAM);
    let read = '';
    for await (const chunk of stream) {
      read += chunk.choices[0]?.delta.content ?? '';
      if (read.includes('word2')) break;
    }
    const span = expectEndedEarly('consumer_stopped');
    expect(span.attributes['langfuse.observation.completion_start_time']).toEqual(
      expect.any(String),
    );
    const output = jsonAttribute(span, 'langfuse.observation.output') as { content: string };
    expect(output.content).toBe(read);
    // The model had not said why it would stop: no finish reason.
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: read }] },
    ]);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('controller.abort() inside the loop ends the loop quietly and the span as aborted', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: LONG });
    const stream = await client.chat.completions.create(STREAM);
    let chunks = 0;
    for await (const _ of stream) {
      chunks++;
      if (chunks === 2) stream.controller.abort();
    }
    expect(chunks).toBeGreaterThanOrEqual(2);
    expectEndedEarly('aborted');
  });

  it('controller.abort() before any read ends the span at once', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const stream = await client.chat.completions.create(STREAM);
    expect(h.spans()).toEqual([]);
    stream.controller.abort();
    expectEndedEarly('aborted');
    const items: unknown[] = [];
    for await (const item of stream) items.push(item);
    expect(items).toEqual([]);
    expect(h.spans()).toHaveLength(1);
  });

  it('an aborted request signal rejects as without Threadline, span cancelled', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const controller = new AbortController();
    const promise = client.chat.completions.create(STREAM, { signal: controller.signal });
    controller.abort();
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SDK.APIUserAbortError);
    expectEndedEarly('aborted');
  });

  it("the request's own signal, fired mid-stream, ends the loop and the span as aborted", async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: LONG });
    const mine = new AbortController();
    const stream = await client.chat.completions.create(STREAM, { signal: mine.signal });
    let chunks = 0;
    for await (const _ of stream) {
      chunks++;
      if (chunks === 1) {
        mine.abort();
        // Ended at once, while the loop is between reads.
        expect(h.spans()).toHaveLength(1);
      }
    }
    expect(stream.controller.signal.aborted).toBe(true);
    expectEndedEarly('aborted');
  });

  it('cancel() on the stream from toReadableStream() ends the span as a break', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: LONG });
    const stream = await client.chat.completions.create(STREAM);
    const reader = stream.toReadableStream().getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    expectEndedEarly('consumer_stopped');
  });

  it('a throw inside the loop passes through; the span is a break, not an error', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: LONG });
    const stream = await client.chat.completions.create(STREAM);
    const mine = new Error('my own bug');
    const run = async () => {
      for await (const _ of stream) throw mine;
    };
    await expect(run()).rejects.toBe(mine);
    expectEndedEarly('consumer_stopped');
  });

  it('a tee read to its end by one side completes, whatever the other side does', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: LONG });
    const [left, right] = (await client.chat.completions.create(STREAM)).tee();
    for await (const _ of left) break;
    for await (const _ of right);
    const span = h.onlySpan();
    expect(span.attributes['threadline.end_reason']).toBeUndefined();
    expect((jsonAttribute(span, 'langfuse.observation.output') as any).content).toBe(LONG);
  });

  it('a dropped connection mid-stream fails the loop and the span with the same error', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ disconnectAfterChunks: 3, content: LONG });
    const stream = await client.chat.completions.create(STREAM);
    let chunks = 0;
    const error = await (async () => {
      for await (const _ of stream) chunks++;
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(chunks).toBe(3);
    const span = h.onlySpan();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(span.attributes['langfuse.observation.level']).toBe('ERROR');
    expect(span.attributes['threadline.end_reason']).toBeUndefined();
  });
});

describe.each(SDKS)('errors with %s', (_name, SDK) => {
  it.each([429, 500, 400])(
    'an HTTP %i reaches the caller unchanged; the span is an error',
    async (status) => {
      const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
      h.mock.enqueue({ error: { status, message: `failure ${status}` } });
      const error = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: STREAM.messages })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(SDK.APIError);
      expect(error).toMatchObject({ status });
      const span = h.onlySpan();
      expect(span.status).toEqual({
        code: SpanStatusCode.ERROR,
        message: (error as Error).message,
      });
      expect(span.attributes).toMatchObject({
        'error.type': String(status),
        'langfuse.observation.level': 'ERROR',
      });
      expect(span.events[0]?.name).toBe('exception');
      expect(span.events[0]?.attributes?.['exception.message']).toBe((error as Error).message);
    },
  );

  it('an HTTP error on a streamed request fails before any stream exists', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ error: { status: 503 } });
    await expect(
      client.responses.create({ model: 'gpt-4o-mini', input: 'x', stream: true }),
    ).rejects.toMatchObject({
      status: 503,
    });
    expect(h.onlySpan().status.code).toBe(SpanStatusCode.ERROR);
  });

  it('a connection dropped before the answer is an APIConnectionError and an error span', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ disconnectAfterChunks: 0 });
    const error = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SDK.APIConnectionError);
    const span = h.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('APIConnectionError');
  });
});
