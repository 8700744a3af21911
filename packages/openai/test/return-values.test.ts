import { getEventListeners } from 'node:events';
import { SpanStatusCode } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { jsonAttribute } from './support/attributes';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();
const MESSAGES = [{ role: 'user' as const, content: 'count to five' }];
const STREAM = {
  model: 'gpt-4o-mini',
  messages: MESSAGES,
  stream: true as const,
  stream_options: { include_usage: true },
};

async function readAll(stream: AsyncIterable<any>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices?.[0]?.delta?.content ?? '';
  return text;
}

describe.each(SDKS)('what the caller gets back from %s', (_name, SDK) => {
  it('is the same APIPromise class as from the bare client', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const observed = observeOpenAI(bare);
    const barePromise = bare.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const promise = observed.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    expect(Object.getPrototypeOf(promise)).toBe(Object.getPrototypeOf(barePromise));
    expect(promise).toBeInstanceOf(Promise);
    const [bareResult, result] = await Promise.all([barePromise, promise]);
    expect(Object.keys(result).sort()).toEqual(Object.keys(bareResult).sort());
    // The SDK's non-enumerable request id, from the response head, as on the bare result.
    expect(Object.getOwnPropertyDescriptor(result, '_request_id')).toMatchObject({
      enumerable: false,
      value: bareResult._request_id === null ? null : expect.any(String),
    });
    expect(h.spans()).toHaveLength(1);
  });

  it('withResponse() gives data, Response and request id; the span records the answer', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'one two three' });
    const { data, response, request_id } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: MESSAGES })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe('one two three');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(request_id).toBe(response.headers.get('x-request-id'));
    const span = h.onlySpan();
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual({
      role: 'assistant',
      content: 'one two three',
    });
  });

  it('withResponse() of a stream gives the observed SDK Stream', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'streamed with response' });
    const { data: stream, response } = await client.chat.completions.create(STREAM).withResponse();
    expect(response.headers.get('content-type')).toMatch(/event-stream/);
    expect(await readAll(stream)).toBe('streamed with response');
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(3);
    expect(span.attributes['langfuse.observation.completion_start_time']).toEqual(
      expect.any(String),
    );
  });

  it('asResponse() leaves the body to the caller; the span ends without output', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'raw body' });
    const response = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: MESSAGES })
      .asResponse();
    const span = h.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['langfuse.observation.output']).toBeUndefined();
    const body = (await response.json()) as any;
    expect(body.choices[0].message.content).toBe('raw body');
  });

  it('asResponse() of a stream leaves the raw event stream to the caller', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'raw events' });
    const response = await client.chat.completions.create(STREAM).asResponse();
    h.onlySpan();
    const text = await response.text();
    expect(text).toContain('data: [DONE]');
    expect(text).toContain('"raw"');
  });

  it('_thenUnwrap() chains on the observed promise', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const promise = client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const id = await (promise as any)._thenUnwrap((completion: { id: string }) => completion.id);
    expect(id).toMatch(/^chatcmpl-/);
    expect(h.onlySpan().attributes['gen_ai.response.id']).toBe(id);
  });

  it('_thenUnwrap() twice: each transform gets what the one before made', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'chained' });
    const promise = client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const text = await (promise as any)
      ._thenUnwrap((completion: any) => completion.choices[0].message)
      ._thenUnwrap((message: { content: string }) => message.content.toUpperCase());
    expect(text).toBe('CHAINED');
    expect(jsonAttribute(h.onlySpan(), 'langfuse.observation.output')).toEqual({
      role: 'assistant',
      content: 'chained',
    });
  });

  it('_thenUnwrap() of a stream hands the observed stream to the transform', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'unwrapped stream' });
    const promise = client.chat.completions.create(STREAM);
    const stream = await (promise as any)._thenUnwrap((s: AsyncIterable<unknown>) => s);
    expect(h.spans()).toEqual([]);
    expect(await readAll(stream)).toBe('unwrapped stream');
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(2);
    expect(span.attributes['threadline.end_reason']).toBeUndefined();
  });

  it('_thenUnwrap() of a failing call rejects with the SDK error; the span is that error', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ error: { status: 500, message: 'down' } });
    const promise = client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const error = await (promise as any)
      ._thenUnwrap((c: unknown) => c)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SDK.APIError);
    const span = h.onlySpan();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    expect(span.attributes['error.type']).toBe('500');
  });

  it("a transform's own error reaches the caller; the span keeps the answer", async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const mine = new Error('my transform');
    const promise = client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    await expect(
      (promise as any)._thenUnwrap(() => {
        throw mine;
      }),
    ).rejects.toBe(mine);
    const span = h.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['gen_ai.response.id']).toMatch(/^chatcmpl-/);
  });

  it('a stream is the SDK Stream, with its controller, read once like the bare one', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const bareStream = await bare.chat.completions.create(STREAM);
    const stream = await observeOpenAI(bare).chat.completions.create(STREAM);
    expect(stream.constructor).toBe(bareStream.constructor);
    expect(stream.controller).toBeInstanceOf(AbortController);
    expect(await readAll(stream)).toBe(await readAll(bareStream));
    await expect(readAll(stream)).rejects.toThrow(/consumed stream/);
    await expect(readAll(bareStream)).rejects.toThrow(/consumed stream/);
    const span = h.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
  });

  it('tee() gives two full streams and one span', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'left and right' });
    const stream = await client.chat.completions.create(STREAM);
    const [left, right] = stream.tee();
    expect(left.constructor).toBe(stream.constructor);
    const [a, b] = await Promise.all([readAll(left), readAll(right)]);
    expect(a).toBe('left and right');
    expect(b).toBe('left and right');
    const span = h.onlySpan();
    expect(span.attributes['threadline.end_reason']).toBeUndefined();
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual({
      role: 'assistant',
      content: 'left and right',
    });
  });

  it('toReadableStream() round-trips through the SDK and ends the span once', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'over the wire' });
    const stream = await client.chat.completions.create(STREAM);
    const readable = stream.toReadableStream();
    const again = (stream.constructor as any).fromReadableStream(readable, new AbortController());
    expect(await readAll(again)).toBe('over the wire');
    expect(h.onlySpan().attributes['gen_ai.usage.input_tokens']).toBe(3);
  });

  it('runs the SDK call under the span: the HTTP request sees it active', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL), { sessionId: 'conv-ctx' });
    // A custom fetch is the SDK's public hook; it runs inside the request like HTTP instrumentation.
    const { trace, context } = await import('@opentelemetry/api');
    let activeSpanId: string | undefined;
    const withFetch = client.withOptions({
      fetch: (url: any, init: any) => {
        activeSpanId = trace.getSpan(context.active())?.spanContext().spanId;
        return fetch(url, init);
      },
    });
    await withFetch.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const span = h.onlySpan();
    expect(activeSpanId).toBe(span.spanContext().spanId);
    // withOptions keeps the client observed, with its options.
    expect(span.attributes['session.id']).toBe('conv-ctx');
  });
});

