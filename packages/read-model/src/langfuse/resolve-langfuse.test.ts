import { describe, expect, it } from 'vitest';
import type { ReceivedSpan } from '../otlp/received-span';
import { ENVIRONMENT_KEYS, MODEL_KEYS, SESSION_KEYS, TAGS_KEYS, USER_KEYS } from './langfuse-keys';
import { resolveLangfuse } from './resolve-langfuse';

const TRACE = 'a'.repeat(32);
let nextId = 1;

/** A received span; each call gets a fresh span id and starts 1 ms after the previous one. */
function span(
  overrides: Partial<Omit<ReceivedSpan, 'attributes'>> & {
    attributes?: ReceivedSpan['attributes'];
  } = {},
): ReceivedSpan {
  const n = nextId++;
  const start = BigInt(1_700_000_000_000 + n) * 1_000_000n;
  return {
    traceId: TRACE,
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

/** The single trace of `spans`. */
function traceOf(...spans: ReceivedSpan[]) {
  const { traces } = resolveLangfuse(spans);
  expect(traces).toHaveLength(1);
  return traces[0]!;
}

/** The single observation of one span with `attributes`. */
function observationOf(attributes: ReceivedSpan['attributes'], extra: Partial<ReceivedSpan> = {}) {
  return traceOf(span({ attributes, ...extra })).observations[0]!;
}

/** Attributes where key i has value `v<i>`, for keys from `from` on. */
function keysFrom(keys: readonly string[], from: number): Record<string, string> {
  return Object.fromEntries(keys.slice(from).map((key, i) => [key, `v${from + i}`]));
}

describe('resolveLangfuse: session and user (docs/contract.md#backends)', () => {
  it.each(SESSION_KEYS.map((key, i) => [key, i]))(
    'session: %s wins over the keys after it',
    (_, i) => {
      expect(traceOf(span({ attributes: keysFrom(SESSION_KEYS, i) })).sessionId).toBe(`v${i}`);
    },
  );

  it.each(USER_KEYS.map((key, i) => [key, i]))('user: %s wins over the keys after it', (_, i) => {
    expect(traceOf(span({ attributes: keysFrom(USER_KEYS, i) })).userId).toBe(`v${i}`);
  });

  it('skips falsy values: the first truthy value wins', () => {
    const trace = traceOf(
      span({
        attributes: {
          'langfuse.session.id': '',
          'session.id': 's-1',
          'langfuse.user.id': '',
          'user.id': '',
          'ai.telemetry.metadata.userId': 'u-1',
        },
      }),
    );
    expect([trace.sessionId, trace.userId]).toEqual(['s-1', 'u-1']);
  });

  it('gives the trace the session and user of any span, the root first', () => {
    const root = span();
    const child = span({ parentSpanId: root.spanId, attributes: { 'session.id': 'child-s' } });
    const later = span({
      parentSpanId: root.spanId,
      attributes: { 'session.id': 'later-s', 'user.id': 'later-u' },
    });
    expect(traceOf(later, child, root)).toMatchObject({ sessionId: 'child-s', userId: 'later-u' });

    const namedRoot = span({ attributes: { 'session.id': 'root-s' } });
    const earlyChild = span({
      parentSpanId: namedRoot.spanId,
      startTimeUnixNano: '1',
      attributes: { 'session.id': 'child-s' },
    });
    expect(traceOf(earlyChild, namedRoot).sessionId).toBe('root-s');
  });

  it('has no session or user when no span names one', () => {
    const trace = traceOf(span());
    expect(trace).not.toHaveProperty('sessionId');
    expect(trace).not.toHaveProperty('userId');
  });
});

describe('resolveLangfuse: tags (docs/contract.md#backends)', () => {
  it.each(TAGS_KEYS.map((key, i) => [key, i]))('%s wins over the keys after it', (_, i) => {
    const attributes = Object.fromEntries(TAGS_KEYS.slice(i).map((key, j) => [key, [`t${i + j}`]]));
    expect(traceOf(span({ attributes })).tags).toEqual([`t${i}`]);
  });

  it.each([
    ['an array', ['a', 'b', 'a']],
    ['a JSON array string', '["a","b"]'],
    ['a comma list', 'a, b,,a'],
  ])('reads %s', (_, value) => {
    expect(traceOf(span({ attributes: { 'langfuse.trace.tags': value } })).tags).toEqual([
      'a',
      'b',
    ]);
  });

  it('falls through an empty list to the next key', () => {
    const attributes = { 'langfuse.trace.tags': [], 'tag.tags': ['x'] };
    expect(traceOf(span({ attributes })).tags).toEqual(['x']);
  });

  it('unites the tags of all spans of the trace, root first', () => {
    const root = span({ attributes: { 'langfuse.trace.tags': ['r', 'shared'] } });
    const child = span({ parentSpanId: root.spanId, attributes: { 'tag.tags': ['shared', 'c'] } });
    expect(traceOf(child, root).tags).toEqual(['r', 'shared', 'c']);
  });
});

describe('resolveLangfuse: trace name, version, release, environment (docs/contract.md#backends)', () => {
  it('names the trace from langfuse.trace.name on any span, else after the root span', () => {
    const root = span({ name: 'root' });
    const child = span({
      parentSpanId: root.spanId,
      attributes: { 'langfuse.trace.name': 'chat' },
    });
    expect(traceOf(root, child).name).toBe('chat');
    const plainRoot = span({ name: 'GET /chat' });
    const early = span({ parentSpanId: plainRoot.spanId, name: 'child', startTimeUnixNano: '1' });
    expect(traceOf(early, plainRoot).name).toBe('GET /chat');
  });

  it('takes the earliest orphan as the root when the root span is missing', () => {
    const orphan = span({ name: 'continued', parentSpanId: 'ffffffffffffffff' });
    const child = span({ name: 'child', parentSpanId: orphan.spanId });
    expect(traceOf(child, orphan).name).toBe('continued');
  });

  it('version: langfuse.version, else resource service.version', () => {
    const resource = { 'service.version': '1.0.0' };
    expect(traceOf(span({ resource, attributes: { 'langfuse.version': '2.0.0' } })).version).toBe(
      '2.0.0',
    );
    expect(traceOf(span({ resource })).version).toBe('1.0.0');
    expect(traceOf(span())).not.toHaveProperty('version');
  });

  it('release: langfuse.release on the span, then on the resource', () => {
    const resource = { 'langfuse.release': 'r-res' };
    expect(traceOf(span({ resource, attributes: { 'langfuse.release': 'r-span' } })).release).toBe(
      'r-span',
    );
    expect(traceOf(span({ resource })).release).toBe('r-res');
  });

  it.each(ENVIRONMENT_KEYS.map((key, i) => [key, i]))(
    'environment: %s wins over the keys after it',
    (_, i) => {
      expect(traceOf(span({ attributes: keysFrom(ENVIRONMENT_KEYS, i) })).environment).toBe(
        `v${i}`,
      );
    },
  );

  it('environment: span first, then resource, else default', () => {
    const resource = { 'deployment.environment.name': 'staging' };
    expect(
      traceOf(span({ resource, attributes: { 'deployment.environment': 'prod' } })).environment,
    ).toBe('prod');
    expect(traceOf(span({ resource })).environment).toBe('staging');
    expect(traceOf(span()).environment).toBe('default');
  });
});

describe('resolveLangfuse: metadata (docs/contract.md#backends)', () => {
  it('collects keys under the four prefixes, less session, user, tags and prompt keys', () => {
    const trace = traceOf(
      span({
        attributes: {
          'langfuse.trace.metadata.region': 'eu',
          'langfuse.observation.metadata.step': 'plan',
          'langfuse.metadata.tier': 'pro',
          'ai.telemetry.metadata.workflow': 'support',
          'ai.telemetry.metadata.attempt': 2,
          'ai.telemetry.metadata.flags': ['a', 'b'],
          'langfuse.trace.metadata.langfuse_session_id': 's',
          'langfuse.observation.metadata.langfuse_user_id': 'u',
          'langfuse.trace.metadata.langfuse_tags': 't',
          'ai.telemetry.metadata.sessionId': 's',
          'ai.telemetry.metadata.userId': 'u',
          'ai.telemetry.metadata.tags': ['t'],
          'ai.telemetry.metadata.langfusePrompt': '{"name":"p"}',
          'session.id': 'not metadata',
        },
      }),
    );
    expect(trace.metadata).toEqual({
      region: 'eu',
      step: 'plan',
      tier: 'pro',
      workflow: 'support',
      attempt: '2',
      flags: '["a","b"]',
    });
    expect(trace.observations[0]?.metadata).toEqual(trace.metadata);
  });

  it('takes a key from the first prefix in contract order, and from the root first across spans', () => {
    const root = span({
      attributes: {
        'ai.telemetry.metadata.k': 'ai',
        'langfuse.trace.metadata.k': 'trace',
        'langfuse.metadata.only-root': 'r',
      },
    });
    const child = span({
      parentSpanId: root.spanId,
      attributes: { 'langfuse.trace.metadata.k': 'child', 'langfuse.trace.metadata.extra': 'x' },
    });
    expect(traceOf(child, root).metadata).toEqual({ k: 'trace', 'only-root': 'r', extra: 'x' });
  });

  it('keeps a __proto__ key as data', () => {
    const trace = traceOf(span({ attributes: { 'langfuse.trace.metadata.__proto__': 'x' } }));
    expect(Object.getPrototypeOf(trace.metadata)).toBe(Object.prototype);
    expect(Object.entries(trace.metadata)).toEqual([['__proto__', 'x']]);
  });
});

describe('resolveLangfuse: observation type (docs/contract.md#backends)', () => {
  it('langfuse.observation.type wins over everything', () => {
    const type = observationOf({
      'langfuse.observation.type': 'agent',
      'openinference.span.kind': 'LLM',
      'gen_ai.operation.name': 'chat',
    }).type;
    expect(type).toBe('agent');
  });

  it.each([
    ['LLM', 'generation'],
    ['EMBEDDING', 'embedding'],
    ['TOOL', 'tool'],
    ['AGENT', 'agent'],
    ['CHAIN', 'chain'],
    ['RETRIEVER', 'retriever'],
  ])('openinference.span.kind %s → %s, before gen_ai.operation.name', (kind, type) => {
    expect(
      observationOf({ 'openinference.span.kind': kind, 'gen_ai.operation.name': 'execute_tool' })
        .type,
    ).toBe(type);
  });

  it.each([
    ['chat', 'generation'],
    ['text_completion', 'generation'],
    ['generate_content', 'generation'],
    ['embeddings', 'embedding'],
    ['execute_tool', 'tool'],
    ['invoke_agent', 'agent'],
    ['create_agent', 'agent'],
  ])('gen_ai.operation.name %s → %s, before the span name', (operation, type) => {
    expect(
      observationOf({ 'gen_ai.operation.name': operation }, { name: 'ai.toolCall' }).type,
    ).toBe(type);
  });

  it.each([
    ['ai.generateText.doGenerate', 'generation'],
    ['ai.streamText.doStream', 'generation'],
    ['ai.generateObject.doGenerate', 'generation'],
    ['ai.streamObject.doStream', 'generation'],
    ['ai.embed.doEmbed', 'embedding'],
    ['ai.embedMany.doEmbed', 'embedding'],
    ['ai.toolCall', 'tool'],
  ])('AI SDK span %s → %s', (name, type) => {
    expect(observationOf({}, { name }).type).toBe(type);
  });

  it('falls through values a step does not know, down to span', () => {
    expect(
      observationOf(
        { 'openinference.span.kind': 'RERANKER', 'gen_ai.operation.name': 'threadline.chain' },
        { name: 'ai.generateText' },
      ).type,
    ).toBe('span');
    expect(
      observationOf({ 'openinference.span.kind': 'UNKNOWN', 'gen_ai.operation.name': 'chat' }).type,
    ).toBe('generation');
  });
});

describe('resolveLangfuse: model and usage (docs/contract.md#backends)', () => {
  it.each(MODEL_KEYS.map((key, i) => [key, i]))('model: %s wins over the keys after it', (_, i) => {
    expect(observationOf(keysFrom(MODEL_KEYS, i)).model).toBe(`v${i}`);
  });

  it('usage: langfuse.observation.usage_details first, taken whole', () => {
    const usage = observationOf({
      'langfuse.observation.usage_details': '{"input":10,"output":3,"cache_read_input_tokens":4}',
      'gen_ai.usage.input_tokens': 99,
      'gen_ai.usage.output_tokens': 99,
    }).usage;
    expect(usage).toEqual({ input: 10, output: 3, cache_read_input_tokens: 4, total: 13 });
  });

  it('usage: gen_ai.usage.* with cache and reasoning counts', () => {
    const usage = observationOf({
      'langfuse.observation.usage_details': 'not json',
      'gen_ai.usage.input_tokens': 20,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 5,
      'gen_ai.usage.reasoning.output_tokens': 2,
      'ai.usage.promptTokens': 99,
    }).usage;
    expect(usage).toEqual({
      input: 20,
      output: 7,
      total: 27,
      cache_read_input_tokens: 5,
      reasoning_output_tokens: 2,
    });
  });

  it('usage: ai.usage.* in both AI SDK spellings, before llm.token_count.*', () => {
    expect(
      observationOf({
        'ai.usage.promptTokens': 8,
        'ai.usage.completionTokens': 2,
        'llm.token_count.prompt': 99,
      }).usage,
    ).toEqual({ input: 8, output: 2, total: 10 });
    expect(observationOf({ 'ai.usage.inputTokens': 4, 'ai.usage.outputTokens': 1 }).usage).toEqual({
      input: 4,
      output: 1,
      total: 5,
    });
  });

  it('usage: llm.token_count.* last, keeping a total it names', () => {
    expect(
      observationOf({
        'llm.token_count.prompt': 3,
        'llm.token_count.completion': 4,
        'llm.token_count.total': 9,
      }).usage,
    ).toEqual({ input: 3, output: 4, total: 9 });
  });

  it('usage: empty when no source has a count; input alone makes the total', () => {
    expect(observationOf({}).usage).toEqual({});
    expect(observationOf({ 'gen_ai.usage.input_tokens': 6 }).usage).toEqual({ input: 6, total: 6 });
  });
});

describe('resolveLangfuse: level, status, content, times', () => {
  it('status ERROR makes level ERROR with the status message', () => {
    const observation = observationOf({}, { status: { code: 2, message: 'boom' } });
    expect([observation.level, observation.statusMessage]).toEqual(['ERROR', 'boom']);
    expect(observationOf({}, { status: { code: 1 } }).level).toBe('DEFAULT');
  });

  it('an explicit langfuse.observation.level and status message win', () => {
    const observation = observationOf(
      {
        'langfuse.observation.level': 'WARNING',
        'langfuse.observation.status_message': 'retried',
      },
      { status: { code: 2, message: 'boom' } },
    );
    expect([observation.level, observation.statusMessage]).toEqual(['WARNING', 'retried']);
  });

  it('input and output: Langfuse keys parsed as JSON, then GenAI, AI SDK and OpenInference keys', () => {
    expect(
      observationOf({
        'langfuse.observation.input': '[{"role":"user","content":"hi"}]',
        'langfuse.observation.output': 'plain text',
        'input.value': 'ignored',
      }),
    ).toMatchObject({ input: [{ role: 'user', content: 'hi' }], output: 'plain text' });
    expect(
      observationOf({ 'ai.prompt': '{"prompt":"p"}', 'ai.response.text': 'answer' }),
    ).toMatchObject({ input: { prompt: 'p' }, output: 'answer' });
    expect(observationOf({ 'input.value': 'q', 'output.value': 'a' })).toMatchObject({
      input: 'q',
      output: 'a',
    });
  });

  it('gives the trace the input and output of its root', () => {
    const root = span({ attributes: { 'input.value': 'question', 'output.value': 'answer' } });
    const child = span({
      parentSpanId: root.spanId,
      attributes: { 'langfuse.observation.input': '"inner"' },
    });
    expect(traceOf(child, root)).toMatchObject({ input: 'question', output: 'answer' });
  });

  it('converts times to milliseconds and reads the completion start time', () => {
    const observation = observationOf(
      { 'langfuse.observation.completion_start_time': '2023-11-14T22:13:20.250Z' },
      { startTimeUnixNano: '1700000000000123456', endTimeUnixNano: '1700000001000000000' },
    );
    expect(observation).toMatchObject({
      startTime: 1_700_000_000_000.123,
      endTime: 1_700_000_001_000,
      completionStartTime: 1_700_000_000_250,
    });
  });
});

describe('resolveLangfuse: sessions and users (docs/contract.md#backends, per-observation storage)', () => {
  it('counts for a user only the observations that carry that user', () => {
    const root = span({
      traceId: 'b'.repeat(32),
      attributes: { 'session.id': 's-1', 'user.id': 'u-1', 'gen_ai.usage.input_tokens': 10 },
      status: { code: 2 },
    });
    // A background span under the same root that never got the user.
    const anonymous = span({
      traceId: 'b'.repeat(32),
      parentSpanId: root.spanId,
      attributes: { 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 1000 },
      status: { code: 2 },
    });
    const second = span({
      traceId: 'c'.repeat(32),
      attributes: { 'user.id': 'u-1', 'gen_ai.usage.output_tokens': 5 },
    });
    const other = span({ traceId: 'd'.repeat(32), attributes: { 'user.id': 'u-2' } });
    const view = resolveLangfuse([root, anonymous, second, other]);

    expect(view.traces.find((t) => t.id === 'b'.repeat(32))?.userId).toBe('u-1');
    expect(view.users).toEqual([
      {
        id: 'u-1',
        traces: 2,
        observations: 2,
        inputTokens: 10,
        outputTokens: 5,
        totalTokens: 15,
        errors: 1,
      },
      {
        id: 'u-2',
        traces: 1,
        observations: 1,
        inputTokens: 0,
        outputTokens: 0,
        totalTokens: 0,
        errors: 0,
      },
    ]);
  });

  it('groups traces into sessions by the trace session, in time order', () => {
    const a1 = span({
      traceId: '1'.repeat(32),
      attributes: { 'session.id': 's-a', 'user.id': 'u-1' },
    });
    const b1 = span({ traceId: '2'.repeat(32), attributes: { 'session.id': 's-b' } });
    const a2root = span({ traceId: '3'.repeat(32), attributes: { 'user.id': 'u-2' } });
    // The session reaches this trace only through a child span.
    const a2child = span({
      traceId: '3'.repeat(32),
      parentSpanId: a2root.spanId,
      attributes: { 'session.id': 's-a' },
    });
    const none = span({ traceId: '4'.repeat(32) });
    const view = resolveLangfuse([a2child, none, b1, a2root, a1]);

    expect(view.traces.map((t) => t.id[0])).toEqual(['1', '2', '3', '4']);
    expect(
      view.sessions.map((s) => ({
        id: s.id,
        userIds: s.userIds,
        traces: s.traces.map((t) => t.id[0]),
      })),
    ).toEqual([
      { id: 's-a', userIds: ['u-1', 'u-2'], traces: ['1', '3'] },
      { id: 's-b', userIds: [], traces: ['2'] },
    ]);
  });

  it('orders observations by start time, a parent before a child that started with it', () => {
    const parent = span({ name: 'parent' });
    const child = span({
      name: 'child',
      parentSpanId: parent.spanId,
      startTimeUnixNano: parent.startTimeUnixNano,
    });
    const early = span({ name: 'early', parentSpanId: parent.spanId, startTimeUnixNano: '1' });
    expect(traceOf(child, early, parent).observations.map((o) => o.name)).toEqual([
      'early',
      'parent',
      'child',
    ]);
  });

  it('counts a span sent twice (an exporter retry) once', () => {
    const once = span({ attributes: { 'user.id': 'u-1' } });
    const view = resolveLangfuse([once, { ...once }]);
    expect(view.traces[0]?.observations).toHaveLength(1);
    expect(view.users[0]?.observations).toBe(1);
  });
});
