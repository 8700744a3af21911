import { describe, expect, it } from 'vitest';
import type { ReceivedAttributeValue, ReceivedSpan } from '../otlp/received-span';
import type { SdkReadableSpan } from '../otlp/sdk-span';
import { setOwn } from '../set-own';
import { resolvePhoenix } from './resolve-phoenix';

let nextId = 1;

/** Attributes from entries, so hostile keys such as `__proto__` become own keys. */
function attrs(entries: Array<[string, ReceivedAttributeValue]>): ReceivedSpan['attributes'] {
  const out: ReceivedSpan['attributes'] = {};
  for (const [key, value] of entries) setOwn(out, key, value);
  return out;
}

/** A received span; each call gets a fresh span id and starts 1 ms after the previous one. */
function span(
  overrides: Partial<Omit<ReceivedSpan, 'attributes'>> & {
    attributes?: ReceivedSpan['attributes'];
  } = {},
): ReceivedSpan {
  const n = nextId++;
  const start = BigInt(1_700_000_000_000 + n) * 1_000_000n;
  return {
    traceId: 'a'.repeat(32),
    spanId: n.toString(16).padStart(16, '0'),
    name: `span-${n}`,
    kind: 1,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (start + 5_000_000n).toString(),
    attributes: {},
    status: { code: 0 },
    events: [],
    resource: {},
    scope: { name: 'test' },
    ...overrides,
  };
}

/** The single span of one span with `attributes`. */
function spanOf(attributes: ReceivedSpan['attributes'], version?: '13.7' | '17.15') {
  const view = resolvePhoenix([span({ attributes })], version ? { version } : {});
  return view.traces[0]!.spans[0]!;
}

function trace(id: string) {
  return id.repeat(32);
}

describe('resolvePhoenix: span kind (openinference.span.kind)', () => {
  it.each([
    'LLM',
    'TOOL',
    'CHAIN',
    'AGENT',
    'EMBEDDING',
    'RETRIEVER',
    'RERANKER',
    'GUARDRAIL',
    'EVALUATOR',
    'PROMPT',
  ])('%s is read as it is, in any letter case', (kind) => {
    expect(spanOf({ 'openinference.span.kind': kind }).kind).toBe(kind);
    expect(spanOf({ 'openinference.span.kind': kind.toLowerCase() }).kind).toBe(kind);
  });

  it.each<[string, ReceivedAttributeValue | undefined]>([
    ['absent', undefined],
    ['unknown', 'WORKFLOW'],
    ['padded', 'LLM '],
    ['non-ASCII', 'llm\u00e9'],
    ['a number', 3],
    ['a list', ['LLM']],
  ])('%s is UNKNOWN', (_, value) => {
    const attributes: ReceivedSpan['attributes'] =
      value === undefined ? {} : { 'openinference.span.kind': value };
    expect(spanOf(attributes).kind).toBe('UNKNOWN');
  });

  it('ignores the AI SDK span names and gen_ai.operation.name before 15.10', () => {
    const view = resolvePhoenix([
      span({ name: 'ai.toolCall', attributes: { 'gen_ai.operation.name': 'execute_tool' } }),
    ]);
    expect(view.traces[0]!.spans[0]!.kind).toBe('UNKNOWN');
  });
});

describe('resolvePhoenix: model, provider, tokens', () => {
  it('reads model, provider and invocation parameters', () => {
    const resolved = spanOf({
      'llm.model_name': 'gpt-4o-mini',
      'llm.provider': 'openai',
      'llm.invocation_parameters': '{"temperature":0.2}',
    });
    expect(resolved).toMatchObject({
      modelName: 'gpt-4o-mini',
      provider: 'openai',
      invocationParameters: { temperature: 0.2 },
    });
  });

  it('keeps invocation parameters that are not JSON as written', () => {
    expect(spanOf({ 'llm.invocation_parameters': 'temp=1' }).invocationParameters).toBe('temp=1');
  });

  it('reads the counts and their cache and reasoning details', () => {
    expect(
      spanOf({
        'llm.token_count.prompt': 12,
        'llm.token_count.completion': 5,
        'llm.token_count.total': 17,
        'llm.token_count.prompt_details.cache_read': 4,
        'llm.token_count.prompt_details.cache_write': 2,
        'llm.token_count.completion_details.reasoning': 3,
      }).tokens,
    ).toEqual({ prompt: 12, completion: 5, total: 17, cacheRead: 4, cacheWrite: 2, reasoning: 3 });
  });

  it('reads counts as Python int() does: integer strings, truncated floats; garbage is absent', () => {
    expect(
      spanOf({
        'llm.token_count.prompt': ' 1_200 ',
        'llm.token_count.completion': 7.9,
        'llm.token_count.total': 'many',
      }).tokens,
    ).toEqual({ prompt: 1200, completion: 7 });
    expect(spanOf({ 'llm.token_count.prompt': '12.5' }).tokens).toEqual({});
  });

  it('has no counts when none are written', () => {
    expect(spanOf({ 'gen_ai.usage.input_tokens': 3 }).tokens).toEqual({});
  });
});

