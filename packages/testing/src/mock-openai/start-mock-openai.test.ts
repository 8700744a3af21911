import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import OpenAIv5 from 'openai-v5';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockOpenAI, MockRequest } from './mock-types';
import { MOCK_MODEL_IDS } from './models';
import { startMockOpenAI } from './start-mock-openai';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const MESSAGES = [{ role: 'user' as const, content: 'one two three four five' }];

// Both majors run the same assertions; v5 is typed as v6 because only its runtime is under test.
const SDKS: Array<[string, typeof OpenAI.APIError, (baseURL: string) => OpenAI]> = [
  [
    'openai 6',
    OpenAI.APIError,
    (baseURL) => new OpenAI({ baseURL, apiKey: 'test', maxRetries: 0 }),
  ],
  [
    'openai 5',
    OpenAIv5.APIError as unknown as typeof OpenAI.APIError,
    (baseURL) => new OpenAIv5({ baseURL, apiKey: 'test', maxRetries: 0 }) as unknown as OpenAI,
  ],
];

describe.each(SDKS)('server behaviour with %s', (_name, APIError, makeClient) => {
  it('lists and retrieves models', async () => {
    const client = makeClient(mock.baseURL);
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(MOCK_MODEL_IDS);
    const model = await client.models.retrieve('my-model');
    expect(model).toMatchObject({ id: 'my-model', object: 'model', owned_by: 'system' });
  });

  it.each([
    [429, 'requests', 'rate_limit_exceeded'],
    [500, 'server_error', null],
  ])('surfaces an enqueued %i as an APIError with that status', async (status, type, code) => {
    mock.enqueue({ error: { status } });
    const client = makeClient(mock.baseURL);
    const failure = client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    await expect(failure).rejects.toBeInstanceOf(APIError);
    await expect(failure).rejects.toMatchObject({ status, type, code });
    // The queue moved on: the next call gets the default reply.
    const next = await client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    expect(next.choices[0]!.message.content).toBe('Echo: one two three four five');
  });

  it('answers a streaming request with a scripted error as an HTTP error', async () => {
    mock.enqueue({ error: { status: 400, message: 'bad things', code: 'bad_code' } });
    const client = makeClient(mock.baseURL);
    const failure = client.responses.create({ model: 'gpt-test', input: 'x', stream: true });
    await expect(failure).rejects.toMatchObject({
      status: 400,
      code: 'bad_code',
      type: 'invalid_request_error',
      error: { message: 'bad things', param: null },
    });
  });

  it('fails the stream iteration after the scripted number of chunks', async () => {
    mock.enqueue({ disconnectAfterChunks: 2, content: 'a b c d e f' });
    const client = makeClient(mock.baseURL);
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      stream: true,
    });
    const received: string[] = [];
    const iterate = async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(iterate()).rejects.toThrow();
    // The role chunk and the first word arrived before the socket went away.
    expect(received).toEqual(['', 'a']);
  });

  it('fails a Responses stream mid-way as well', async () => {
    mock.enqueue({ disconnectAfterChunks: 4 });
    const client = makeClient(mock.baseURL);
    const stream = await client.responses.create({ model: 'gpt-test', input: 'x', stream: true });
    const types: string[] = [];
    const iterate = async () => {
      for await (const event of stream) types.push(event.type);
    };
    await expect(iterate()).rejects.toThrow();
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
  });

  it('drops the connection of a plain JSON request with a disconnect reply', async () => {
    mock.enqueue({ disconnectAfterChunks: 0 });
    const client = makeClient(mock.baseURL);
    const failure = client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    await expect(failure).rejects.toBeInstanceOf(APIError);
    await expect(failure).rejects.toMatchObject({ status: undefined });
    expect(mock.requests).toHaveLength(1);
  });
});

describe('scripting replies', () => {
  const client = () => new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });

  it('consumes enqueued replies in order, whatever the endpoint', async () => {
    mock.enqueue({ content: 'first' }, { content: 'second' }, { embedding: [1, 2] });
    const responses = await client().responses.create({ model: 'gpt-test', input: 'x' });
    const chat = await client().chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    const embedding = await client().embeddings.create({
      model: 'e',
      input: 'x',
      encoding_format: 'float',
    });
    const fallback = await client().chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
    });
    expect(responses.output_text).toBe('first');
    expect(chat.choices[0]!.message.content).toBe('second');
    expect(embedding.data[0]!.embedding).toEqual([1, 2]);
    expect(fallback.choices[0]!.message.content).toBe('Echo: one two three four five');
  });

  it('asks respond once the queue is empty, with the recorded request', async () => {
    const seen: MockRequest[] = [];
    const custom = await startMockOpenAI({
      respond: async (request) => {
        seen.push(request);
        if (request.body?.model === 'broken') throw new Error('no such script');
        return { content: `model ${request.body?.model}` };
      },
    });
    try {
      custom.enqueue({ content: 'queued' });
      const openai = new OpenAI({ baseURL: custom.baseURL, apiKey: 'test', maxRetries: 0 });
      const queued = await openai.chat.completions.create({ model: 'm1', messages: MESSAGES });
      const answered = await openai.chat.completions.create({ model: 'm2', messages: MESSAGES });
      expect(queued.choices[0]!.message.content).toBe('queued');
      expect(answered.choices[0]!.message.content).toBe('model m2');
      expect(seen).toEqual([custom.requests[1]]);
      const failure = openai.chat.completions.create({ model: 'broken', messages: MESSAGES });
      await expect(failure).rejects.toMatchObject({
        status: 500,
        message: expect.stringContaining('no such script'),
      });
    } finally {
      await custom.close();
    }
  });

  it('clears requests in place and the queue on reset', async () => {
    const requests = mock.requests;
    mock.enqueue({ content: 'never used' });
    await client().models.list();
    expect(requests).toHaveLength(1);
    mock.reset();
    expect(requests).toHaveLength(0);
    const chat = await client().chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    expect(chat.choices[0]!.message.content).toBe('Echo: one two three four five');
    expect(mock.requests).toBe(requests);
  });
});