describe.each(SDKS)('what the wrapper leaves alone in %s', (_name, SDK) => {
  it('models.list and other resources are the bare ones and make no span', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const client = observeOpenAI(bare, { sessionId: 'conv-x' });
    expect(client.models).toBe(bare.models);
    expect(client.files).toBe(bare.files);
    expect(client.chat.completions.messages).toBe(bare.chat.completions.messages);
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    const bareIds: string[] = [];
    for await (const model of bare.models.list()) bareIds.push(model.id);
    expect(ids).toEqual(bareIds);
    const page = await client.models.list();
    expect(page.constructor).toBe((await bare.models.list()).constructor);
    expect(await client.models.retrieve('gpt-4o-mini')).toMatchObject({ id: 'gpt-4o-mini' });
    expect(h.spans()).toEqual([]);
  });

  it('client methods run with the bare client as this (private fields work)', () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const client = observeOpenAI(bare);
    expect(client).toBeInstanceOf(SDK);
    expect(client.baseURL).toBe(bare.baseURL);
    expect(client.apiKey).toBe(bare.apiKey);
    expect((client as any).buildURL('/models', { a: 1 })).toBe(
      (bare as any).buildURL('/models', { a: 1 }),
    );
    expect(client.constructor).toBe(bare.constructor);
    expect(client.chat.completions).toBe(client.chat.completions);
  });

  it('non-instrumented methods of an instrumented resource make no span', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    // The mock has no stored completions: the SDK's own 404 comes back, untouched.
    await expect(client.chat.completions.retrieve('chatcmpl-x')).rejects.toMatchObject({
      status: 404,
    });
    expect(h.spans()).toEqual([]);
  });

  it('makes no span and changes nothing when the span is not recording', async () => {
    const { BasicTracerProvider, AlwaysOffSampler } = await import('@opentelemetry/sdk-trace-base');
    const off = new BasicTracerProvider({ sampler: new AlwaysOffSampler() });
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL), { tracerProvider: off });
    const stream = await client.chat.completions.create(STREAM);
    expect(await readAll(stream)).toBe('Echo: count to five');
    expect(h.spans()).toEqual([]);
  });

  it('a failing tracer provider never reaches the caller', async () => {
    const broken = {
      getTracer() {
        throw new Error('no tracer today');
      },
    };
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL), { tracerProvider: broken });
    const completion = await client.chat.completions.create({ model: 'm', messages: MESSAGES });
    expect(completion.choices[0]!.message.content).toBe('Echo: count to five');
    expect(h.ledger.diagnostics.some((m) => m.includes('start an OpenAI span failed'))).toBe(true);
  });

  it("leaves no listener on a request signal's stream once the stream has ended", async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const mine = new AbortController();
    const listeners = async (client: typeof bare) => {
      const stream = await client.chat.completions.create(STREAM, { signal: mine.signal });
      await readAll(stream);
      return getEventListeners(stream.controller.signal, 'abort').length;
    };
    expect(await listeners(observeOpenAI(bare))).toBe(await listeners(bare));
    expect(h.onlySpan().attributes['threadline.end_reason']).toBeUndefined();
  });

  it('gives back what is not a client', () => {
    expect(observeOpenAI(null as unknown as object)).toBe(null);
  });

  it('a scope around the call still applies with a tracerProvider option', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL), {
      tracerProvider: h.capture.provider,
    });
    await propagateAttributes({ sessionId: 'conv-tp' }, () =>
      client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }),
    );
    expect(h.onlySpan().attributes['session.id']).toBe('conv-tp');
  });
});