describe('resolvePhoenix: input and output', () => {
  it('reads the values with their mime types', () => {
    const resolved = spanOf({
      'input.value': '{"q":"hi"}',
      'input.mime_type': 'application/json',
      'output.value': 'Hello',
      'output.mime_type': 'text/plain',
    });
    expect(resolved.input).toEqual({ value: '{"q":"hi"}', mimeType: 'application/json' });
    expect(resolved.output).toEqual({ value: 'Hello', mimeType: 'text/plain' });
  });

  it('treats a missing or unknown mime type as text', () => {
    const resolved = spanOf({
      'input.value': '{}',
      'output.value': '{}',
      'output.mime_type': 'APPLICATION/JSON',
    });
    expect([resolved.input?.mimeType, resolved.output?.mimeType]).toEqual([
      'text/plain',
      'text/plain',
    ]);
  });

  it('stores a non-string input as JSON text marked JSON, whatever its mime type says', () => {
    const resolved = spanOf({ 'input.value': ['a', 'b'], 'input.mime_type': 'text/plain' });
    expect(resolved.input).toEqual({ value: '["a", "b"]', mimeType: 'application/json' });
  });

  it('keeps an empty input (Phoenix tests for null, not for empty)', () => {
    expect(spanOf({ 'input.value': '' }).input).toEqual({ value: '', mimeType: 'text/plain' });
  });

  it('hides input.value under a value of its own at input', () => {
    expect(spanOf({ input: 'x', 'input.value': 'hidden' }).input).toBeUndefined();
  });
});

describe('resolvePhoenix: flattened messages', () => {
  it('reassembles roles, contents and tool calls in index order', () => {
    const resolved = spanOf({
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': 'Weather in Paris?',
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'Be brief.',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.1.tool_call.function.name': 'second',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call-1',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'weather',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"city":"Paris"}',
    });
    expect(resolved.inputMessages).toEqual([
      { role: 'system', content: 'Be brief.', contents: [], toolCalls: [] },
      { role: 'user', content: 'Weather in Paris?', contents: [], toolCalls: [] },
    ]);
    expect(resolved.outputMessages).toEqual([
      {
        role: 'assistant',
        contents: [],
        toolCalls: [
          { id: 'call-1', name: 'weather', arguments: '{"city":"Paris"}' },
          { name: 'second' },
        ],
      },
    ]);
  });

  it('closes gaps, orders indices numerically and merges leading zeros', () => {
    const resolved = spanOf({
      'llm.input_messages.10.message.content': 'ten',
      'llm.input_messages.2.message.content': 'two',
      'llm.input_messages.00.message.role': 'user',
      'llm.input_messages.0.message.content': 'zero',
    });
    expect(resolved.inputMessages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'zero'],
      [undefined, 'two'],
      [undefined, 'ten'],
    ]);
  });

  it('reads multi-part contents, names and tool-call ids', () => {
    const resolved = spanOf({
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.name': 'ann',
      'llm.input_messages.0.message.contents.1.message_content.type': 'image',
      'llm.input_messages.0.message.contents.1.message_content.image.image.url': 'https://x/y.png',
      'llm.input_messages.0.message.contents.0.message_content.type': 'text',
      'llm.input_messages.0.message.contents.0.message_content.text': 'Look',
      'llm.input_messages.1.message.role': 'tool',
      'llm.input_messages.1.message.tool_call_id': 'call-1',
      'llm.input_messages.1.message.content': '18°C',
    });
    expect(resolved.inputMessages).toEqual([
      {
        role: 'user',
        name: 'ann',
        contents: [
          { type: 'text', text: 'Look' },
          { type: 'image', imageUrl: 'https://x/y.png' },
        ],
        toolCalls: [],
      },
      { role: 'tool', toolCallId: 'call-1', content: '18°C', contents: [], toolCalls: [] },
    ]);
  });

  it('drops an index that holds a value of its own, and a list whose key holds one', () => {
    expect(
      spanOf({
        'llm.input_messages.0': 'flat',
        'llm.input_messages.0.message.role': 'user',
        'llm.input_messages.1.message.role': 'assistant',
      }).inputMessages.map((m) => m.role),
    ).toEqual(['assistant']);
    expect(
      spanOf({
        'llm.output_messages': '[{"role":"assistant"}]',
        'llm.output_messages.0.message.role': 'assistant',
      }).outputMessages,
    ).toEqual([]);
  });

  it('takes __proto__ and other odd keys as plain keys, without touching any prototype', () => {
    const resolved = spanOf(
      attrs([
        ['__proto__', 'x'],
        ['llm.input_messages.0.__proto__', 'polluted'],
        ['llm.input_messages.0.message.__proto__', 'polluted'],
        ['llm.input_messages.0.message.role', 'user'],
        ['llm.input_messages.__proto__.message.role', 'ignored'],
        ['llm.input_messages.-1.message.role', 'ignored'],
        ['llm.input_messages.1e1.message.role', 'ignored'],
      ]),
    );
    expect(resolved.inputMessages).toEqual([{ role: 'user', contents: [], toolCalls: [] }]);
    expect(Object.getPrototypeOf(resolved.attributes)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(resolved.attributes, '__proto__')?.value).toBe('x');
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});