describe('raw HTTP', () => {
  it('answers unknown paths with a 404 error body and leaves the queue alone', async () => {
    mock.enqueue({ content: 'kept' });
    const response = await fetch(`${mock.baseURL}/nope`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/nope)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    const prototypeKey = await fetch(`${mock.baseURL}/constructor`, { method: 'POST' });
    expect(prototypeKey.status).toBe(404);
    const chat = await fetch(`${mock.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: MESSAGES }),
    });
    expect(((await chat.json()) as any).choices[0].message.content).toBe('kept');
    expect(mock.requests.map((request) => request.path)).toEqual([
      '/v1/nope',
      '/v1/constructor',
      '/v1/chat/completions',
    ]);
  });

  it('answers a body that is not JSON with a 400', async () => {
    const response = await fetch(`${mock.baseURL}/chat/completions`, {
      method: 'POST',
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.type).toBe('invalid_request_error');
    expect(mock.requests[0]!.body).toBeUndefined();
  });

  it('writes SSE with data lines and a [DONE] terminator', async () => {
    const response = await fetch(`${mock.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: MESSAGES, stream: true }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const events = text.split('\n\n').filter((event) => event !== '');
    expect(events.every((event) => event.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
  });
});

describe('timing options', () => {
  it('delays the response head by latencyMs', async () => {
    const slow = await startMockOpenAI({ latencyMs: 60 });
    try {
      const openai = new OpenAI({ baseURL: slow.baseURL, apiKey: 'test', maxRetries: 0 });
      const started = performance.now();
      await openai.chat.completions.create({ model: 'm', messages: MESSAGES });
      // A small margin: timers and performance.now() may round differently.
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      expect(slow.requests).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it('waits chunkDelayMs between SSE chunks', async () => {
    const slow = await startMockOpenAI({ chunkDelayMs: 20 });
    try {
      const openai = new OpenAI({ baseURL: slow.baseURL, apiKey: 'test', maxRetries: 0 });
      const started = performance.now();
      const stream = await openai.chat.completions.create({
        model: 'm',
        messages: MESSAGES,
        stream: true,
      });
      let chunks = 0;
      for await (const _chunk of stream) chunks++;
      // 8 chunks (role, 6 words, finish) leave 7 gaps of 20 ms. Measured from the request, not
      // between arrivals: a busy event loop may hand two chunks over at once. The margin covers
      // timers that round their start down to the millisecond.
      expect(chunks).toBe(8);
      expect(performance.now() - started).toBeGreaterThanOrEqual(7 * 20 - 10);
    } finally {
      await slow.close();
    }
  });
});

describe('load and shutdown', () => {
  it('completes 200 concurrent streams', async () => {
    const openai = new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });
    const texts = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const stream = await openai.chat.completions.create({
          model: 'gpt-test',
          messages: [{ role: 'user', content: `request ${i}` }],
          stream: true,
          stream_options: { include_usage: true },
        });
        let text = '';
        let usage = 0;
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta.content ?? '';
          usage = chunk.usage?.total_tokens ?? usage;
        }
        return { text, usage };
      }),
    );
    expect(texts).toEqual(
      Array.from({ length: 200 }, (_, i) => ({ text: `Echo: request ${i}`, usage: 5 })),
    );
    expect(mock.requests).toHaveLength(200);
  });

  it('closes with open keep-alive sockets and a stream still running', async () => {
    const server = await startMockOpenAI({ chunkDelayMs: 60_000, latencyMs: 0 });
    const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
    // Leaves a keep-alive socket open in the client's pool.
    await openai.models.list();
    const stream = await openai.chat.completions.create({
      model: 'm',
      messages: MESSAGES,
      stream: true,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await server.close();
    await expect(iterator.next()).rejects.toThrow();
    await expect(fetch(`${server.url}/v1/models`)).rejects.toThrow();
    // close() is idempotent.
    await server.close();
  });
});
