import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useMockOpenAIClients } from './test-clients';

// Both majors run the same assertions.
const { mock, sdks } = useMockOpenAIClients();

const STREAM_EVENT_ORDER = [
  'response.created',
  'response.in_progress',
  'response.output_item.added',
  'response.content_part.added',
  'response.output_text.delta',
  'response.output_text.done',
  'response.content_part.done',
  'response.output_item.done',
  'response.completed',
];

describe.each(sdks)('responses with %s', (_name, makeClient) => {
  it('answers a completed response with an output_text message and usage', async () => {
    const client = makeClient();
    const response = await client.responses.create({
      model: 'gpt-test',
      instructions: 'Be brief.',
      input: 'what is the weather',
    });
    expect(response.id).toMatch(/^resp_/);
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.model).toBe('gpt-test');
    expect(response.output).toEqual([
      {
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [
          {
            type: 'output_text',
            text: 'Echo: what is the weather',
            annotations: [],
            logprobs: [],
          },
        ],
      },
    ]);
    expect(response.output_text).toBe('Echo: what is the weather');
    expect(response.usage).toEqual({
      input_tokens: 6,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 11,
    });
    expect(mock.requests[0]).toMatchObject({ path: '/v1/responses', body: { model: 'gpt-test' } });
  });

  it('echoes the last user message of an input list and counts every item', async () => {
    const client = makeClient();
    const response = await client.responses.create({
      model: 'gpt-test',
      input: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: [{ type: 'input_text', text: 'second question' }] },
      ],
    });
    expect(response.output_text).toBe('Echo: second question');
    expect(response.usage?.input_tokens).toBe(6);
  });

  it('returns scripted function calls as function_call items', async () => {
    mock.enqueue({
      toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
      usage: { input: 10, output: 3, cached: 4, reasoning: 1 },
    });
    const client = makeClient();
    const response = await client.responses.create({ model: 'gpt-test', input: 'weather?' });
    expect(response.output).toEqual([
      {
        id: expect.stringMatching(/^fc_/),
        type: 'function_call',
        status: 'completed',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
      },
    ]);
    expect(response.usage).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 1 },
      total_tokens: 13,
    });
  });

  it('streams the typed events in order with increasing sequence numbers', async () => {
    const client = makeClient();
    const stream = await client.responses.create({
      model: 'gpt-test',
      input: 'tell me a short story',
      stream: true,
    });
    const events = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    // Collapse the run of deltas to compare the shape of the stream.
    expect(types.filter((type, i) => type !== types[i - 1])).toEqual(STREAM_EVENT_ORDER);
    expect(types.filter((type) => type === 'response.output_text.delta').length).toBeGreaterThan(2);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    const text = events
      .map((event) => (event.type === 'response.output_text.delta' ? event.delta : ''))
      .join('');
    expect(text).toBe('Echo: tell me a short story');
    const created = events[0]!;
    expect(created.type === 'response.created' && created.response.status).toBe('in_progress');
    const completed = events.at(-1)!;
    if (completed.type !== 'response.completed') throw new Error('no response.completed');
    expect(completed.response.status).toBe('completed');
    expect(completed.response.usage).toMatchObject({
      input_tokens: 5,
      output_tokens: 6,
      total_tokens: 11,
    });
    const itemIds = new Set(events.flatMap((event) => ('item_id' in event ? [event.item_id] : [])));
    expect([...itemIds]).toEqual([(completed.response.output[0] as { id: string }).id]);
  });

  it('streams function call arguments', async () => {
    mock.enqueue({ toolCalls: [{ id: 'call_s', name: 'search', arguments: { q: 'one two' } }] });
    const client = makeClient();
    const stream = await client.responses.create({
      model: 'gpt-test',
      input: 'search',
      stream: true,
    });
    let args = '';
    let done: unknown;
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') args += event.delta;
      if (event.type === 'response.function_call_arguments.done') done = event;
    }
    expect(args).toBe('{"q":"one two"}');
    expect(done).toMatchObject({ name: 'search', arguments: '{"q":"one two"}', output_index: 0 });
  });

  it('reports a scripted length finish as an incomplete response', async () => {
    mock.enqueue({ content: 'cut short', finishReason: 'length' });
    const client = makeClient();
    const response = await client.responses.create({ model: 'gpt-test', input: 'x' });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });
});

describe('responses helpers of openai 6', () => {
  it('builds the final response in the responses.stream helper', async () => {
    const client = new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });
    const stream = client.responses.stream({ model: 'gpt-test', input: 'stream helper please' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Echo: stream helper please');
    expect(deltas.join('')).toBe(final.output_text);
    expect(final.usage?.total_tokens).toBe(7);
  });

  it('parses a zod text format', async () => {
    const client = new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });
    const Event = z.object({ name: z.string(), attendees: z.array(z.string()).min(2) });
    const response = await client.responses.parse({
      model: 'gpt-test',
      input: 'extract the event',
      text: { format: zodTextFormat(Event, 'event') },
    });
    expect(Event.parse(response.output_parsed)).toEqual(response.output_parsed);
    expect(response.output_parsed?.attendees).toHaveLength(2);
  });
});