describe('resolvePhoenix: tool, session, user, tags, metadata', () => {
  it('reads the tool name and parses its parameters', () => {
    expect(spanOf({ 'tool.name': 'weather', 'tool.parameters': '{"city":"Paris"}' })).toMatchObject(
      { toolName: 'weather', toolParameters: { city: 'Paris' } },
    );
    expect(spanOf({ 'tool.parameters': '{city' }).toolParameters).toBe('{city');
  });

  it('trims the session id; an empty one is none; other values become text as Python prints them', () => {
    expect(spanOf({ 'session.id': '  conv-1 ' }).sessionId).toBe('conv-1');
    expect(spanOf({ 'session.id': '   ' }).sessionId).toBeUndefined();
    expect(spanOf({ 'session.id': 42 }).sessionId).toBe('42');
    expect(spanOf({ 'session.id': true }).sessionId).toBe('True');
  });

  it('reads the user, and the string members of tag.tags', () => {
    expect(spanOf({ 'user.id': 'u-1', 'tag.tags': ['a', 'b'] })).toMatchObject({
      userId: 'u-1',
      tags: ['a', 'b'],
    });
    expect(spanOf({ 'tag.tags': 'a,b' }).tags).toEqual([]);
  });

  it('parses metadata JSON; keeps bad JSON as written; drops null', () => {
    expect(spanOf({ metadata: '{"tier":"pro","n":2}' }).metadata).toEqual({ tier: 'pro', n: 2 });
    expect(spanOf({ metadata: '{"tier":' }).metadata).toBe('{"tier":');
    expect(spanOf({ metadata: 'null' }).metadata).toBeUndefined();
    expect('metadata' in spanOf({ metadata: 'null' })).toBe(false);
  });

  it('drops metadata that parses to something empty before 17.15, keeps it from 17.15', () => {
    expect(spanOf({ metadata: '{}' }).metadata).toBeUndefined();
    expect(spanOf({ metadata: '{}' }, '17.15').metadata).toEqual({});
  });

  it('keeps a __proto__ key of metadata as data', () => {
    const metadata = spanOf({ metadata: '{"__proto__":{"polluted":true},"a":"1"}' })
      .metadata as Record<string, unknown>;
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.hasOwn(metadata, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads status and times', () => {
    const resolved = resolvePhoenix([
      span({
        status: { code: 2, message: 'boom' },
        startTimeUnixNano: '1700000000000500000',
        endTimeUnixNano: '1700000000001500000',
      }),
    ]).traces[0]!.spans[0]!;
    expect(resolved).toMatchObject({
      statusCode: 'ERROR',
      statusMessage: 'boom',
      startTime: 1_700_000_000_000.5,
      endTime: 1_700_000_000_001.5,
    });
  });
});

describe('resolvePhoenix: traces', () => {
  it('lists the root span and takes the trace input and output from it', () => {
    const root = span({ attributes: { 'input.value': 'Hi', 'output.value': 'Hello!' } });
    const child = span({ parentSpanId: root.spanId, attributes: { 'input.value': 'inner' } });
    const [resolved] = resolvePhoenix([child, root]).traces;
    expect(resolved!.rootSpans.map((s) => s.id)).toEqual([root.spanId]);
    expect(resolved!.input).toEqual({ value: 'Hi', mimeType: 'text/plain' });
    expect(resolved!.output).toEqual({ value: 'Hello!', mimeType: 'text/plain' });
    expect(resolved!.spans.map((s) => s.id)).toEqual([root.spanId, child.spanId]);
  });

  it('has no root, input or output when the root span never arrived', () => {
    const orphan = span({ parentSpanId: 'f'.repeat(16), attributes: { 'input.value': 'Hi' } });
    const [resolved] = resolvePhoenix([orphan]).traces;
    expect(resolved!.rootSpans).toEqual([]);
    expect(resolved!.input).toBeUndefined();
  });

  it('keeps the first copy of a span sent twice', () => {
    const first = span({ attributes: { 'input.value': 'first' } });
    const again = { ...first, attributes: { 'input.value': 'again' } };
    const [resolved] = resolvePhoenix([first, again]).traces;
    expect(resolved!.spans).toHaveLength(1);
    expect(resolved!.input?.value).toBe('first');
  });

  it('joins the session of the first arriving span that names one; later spans cannot move it', () => {
    const root = span();
    const child = span({ parentSpanId: root.spanId, attributes: { 'session.id': 's-child' } });
    const late = span({ parentSpanId: root.spanId, attributes: { 'session.id': 's-late' } });
    const view = resolvePhoenix([child, late, root]);
    expect(view.traces[0]!.sessionId).toBe('s-child');
    expect(view.sessions.map((s) => s.id)).toEqual(['s-child']);
  });

  it('orders traces by start; ties in arrival order', () => {
    const start = '1700000000000000000';
    const a = span({ traceId: trace('1'), startTimeUnixNano: start });
    const b = span({ traceId: trace('2'), startTimeUnixNano: start });
    const earlier = span({ traceId: trace('3'), startTimeUnixNano: '1600000000000000000' });
    expect(resolvePhoenix([b, a, earlier]).traces.map((t) => t.id)).toEqual([
      trace('3'),
      trace('2'),
      trace('1'),
    ]);
  });

  it('shows the first user by span start from 18.1', () => {
    const root = span({ attributes: { 'user.id': 'u-root' } });
    const child = span({ parentSpanId: root.spanId, attributes: { 'user.id': 'u-child' } });
    expect(resolvePhoenix([child, root]).traces[0]!.userId).toBeUndefined();
    expect(resolvePhoenix([child, root], { version: '18.1' }).traces[0]!.userId).toBe('u-root');
  });
});

/** One turn of a conversation: a CHAIN root, an LLM child, and a CHAIN wrapper repeating the counts. */
function turn(traceId: string, session: string, input?: string, output?: string) {
  const root = span({
    traceId,
    attributes: {
      'openinference.span.kind': 'CHAIN',
      'session.id': session,
      'user.id': `user-of-${traceId.slice(0, 1)}`,
      ...(input !== undefined ? { 'input.value': input } : {}),
      ...(output !== undefined ? { 'output.value': output } : {}),
    },
  });
  const wrapper = span({
    traceId,
    parentSpanId: root.spanId,
    attributes: {
      'openinference.span.kind': 'CHAIN',
      'llm.token_count.prompt': 10,
      'llm.token_count.completion': 2,
    },
  });
  const llm = span({
    traceId,
    parentSpanId: wrapper.spanId,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.token_count.prompt': 10,
      'llm.token_count.completion': 2,
    },
  });
  return [llm, wrapper, root];
}

