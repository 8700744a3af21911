import { SpanStatusCode } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { jsonAttribute } from './support/attributes';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();

describe.each(SDKS)('Responses API with %s', (_name, SDK) => {
  it('a plain call records parameters, usage details, finish reason and output', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL), { userId: 'user-r' });
    h.mock.enqueue({
      content: 'done',
      usage: { input: 30, output: 20, cached: 10, reasoning: 15 },
    });
    const response = await propagateAttributes({ sessionId: 'conv-r' }, () =>
      client.responses.create({
        model: 'o4-mini',
        instructions: 'be brief',
        input: 'summarise the ticket',
        temperature: 0.5,
        top_p: 0.8,
        max_output_tokens: 256,
        reasoning: { effort: 'low' },
      }),
    );
    expect(response.output_text).toBe('done');
    const span = h.onlySpan();
    expect(span.name).toBe('chat o4-mini');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'o4-mini',
      'gen_ai.request.temperature': 0.5,
      'gen_ai.request.top_p': 0.8,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.response.id': response.id,
      'gen_ai.response.model': 'o4-mini',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 20,
      'gen_ai.usage.cache_read.input_tokens': 10,
      'gen_ai.usage.reasoning.output_tokens': 15,
      'gen_ai.conversation.id': 'conv-r',
      'session.id': 'conv-r',
      'user.id': 'user-r',
    });
    expect(jsonAttribute(span, 'langfuse.observation.model.parameters')).toEqual({
      temperature: 0.5,
      top_p: 0.8,
      max_output_tokens: 256,
      reasoning_effort: 'low',
    });
    expect(jsonAttribute(span, 'langfuse.observation.usage_details')).toEqual({
      input: 20,
      output: 5,
      total: 50,
      input_cached_tokens: 10,
      output_reasoning_tokens: 15,
    });
    expect(jsonAttribute(span, 'langfuse.observation.input')).toEqual({
      instructions: 'be brief',
      input: 'summarise the ticket',
    });
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual(
      JSON.parse(JSON.stringify(response.output)),
    );
    // `instructions` are given apart from the input: the conventions' system instructions.
    expect(jsonAttribute(span, 'gen_ai.system_instructions')).toEqual([
      { type: 'text', content: 'be brief' },
    ]);
    expect(jsonAttribute(span, 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'summarise the ticket' }] },
    ]);
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'done' }], finish_reason: 'stop' },
    ]);
    expect(span.attributes['gen_ai.tool.definitions']).toBeUndefined();
    expect(span.attributes['openai.api.type']).toBe('responses');
  });

  it('input items, tool calls and results, tool definitions and a tool call answer', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ toolCalls: [{ id: 'call_9', name: 'refund', arguments: { order: 'A-17' } }] });
    const parameters = { type: 'object', properties: { order: { type: 'string' } } };
    await client.responses.create({
      model: 'gpt-4o-mini',
      input: [
        { role: 'system', content: 'you handle refunds' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'refund A-17' },
            { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'auto' },
            { type: 'input_file', file_id: 'file-1' },
          ],
        },
        { type: 'function_call', call_id: 'call_8', name: 'lookup', arguments: '{"order":"A-17"}' },
        { type: 'function_call_output', call_id: 'call_8', output: '{"paid":true}' },
      ],
      tools: [
        {
          type: 'function',
          name: 'refund',
          description: 'Refund an order',
          parameters,
          strict: true,
        },
        { type: 'web_search_preview' },
      ],
      text: { format: { type: 'json_object' } },
    });
    const span = h.onlySpan();
    expect(jsonAttribute(span, 'gen_ai.input.messages')).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'you handle refunds' }] },
      {
        role: 'user',
        parts: [
          { type: 'text', content: 'refund A-17' },
          { type: 'text', content: '[image/jpeg: not recorded]' },
          { type: 'file', file_id: 'file-1' },
        ],
      },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_8', name: 'lookup', arguments: { order: 'A-17' } }],
      },
      {
        role: 'tool',
        parts: [{ type: 'tool_call_response', id: 'call_8', response: '{"paid":true}' }],
      },
    ]);
    expect(span.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(jsonAttribute(span, 'gen_ai.tool.definitions')).toEqual([
      { type: 'function', name: 'refund', description: 'Refund an order', parameters },
      { type: 'web_search_preview', name: 'web_search_preview' },
    ]);
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_9', name: 'refund', arguments: { order: 'A-17' } }],
        finish_reason: 'tool_call',
      },
    ]);
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(span.attributes['gen_ai.output.type']).toBe('json');
  });

  it('a streamed call takes usage and output from the final event', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'alpha beta gamma', usage: { input: 5, output: 3 } });
    const stream = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'go',
      stream: true,
    });
    let text = '';
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('alpha beta gamma');
    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 5,
      'gen_ai.usage.output_tokens': 3,
    });
    expect(span.attributes['gen_ai.response.id']).toMatch(/^resp_/);
    expect(span.attributes['langfuse.observation.completion_start_time']).toEqual(
      expect.any(String),
    );
    const output = jsonAttribute(span, 'langfuse.observation.output') as any[];
    expect(output[0].content[0].text).toBe('alpha beta gamma');
    expect(jsonAttribute(span, 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'go' }] },
    ]);
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'alpha beta gamma' }],
        finish_reason: 'stop',
      },
    ]);
    expect(span.attributes['gen_ai.request.stream']).toBe(true);
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toEqual(expect.any(Number));
  });

  it('a stream left early keeps the id, model and text read so far', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'alpha beta gamma delta epsilon zeta' });
    const stream = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'go',
      stream: true,
    });
    let text = '';
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (text.includes('beta')) break;
    }
    const span = h.onlySpan();
    expect(span.attributes['threadline.end_reason']).toBe('consumer_stopped');
    expect(span.attributes['gen_ai.response.model']).toBe('gpt-4o-mini');
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    const output = jsonAttribute(span, 'langfuse.observation.output') as any[];
    expect(output[0].content[0].text).toBe(text);
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: text }] },
    ]);
  });

  it.each([
    [{ finishReason: 'length' }, 'length'],
    [{ toolCalls: [{ name: 'search', arguments: { q: 'x' } }] }, 'tool_calls'],
  ])('maps the response status to a finish reason (%j)', async (reply, reason) => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue(reply);
    await client.responses.create({ model: 'gpt-4o-mini', input: 'go' });
    expect(h.onlySpan().attributes['gen_ai.response.finish_reasons']).toEqual([reason]);
  });

  it('responses.stream() and other methods make no span', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const client = observeOpenAI(bare);
    expect(client.responses.inputItems).toBe(bare.responses.inputItems);
    await expect(client.responses.retrieve('resp_missing')).rejects.toMatchObject({ status: 404 });
    expect(h.spans()).toEqual([]);
  });

  it('an error status reaches the caller unchanged', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ error: { status: 401, message: 'bad key' } });
    await expect(
      client.responses.create({ model: 'gpt-4o-mini', input: 'go' }),
    ).rejects.toBeInstanceOf(SDK.AuthenticationError);
    expect(h.onlySpan().status.code).toBe(SpanStatusCode.ERROR);
  });
});
