import { describe, expect, it } from 'vitest';
import type { ReceivedSpan } from '../otlp/received-span';
import type { PhoenixVersion } from './phoenix-version';
import { resolvePhoenix } from './resolve-phoenix';

let nextId = 1;

function span(attributes: ReceivedSpan['attributes'], parentSpanId?: string): ReceivedSpan {
  const n = nextId++;
  const start = BigInt(1_700_000_000_000 + n) * 1_000_000n;
  return {
    traceId: 'd'.repeat(32),
    spanId: n.toString(16).padStart(16, '0'),
    ...(parentSpanId ? { parentSpanId } : {}),
    name: `span-${n}`,
    kind: 3,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (start + 1_000_000n).toString(),
    attributes,
    status: { code: 0 },
    events: [],
    resource: {},
    scope: { name: 'test' },
  };
}

function spanOf(attributes: ReceivedSpan['attributes'], version: PhoenixVersion = '15.10') {
  return resolvePhoenix([span(attributes)], { version }).traces[0]!.spans[0]!;
}

const json = (value: unknown) => JSON.stringify(value);

/** A chat call as the OTel GenAI conventions describe it, with content captured. */
const CHAT = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.conversation.id': 'conv-1',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.request.temperature': 0.2,
  'gen_ai.request.max_tokens': 100,
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'gen_ai.response.id': 'chatcmpl-1',
  'gen_ai.response.finish_reasons': ['tool_call'],
  'gen_ai.usage.input_tokens': 12,
  'gen_ai.usage.output_tokens': 5,
  'gen_ai.usage.cache_read.input_tokens': 4,
  'gen_ai.system_instructions': json([{ type: 'text', content: 'Be brief.' }]),
  'gen_ai.input.messages': json([
    { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
    {
      role: 'assistant',
      parts: [{ type: 'tool_call', id: 'call-1', name: 'weather', arguments: { city: 'Paris' } }],
    },
    { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call-1', response: { t: 18 } }] },
  ]),
  'gen_ai.output.messages': json([
    { role: 'assistant', parts: [{ type: 'text', content: 'It is 18°C.' }], finish_reason: 'stop' },
  ]),
};

describe('resolvePhoenix GenAI conversion: versions', () => {
  it('before 15.10 reads OpenInference keys only', () => {
    const resolved = spanOf(CHAT, '15.9');
    expect(resolved).toMatchObject({ kind: 'UNKNOWN', inputMessages: [], outputMessages: [] });
    expect(resolved.modelName).toBeUndefined();
    expect(resolved.sessionId).toBeUndefined();
    expect(resolved.tokens).toEqual({});
  });

  it('from 15.10 converts a chat span', () => {
    const resolved = spanOf(CHAT);
    expect(resolved).toMatchObject({
      kind: 'LLM',
      modelName: 'gpt-4o-mini',
      provider: 'openai',
      sessionId: 'conv-1',
      invocationParameters: { temperature: 0.2, max_tokens: 100 },
      tokens: { prompt: 12, completion: 5, total: 17, cacheRead: 4 },
    });
    expect(resolved.attributes['llm.finish_reason']).toBe('tool_call');
    expect(resolved.attributes['llm.invocation_parameters']).toBe(
      '{"temperature": 0.2, "max_tokens": 100}',
    );
  });

  it('puts the system instructions first, then the input messages', () => {
    expect(spanOf(CHAT).inputMessages).toEqual([
      { role: 'system', content: 'Be brief.', contents: [], toolCalls: [] },
      { role: 'user', content: 'Weather in Paris?', contents: [], toolCalls: [] },
      {
        role: 'assistant',
        contents: [],
        toolCalls: [{ id: 'call-1', name: 'weather', arguments: '{"city": "Paris"}' }],
      },
      { role: 'tool', toolCallId: 'call-1', content: '{"t": 18}', contents: [], toolCalls: [] },
    ]);
  });

  it('reads output messages with their finish reason', () => {
    expect(spanOf(CHAT).outputMessages).toEqual([
      {
        role: 'assistant',
        content: 'It is 18°C.',
        finishReason: 'stop',
        contents: [],
        toolCalls: [],
      },
    ]);
  });

  it("shows the response's id and model as the output (no content is converted into output.value)", () => {
    const resolved = spanOf(CHAT);
    expect(resolved.output).toEqual({
      value: '{"id": "chatcmpl-1", "model": "gpt-4o-mini-2024-07-18"}',
      mimeType: 'application/json',
    });
    expect(resolved.input).toBeUndefined();
  });

  it('gives the session of a GenAI-only trace that last output', () => {
    const view = resolvePhoenix([span(CHAT)], { version: '15.10' });
    expect(view.sessions[0]).toMatchObject({
      id: 'conv-1',
      lastOutput: { value: expect.stringContaining('chatcmpl-1') },
    });
    expect(view.sessions[0]!.firstInput).toBeUndefined();
  });
});

describe('resolvePhoenix GenAI conversion: the span keys win, key by key', () => {
  it('keeps OpenInference keys the span has and adds only the missing ones', () => {
    const resolved = spanOf({
      ...CHAT,
      'openinference.span.kind': 'CHAIN',
      'llm.model_name': 'own-model',
      'session.id': 'own-session',
      'output.value': 'own output',
      'llm.input_messages.0.message.role': 'developer',
    });
    expect(resolved).toMatchObject({
      kind: 'CHAIN',
      modelName: 'own-model',
      sessionId: 'own-session',
      output: { value: 'own output', mimeType: 'application/json' },
    });
    // Only the role key of message 0 was the span's own: the rest of message 0 and the other
    // messages still come from the conversion.
    expect(resolved.inputMessages.map((m) => [m.role, m.content])).toEqual([
      ['developer', 'Be brief.'],
      ['user', 'Weather in Paris?'],
      ['assistant', undefined],
      ['tool', '{"t": 18}'],
    ]);
  });

  it('never turns an unknown operation into a kind', () => {
    expect(spanOf({ 'gen_ai.operation.name': 'threadline.chain' }).kind).toBe('UNKNOWN');
  });

  it.each([
    ['text_completion', 'LLM'],
    ['generate_content', 'LLM'],
    ['embeddings', 'EMBEDDING'],
    ['execute_tool', 'TOOL'],
    ['retrieval', 'RETRIEVER'],
    ['invoke_agent', 'AGENT'],
    ['create_agent', 'AGENT'],
  ])('maps operation %s to %s', (operation, kind) => {
    expect(spanOf({ 'gen_ai.operation.name': operation }).kind).toBe(kind);
  });

  it('infers the kind without an operation from tool, embedding and model keys', () => {
    expect(spanOf({ 'gen_ai.tool.name': 'weather' }).kind).toBe('TOOL');
    expect(spanOf({ 'gen_ai.embeddings.dimension.count': 3 }).kind).toBe('EMBEDDING');
    expect(spanOf({ 'gen_ai.request.model': 'm' }).kind).toBe('LLM');
    expect(spanOf({ 'gen_ai.usage.input_tokens': 3 }).kind).toBe('UNKNOWN');
  });

  it('names the embedding model under embedding.model_name', () => {
    const resolved = spanOf({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': 'e' });
    expect(resolved.modelName).toBeUndefined();
    expect(resolved.attributes['embedding.model_name']).toBe('e');
  });

  it('maps provider names, and gives unknown ones no provider', () => {
    expect(spanOf({ 'gen_ai.provider.name': 'azure.ai.openai' }).provider).toBe('azure');
    expect(spanOf({ 'gen_ai.system': 'Anthropic' }).provider).toBe('anthropic');
    const unknown = spanOf({ 'gen_ai.provider.name': 'acme' });
    expect(unknown.provider).toBeUndefined();
    expect(unknown.attributes['llm.system']).toBe('acme');
  });

  it('totals tokens only when both counts are integers', () => {
    expect(spanOf({ 'gen_ai.usage.input_tokens': 3 }).tokens).toEqual({ prompt: 3 });
    expect(
      spanOf({ 'gen_ai.usage.input_tokens': '3', 'gen_ai.usage.output_tokens': 1.5 }).tokens,
    ).toEqual({ prompt: 3 });
    expect(spanOf({ 'gen_ai.usage.input_tokens': true }).tokens).toEqual({});
  });
});

describe('resolvePhoenix GenAI conversion: tools', () => {
  it('reads a tool execution: name, parameters as JSON, result as output', () => {
    const resolved = spanOf({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.id': 'call-1',
      'gen_ai.tool.call.arguments': '{"city":"Paris"}',
      'gen_ai.tool.call.result': '{"t":18}',
    });
    expect(resolved).toMatchObject({
      kind: 'TOOL',
      toolName: 'weather',
      toolParameters: { city: 'Paris' },
      output: { value: '{"t":18}', mimeType: 'application/json' },
    });
    expect(resolved.attributes['tool.parameters']).toBe('{"city": "Paris"}');
    expect(resolved.attributes['tool.id']).toBe('call-1');
  });

  it('keeps arguments that are not a JSON object as written, and a text result as text', () => {
    const resolved = spanOf({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.call.arguments': 'Paris',
      'gen_ai.tool.call.result': 'sunny',
    });
    expect(resolved.toolParameters).toBe('Paris');
    expect(resolved.output).toEqual({ value: 'sunny', mimeType: 'text/plain' });
  });

  it('reads tool keys on tool spans only', () => {
    expect(
      spanOf({ 'gen_ai.operation.name': 'chat', 'gen_ai.tool.name': 'weather' }).toolName,
    ).toBeUndefined();
  });
});

describe('resolvePhoenix GenAI conversion: message validation', () => {
  const withInput = (value: unknown, version?: PhoenixVersion) =>
    spanOf({ 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': json(value) }, version)
      .inputMessages;
  const withOutput = (value: unknown) =>
    spanOf({ 'gen_ai.operation.name': 'chat', 'gen_ai.output.messages': json(value) })
      .outputMessages;

  it('drops all output messages when one lacks finish_reason', () => {
    expect(
      withOutput([
        { role: 'assistant', parts: [{ type: 'text', content: 'a' }], finish_reason: 'stop' },
        { role: 'assistant', parts: [{ type: 'text', content: 'b' }] },
      ]),
    ).toEqual([]);
  });

  it('drops all messages when one part has no type, or a message lacks role or parts', () => {
    const good = { role: 'user', parts: [{ type: 'text', content: 'hi' }] };
    expect(withInput([good, { role: 'user', parts: [{ content: 'x' }] }])).toEqual([]);
    expect(withInput([good, { parts: [] }])).toEqual([]);
    expect(withInput([good, { role: 'user' }])).toEqual([]);
    expect(withInput([good, { role: 'user', name: 3, parts: [] }])).toEqual([]);
    expect(withInput([good, 'hi'])).toEqual([]);
    expect(withInput({ role: 'user', parts: [] })).toEqual([]);
  });

  it('ignores parts of a known type with the wrong fields, and parts of unknown types', () => {
    expect(
      withInput([
        {
          role: 'user',
          parts: [
            { type: 'text', content: 5 },
            { type: 'tool_call', arguments: {} },
            { type: 'custom', data: 1 },
            { type: 'text', content: 'kept' },
          ],
        },
      ]),
    ).toEqual([{ role: 'user', content: 'kept', contents: [], toolCalls: [] }]);
  });

  it('turns several text parts, or any image, into contents', () => {
    expect(
      withInput([
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'Look' },
            { type: 'uri', modality: 'image', uri: 'https://x/y.png' },
            { type: 'blob', modality: 'image', mime_type: 'image/png', content: 'iVBOR' },
          ],
        },
      ]),
    ).toEqual([
      {
        role: 'user',
        contents: [
          { type: 'text', text: 'Look' },
          { type: 'image', imageUrl: 'https://x/y.png' },
          { type: 'image', imageUrl: 'data:image/png;base64,iVBOR' },
        ],
        toolCalls: [],
      },
    ]);
    expect(
      withInput([
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'a' },
            { type: 'text', content: 'b' },
          ],
        },
      ])[0]!.contents,
    ).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
    ]);
  });

  it('ignores reasoning parts before 19.14 and shows them as contents from 19.14', () => {
    const messages = [
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'thinking' },
          { type: 'text', content: 'answer' },
        ],
      },
    ];
    expect(withInput(messages)).toEqual([
      { role: 'assistant', content: 'answer', contents: [], toolCalls: [] },
    ]);
    expect(withInput(messages, '19.14')[0]!.contents).toEqual([
      { type: 'reasoning', text: 'thinking' },
      { type: 'text', text: 'answer' },
    ]);
  });

  it('never throws on bad JSON, deep nesting or hostile keys', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const hostile = span({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.input.messages': '[{"role":',
      'gen_ai.output.messages': deep,
      'gen_ai.system_instructions': '[{"type":"text","content":"x","__proto__":{"polluted":1}}]',
      'gen_ai.tool.call.result': deep,
    });
    const resolved = resolvePhoenix([hostile], { version: '20.3' }).traces[0]!.spans[0]!;
    expect(resolved.outputMessages).toEqual([]);
    expect(resolved.inputMessages).toEqual([
      { role: 'system', content: 'x', contents: [], toolCalls: [] },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('converts nothing of a span whose tool arguments nest too deep to print', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const resolved = spanOf({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.arguments': `{"a":${deep}}`,
    });
    expect(resolved.kind).toBe('UNKNOWN');
    expect(resolved).not.toHaveProperty('toolName');
  });
});