describe('resolvePhoenix: sessions', () => {
  it('groups traces by session in start order, with first input and last output', () => {
    const first = turn(trace('1'), 'conv-1', 'first question', 'first answer');
    const other = turn(trace('3'), 'conv-2', 'other', 'other answer');
    const second = turn(trace('2'), 'conv-1', 'second question', 'second answer');
    const view = resolvePhoenix([...second, ...other, ...first]);
    expect(view.sessions.map((s) => [s.id, s.traces.map((t) => t.id)])).toEqual([
      ['conv-1', [trace('1'), trace('2')]],
      ['conv-2', [trace('3')]],
    ]);
    expect(view.sessions[0]).toMatchObject({
      firstInput: { value: 'first question', mimeType: 'text/plain' },
      lastOutput: { value: 'second answer', mimeType: 'text/plain' },
      userIds: ['user-of-1', 'user-of-2'],
    });
  });

  it("takes the first trace's root input even when it has none (no fallback to later traces)", () => {
    const view = resolvePhoenix([
      ...turn(trace('1'), 'conv-1', undefined, 'answer one'),
      ...turn(trace('2'), 'conv-1', 'question two', undefined),
    ]);
    expect(view.sessions[0]!.firstInput).toBeUndefined();
    expect(view.sessions[0]!.lastOutput).toBeUndefined();
  });

  it('skips traces without a root span for first input and last output', () => {
    const [llm, wrapper] = turn(trace('3'), 'conv-1', 'never', 'never');
    const view = resolvePhoenix([
      ...turn(trace('1'), 'conv-1', 'q1', 'a1'),
      ...turn(trace('2'), 'conv-1', 'q2', 'a2'),
      { ...wrapper!, attributes: { ...wrapper!.attributes, 'session.id': 'conv-1' } },
      llm!,
    ]);
    expect(view.sessions[0]!.traces).toHaveLength(3);
    expect(view.sessions[0]!.lastOutput?.value).toBe('a2');
  });

  it('before 16.1 counts root spans cumulatively: a wrapper repeating the counts doubles them', () => {
    const view = resolvePhoenix([...turn(trace('1'), 'c'), ...turn(trace('2'), 'c')]);
    expect(view.traces[0]!.tokens).toEqual({ prompt: 20, completion: 4, total: 24 });
    expect(view.sessions[0]!.tokens).toEqual({ prompt: 40, completion: 8, total: 48 });
  });

  it('from 16.1 counts LLM spans only', () => {
    const spans = [...turn(trace('1'), 'c'), ...turn(trace('2'), 'c')];
    const view = resolvePhoenix(spans, { version: '16.1' });
    expect(view.traces[0]!.tokens).toEqual({ prompt: 10, completion: 2, total: 12 });
    expect(view.sessions[0]!.tokens).toEqual({ prompt: 20, completion: 4, total: 24 });
  });

  it('before 16.1 a span whose parent never arrived counts toward nothing', () => {
    const orphan = span({
      traceId: trace('1'),
      parentSpanId: 'e'.repeat(16),
      attributes: {
        'openinference.span.kind': 'LLM',
        'session.id': 'c',
        'llm.token_count.prompt': 7,
      },
    });
    expect(resolvePhoenix([orphan]).sessions[0]!.tokens.prompt).toBe(0);
    expect(resolvePhoenix([orphan], { version: '16.1' }).sessions[0]!.tokens.prompt).toBe(7);
  });

  it('shows the first user of the session from 18.1, and the distinct users always', () => {
    const spans = [...turn(trace('1'), 'c'), ...turn(trace('2'), 'c')];
    expect(resolvePhoenix(spans).sessions[0]).not.toHaveProperty('userId');
    expect(resolvePhoenix(spans, { version: '18.1' }).sessions[0]).toMatchObject({
      userId: 'user-of-1',
      userIds: ['user-of-1', 'user-of-2'],
    });
  });

  it('leaves traces without a session out of sessions', () => {
    const view = resolvePhoenix([span({ traceId: trace('9') })]);
    expect(view.traces).toHaveLength(1);
    expect(view.sessions).toEqual([]);
  });
});

