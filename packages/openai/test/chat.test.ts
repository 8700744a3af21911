import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { observeOpenAI } from '../src/index';
import { hrMillis, jsonAttribute } from './support/attributes';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();
const MESSAGES = [{ role: 'user' as const, content: 'where is my parcel' }];

describe.each(SDKS)('chat completions with %s', (_name, SDK) => {
  it('a plain call carries the scope (contract #dialects) and the model call keys (#adapter-spans)', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({
      content: 'it is on its way',
      usage: { input: 40, output: 12, cached: 8, reasoning: 5 },
    });
    const completion = await propagateAttributes(
      { sessionId: 'conv-1', userId: 'user-1', tags: ['support'], metadata: { tier: 'gold' } },
      () =>
        client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: MESSAGES,
          temperature: 0.2,
          top_p: 0.9,
          max_completion_tokens: 64,
          stop: ['END'],
          seed: 7,
          frequency_penalty: 0.1,
          presence_penalty: 0.3,
          n: 1,
        }),
    );
    expect(completion.choices[0]!.message.content).toBe('it is on its way');

    const span = h.onlySpan();
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({
      'session.id': 'conv-1',
      'user.id': 'user-1',
      'langfuse.trace.tags': ['support'],
      'langfuse.trace.metadata.tier': 'gold',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.conversation.id': 'conv-1',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.request.seed': 7,
      'gen_ai.request.frequency_penalty': 0.1,
      'gen_ai.request.presence_penalty': 0.3,
      'gen_ai.request.choice.count': 1,
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.response.id': completion.id,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 40,
      'gen_ai.usage.output_tokens': 12,
      'gen_ai.usage.cache_read.input_tokens': 8,
      'gen_ai.usage.reasoning.output_tokens': 5,
      'server.address': '127.0.0.1',
      'langfuse.observation.type': 'generation',
      'langfuse.observation.model.name': 'gpt-4o-mini',
    });
    // Langfuse's own OpenAI mapping: detail counts listed apart from input and output.
    expect(jsonAttribute(span, 'langfuse.observation.usage_details')).toEqual({
      input: 32,
      output: 7,
      total: 52,
      input_cached_tokens: 8,
      output_reasoning_tokens: 5,
    });
    expect(jsonAttribute(span, 'langfuse.observation.model.parameters')).toEqual({
      temperature: 0.2,
      top_p: 0.9,
      max_completion_tokens: 64,
      stop: ['END'],
      seed: 7,
      frequency_penalty: 0.1,
      presence_penalty: 0.3,
      n: 1,
    });
    expect(jsonAttribute(span, 'langfuse.observation.input')).toEqual(MESSAGES);
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual({
      role: 'assistant',
      content: 'it is on its way',
    });
    expect(span.attributes['langfuse.observation.completion_start_time']).toBeUndefined();
    // The OpenTelemetry GenAI conventions' content attributes, and how the call was made.
    expect(jsonAttribute(span, 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'where is my parcel' }] },
    ]);
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'it is on its way' }],
        finish_reason: 'stop',
      },
    ]);
    expect(span.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(span.attributes['gen_ai.tool.definitions']).toBeUndefined();
    expect(span.attributes['openai.api.type']).toBe('chat_completions');
    expect(span.attributes['gen_ai.request.stream']).toBeUndefined();
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeUndefined();
  });

  it('a conversation: instructions in place, images, tool calls and results, tool definitions', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'it is in Lyon' });
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'track',
          description: 'Where a parcel is',
          parameters: { type: 'object', properties: { parcel: { type: 'string' } } },
        },
      },
    ];
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'developer', content: 'answer in one line' },
        { role: 'system', content: [{ type: 'text', text: 'you help with parcels' }] },
        {
          role: 'user',
          name: 'ann',
          content: [
            { type: 'text', text: 'where is this parcel' },
            { type: 'image_url', image_url: { url: 'https://example.com/label.png' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_7',
              type: 'function',
              function: { name: 'track', arguments: '{"parcel":"P-1"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_7', content: 'in Lyon' },
      ],
      tools,
      response_format: { type: 'text' },
    });
    const span = h.onlySpan();
    expect(jsonAttribute(span, 'gen_ai.input.messages')).toEqual([
      { role: 'developer', parts: [{ type: 'text', content: 'answer in one line' }] },
      { role: 'system', parts: [{ type: 'text', content: 'you help with parcels' }] },
      {
        role: 'user',
        name: 'ann',
        parts: [
          { type: 'text', content: 'where is this parcel' },
          { type: 'uri', modality: 'image', uri: 'https://example.com/label.png' },
          { type: 'text', content: '[image/png: not recorded]' },
        ],
      },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_7', name: 'track', arguments: { parcel: 'P-1' } }],
      },
      {
        role: 'tool',
        parts: [{ type: 'tool_call_response', id: 'call_7', response: 'in Lyon' }],
      },
    ]);
    expect(span.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(jsonAttribute(span, 'gen_ai.tool.definitions')).toEqual([
      {
        type: 'function',
        name: 'track',
        description: 'Where a parcel is',
        parameters: { type: 'object', properties: { parcel: { type: 'string' } } },
      },
    ]);
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'it is in Lyon' }],
        finish_reason: 'stop',
      },
    ]);
    expect(span.attributes['gen_ai.output.type']).toBe('text');
  });

  it('a long prompt keeps gen_ai.input.messages valid JSON within the bound', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const long = 'parcel '.repeat(10_000);
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: long },
      ],
    });
    const raw = h.onlySpan().attributes['gen_ai.input.messages'] as string;
    expect(raw.length).toBeLessThanOrEqual(32_768);
    const [system, user] = JSON.parse(raw);
    expect(system).toEqual({ role: 'system', parts: [{ type: 'text', content: 'be brief' }] });
    expect(user.parts[0].content).toMatch(/^parcel parcel .*…\[truncated\]$/);
  });

  it('a streamed call records usage, finish reason, output and the first chunk time', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'one two three four', usage: { input: 9, output: 4 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('one two three four');

    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 9,
      'gen_ai.usage.output_tokens': 4,
      'gen_ai.response.model': 'gpt-4o-mini',
    });
    expect(span.attributes['gen_ai.response.id']).toMatch(/^chatcmpl-/);
    expect(span.attributes['threadline.end_reason']).toBeUndefined();
    expect(jsonAttribute(span, 'langfuse.observation.usage_details')).toEqual({
      input: 9,
      output: 4,
      total: 13,
    });
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual({
      role: 'assistant',
      content: 'one two three four',
    });
    // Put together from the deltas, with the finish reason of the last chunk.
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'one two three four' }],
        finish_reason: 'stop',
      },
    ]);
    expect(span.attributes['gen_ai.request.stream']).toBe(true);
    const ttfc = span.attributes['gen_ai.response.time_to_first_chunk'] as number;
    expect(ttfc).toBeGreaterThan(0);
    expect(ttfc).toBeLessThanOrEqual(
      (hrMillis(span.endTime) - hrMillis(span.startTime)) / 1000 + 0.001,
    );
    const first = Date.parse(
      span.attributes['langfuse.observation.completion_start_time'] as string,
    );
    expect(first).toBeGreaterThanOrEqual(Math.floor(hrMillis(span.startTime)));
    expect(first).toBeLessThanOrEqual(Math.ceil(hrMillis(span.endTime)));
  });

  it('a stream without include_usage has no usage, but its finish reason', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      stream: true,
    });
    for await (const _ of stream);
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(span.attributes['langfuse.observation.usage_details']).toBeUndefined();
  });

  it('streamed tool calls are put together in the output', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({
      toolCalls: [
        { id: 'call_1', name: 'lookup_order', arguments: { order: 'A-17', verbose: true } },
      ],
    });
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'lookup_order', parameters: { type: 'object', properties: {} } },
      },
    ];
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      tools,
      stream: true,
    });
    for await (const _ of stream);
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(jsonAttribute(span, 'langfuse.observation.input')).toEqual({
      messages: MESSAGES,
      tools,
    });
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'lookup_order', arguments: '{"order":"A-17","verbose":true}' },
        },
      ],
    });
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [
          {
            type: 'tool_call',
            id: 'call_1',
            name: 'lookup_order',
            arguments: { order: 'A-17', verbose: true },
          },
        ],
        finish_reason: 'tool_call',
      },
    ]);
    expect(jsonAttribute(span, 'gen_ai.tool.definitions')).toEqual([
      { type: 'function', name: 'lookup_order', parameters: { type: 'object', properties: {} } },
    ]);
  });

  it('several choices give a list of messages and of finish reasons', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'same' });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, n: 2 });
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop', 'stop']);
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual([
      { role: 'assistant', content: 'same' },
      { role: 'assistant', content: 'same' },
    ]);
    const choice = { role: 'assistant', parts: [{ type: 'text', content: 'same' }] };
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      { ...choice, finish_reason: 'stop' },
      { ...choice, finish_reason: 'stop' },
    ]);
  });

  it('parse makes one span and the caller still gets the parsed object', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const Order = z.object({ order: z.string(), late: z.boolean() });
    h.mock.enqueue({ content: JSON.stringify({ order: 'A-17', late: false }) });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'order', strict: true, schema: z.toJSONSchema(Order) as any },
        // The hook the SDK's zod helpers set; their zod support differs per major.
        $parseRaw: (content: string) => Order.parse(JSON.parse(content)),
      } as any,
    });
    expect(completion.choices[0]!.message.parsed).toEqual({ order: 'A-17', late: false });
    const span = h.onlySpan();
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(jsonAttribute(span, 'langfuse.observation.output')).toEqual({
      role: 'assistant',
      content: '{"order":"A-17","late":false}',
    });
    expect(span.attributes['gen_ai.output.type']).toBe('json');
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: '{"order":"A-17","late":false}' }],
        finish_reason: 'stop',
      },
    ]);
  });

  it('an answer the parse step rejects ends the span with that error', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: '{"order":', finishReason: 'length' });
    const failure = client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      response_format: { type: 'json_schema', json_schema: { name: 'order', schema: {} } },
    });
    const error = await failure.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).constructor.name).toBe('LengthFinishReasonError');
    const span = h.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('LengthFinishReasonError');
    expect(span.events[0]?.attributes?.['exception.message']).toBe((error as Error).message);
  });

  it('parse that throws before any request ends its span with the error', () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const call = () =>
      client.chat.completions.parse({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
        tools: [{ type: 'function', function: { name: 'loose', parameters: {} } }],
      });
    expect(call).toThrow(/strict/);
    const span = h.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(h.mock.requests).toHaveLength(0);
  });

  it('per-call options win over the scope, field by field (contract #precedence)', async () => {
    const client = clientOf(SDK, h.mock.baseURL);
    await propagateAttributes(
      {
        sessionId: 'scope-session',
        userId: 'scope-user',
        tags: ['scope'],
        metadata: { tier: 'free', region: 'eu' },
      },
      () =>
        observeOpenAI(client, {
          sessionId: 'call-session',
          tags: ['call'],
          metadata: { tier: 'gold' },
          release: 'r-42',
        }).chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES }),
    );
    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'session.id': 'call-session',
      'gen_ai.conversation.id': 'call-session',
      'user.id': 'scope-user',
      'langfuse.trace.metadata.tier': 'gold',
      'langfuse.trace.metadata.region': 'eu',
      'langfuse.release': 'r-42',
    });
    expect([...(span.attributes['langfuse.trace.tags'] as string[])].sort()).toEqual([
      'call',
      'scope',
    ]);
  });

  it('generationName names the span', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL), { generationName: 'triage' });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    expect(h.onlySpan().name).toBe('triage');
  });

  it('observing an observed client combines the options and makes one span per call', async () => {
    const base = observeOpenAI(clientOf(SDK, h.mock.baseURL), {
      userId: 'user-9',
      tags: ['a'],
      metadata: { tier: 'free' },
    });
    expect(observeOpenAI(base)).toBe(base);
    const perRequest = observeOpenAI(base, {
      sessionId: 'conv-9',
      tags: ['b'],
      metadata: { region: 'us' },
    });
    await perRequest.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'session.id': 'conv-9',
      'user.id': 'user-9',
      'langfuse.trace.tags': ['a', 'b'],
      'langfuse.trace.metadata.tier': 'free',
      'langfuse.trace.metadata.region': 'us',
    });
  });
});
