import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useMockOpenAIClients } from './test-clients';

// Both majors run the same assertions.
const { mock, sdks } = useMockOpenAIClients();

const MESSAGES = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'hello there friend' },
];

describe.each(sdks)('chat completions with %s', (_name, makeClient) => {
  it('answers JSON with an echo, the request model and word-counted usage', async () => {
    const client = makeClient();
    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-test');
    expect(completion.created).toBeGreaterThan(1_700_000_000);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]!.message).toMatchObject({
      role: 'assistant',
      content: 'Echo: hello there friend',
    });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 5,
      completion_tokens: 4,
      total_tokens: 9,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'gpt-test', messages: MESSAGES },
    });
    expect(mock.requests[0]!.headers.authorization).toBe('Bearer test');
  });

  it('streams several deltas and a final usage chunk when include_usage is set', async () => {
    const client = makeClient();
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const deltas = chunks.flatMap((chunk) => chunk.choices.map((c) => c.delta.content ?? ''));
    expect(deltas.filter((delta) => delta !== '').length).toBeGreaterThanOrEqual(3);
    expect(deltas.join('')).toBe('Echo: hello there friend');
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    const finishes = chunks.flatMap((chunk) => chunk.choices.map((c) => c.finish_reason));
    expect(finishes.filter((reason) => reason !== null)).toEqual(['stop']);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
  });

  it('sends no usage field at all on chunks when usage was not asked for', async () => {
    const client = makeClient();
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      stream: true,
    });
    for await (const chunk of stream) {
      expect('usage' in chunk).toBe(false);
      expect(chunk.choices).toHaveLength(1);
    }
  });

  it('returns scripted tool calls with content null and finish_reason tool_calls', async () => {
    mock.enqueue({
      toolCalls: [
        { id: 'call_weather', name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_time', arguments: '{"zone":"CET"}' },
      ],
    });
    const client = makeClient();
    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      {
        id: 'call_weather',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'get_time', arguments: '{"zone":"CET"}' },
      },
    ]);
    // Output words: one per argument string without spaces.
    expect(completion.usage?.completion_tokens).toBe(2);
  });

  it('streams tool calls as indexed deltas that accumulate to the scripted calls', async () => {
    mock.enqueue({
      toolCalls: [
        { id: 'call_a', name: 'lookup', arguments: { query: 'a rather long search query' } },
        { id: 'call_b', name: 'other', arguments: {} },
      ],
    });
    const client = makeClient();
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      stream: true,
    });
    const calls: Array<{ id?: string; name: string; arguments: string }> = [];
    let finish: string | null = null;
    let argumentDeltas = 0;
    for await (const chunk of stream) {
      const choice = chunk.choices[0]!;
      finish = choice.finish_reason ?? finish;
      for (const delta of choice.delta.tool_calls ?? []) {
        calls[delta.index] ??= { name: '', arguments: '' };
        const call = calls[delta.index]!;
        if (delta.id) call.id = delta.id;
        call.name += delta.function?.name ?? '';
        call.arguments += delta.function?.arguments ?? '';
        if (delta.function?.arguments) argumentDeltas++;
      }
    }
    expect(calls).toEqual([
      { id: 'call_a', name: 'lookup', arguments: '{"query":"a rather long search query"}' },
      { id: 'call_b', name: 'other', arguments: '{}' },
    ]);
    expect(argumentDeltas).toBeGreaterThan(2);
    expect(finish).toBe('tool_calls');
  });

  it('parses JSON content generated from a raw json_schema response format', async () => {
    const client = makeClient();
    const completion = await client.chat.completions.parse({
      model: 'gpt-test',
      messages: MESSAGES,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          strict: true,
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              age: { type: 'integer', minimum: 18 },
              role: { type: 'string', enum: ['admin', 'user'] },
            },
            required: ['name', 'age', 'role'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(completion.choices[0]!.message.parsed).toEqual({
      name: 'example name',
      age: 18,
      role: 'admin',
    });
  });

  it('reports scripted usage with cached and reasoning tokens, and a scripted model', async () => {
    mock.enqueue({
      content: 'done',
      usage: { input: 100, output: 40, cached: 60, reasoning: 25 },
      model: 'gpt-test-2025-01-01',
      finishReason: 'length',
    });
    const client = makeClient();
    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
    });
    expect(completion.model).toBe('gpt-test-2025-01-01');
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 100,
      completion_tokens: 40,
      total_tokens: 140,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 25 },
    });
  });

  it('answers n choices', async () => {
    const client = makeClient();
    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      n: 2,
    });
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(completion.usage?.completion_tokens).toBe(8);
  });
});

describe('chat completions helpers of openai 6', () => {
  it('parses a zod 4 response format', async () => {
    const client = new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });
    const Answer = z.object({
      title: z.string(),
      score: z.number().min(0).max(1),
      tags: z.array(z.string()),
      when: z.iso.datetime(),
      nested: z.object({ ok: z.boolean(), note: z.string().nullable() }),
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-test',
      messages: MESSAGES,
      response_format: zodResponseFormat(Answer, 'answer'),
    });
    const parsed = completion.choices[0]!.message.parsed;
    expect(Answer.parse(parsed)).toEqual(parsed);
    expect(parsed?.tags.length).toBeGreaterThan(0);
  });

  it('parses scripted JSON content as given', async () => {
    mock.enqueue({ content: '{"title":"scripted","score":0.5}' });
    const client = new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });
    const completion = await client.chat.completions.parse({
      model: 'gpt-test',
      messages: MESSAGES,
      response_format: zodResponseFormat(z.object({ title: z.string(), score: z.number() }), 'a'),
    });
    expect(completion.choices[0]!.message.parsed).toEqual({ title: 'scripted', score: 0.5 });
  });

  it('accumulates a streamed tool call in the stream helper', async () => {
    mock.enqueue({ toolCalls: [{ id: 'call_x', name: 'search', arguments: { q: 'x y z' } }] });
    const client = new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });
    const stream = client.chat.completions.stream({
      model: 'gpt-test',
      messages: MESSAGES,
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.message.tool_calls).toEqual([
      expect.objectContaining({
        id: 'call_x',
        function: expect.objectContaining({ name: 'search', arguments: '{"q":"x y z"}' }),
      }),
    ]);
    expect(final.usage?.completion_tokens).toBe(3);
  });
});