describe('resolvePhoenix: input forms and versions', () => {
  it('takes in-memory SDK spans', () => {
    const sdkSpan: SdkReadableSpan = {
      spanContext: () => ({ traceId: 'B'.repeat(32), spanId: 'C'.repeat(16) }),
      name: 'chat',
      kind: 2,
      startTime: [1_700_000_000, 0],
      endTime: [1_700_000_001, 0],
      attributes: { 'openinference.span.kind': 'LLM', 'session.id': 's', 'input.value': 'Hi' },
      status: { code: 0 },
      events: [],
    };
    const view = resolvePhoenix([sdkSpan]);
    expect(view.traces[0]).toMatchObject({ id: 'b'.repeat(32), input: { value: 'Hi' } });
    expect(view.sessions[0]!.firstInput?.value).toBe('Hi');
    expect(view.traces[0]!.spans[0]!.kind).toBe('LLM');
  });

  it('reports the modelled version and refuses one it cannot read', () => {
    expect(resolvePhoenix([]).version).toBe('13.7');
    expect(resolvePhoenix([], { version: '15.10.1' }).version).toBe('15.10');
    expect(() => resolvePhoenix([], { version: 'latest' as '1.0' })).toThrow(RangeError);
  });

  it('never throws on hostile span content', () => {
    const hostile = [
      span({ startTimeUnixNano: 'soon', endTimeUnixNano: '' }),
      span({ status: { code: 99 }, attributes: attrs([['constructor', 'x']]) }),
      span({ parentSpanId: '', attributes: { 'openinference.span.kind': 'LLM' } }),
      span({ attributes: attrs([['llm.input_messages.0.message.contents.0', 'x']]) }),
    ];
    expect(() => resolvePhoenix(hostile, { version: '20.3' })).not.toThrow();
  });
});
