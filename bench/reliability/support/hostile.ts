import fc from 'fast-check';

/** Values that throw when they are read, converted or enumerated. */
export function throwingProxy(): object {
  const boom = (): never => {
    throw new Error('hostile proxy');
  };
  const describe = () => 'throwingProxy()';
  return new Proxy(
    {},
    {
      // fast-check itself looks up its clone and print hooks on generated values.
      get: (_target, key) => {
        if (key === fc.toStringMethod) return describe;
        if (key === fc.cloneMethod || key === fc.asyncToStringMethod) return undefined;
        return boom();
      },
      has: (_target, key) =>
        key === fc.toStringMethod ||
        (key !== fc.cloneMethod && key !== fc.asyncToStringMethod && boom()),
      ownKeys: boom,
      getOwnPropertyDescriptor: boom,
    },
  );
}

const throwingToString = () => ({
  toString() {
    throw new Error('hostile toString');
  },
  valueOf() {
    throw new Error('hostile valueOf');
  },
});

/** Strings near and past the limits, with control characters, lone surrogates and secrets. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '\u0000',
      '\n',
      '\u007f',
      '\u0085',
      '\ud800',
      'é',
      ' ',
      ',',
      ';',
      '=',
      '%',
    ),
  }),
  fc.constantFrom(
    '',
    ' ',
    'a'.repeat(200),
    'a'.repeat(201),
    'é'.repeat(200),
    '😀'.repeat(150),
    'x'.repeat(100_000),
    'user@example.com',
    'sk-proj-abcdefghijklmnop',
    'Bearer abcdefghijklmnopqrstuvwxyz',
    '4111 1111 1111 1111',
    'langfuse',
    'production',
    '__proto__',
    'constructor',
    'toString',
    '{"__proto__":{"polluted":1}}',
    '["a","b"]',
    'a, b,,c',
  ),
);

/** Anything a caller might pass where a string is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 64),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt(),
  fc.constant(Symbol('hostile')),
  fc.constant(() => 'fn'),
  fc.array(hostileString, { maxLength: 3 }),
  fc.constant(new Date(0)),
  fc.constant(throwingToString()),
  fc.constant(throwingProxy()),
  fc.constant(Object.create(null)),
);

/** Metadata keys: reserved names, patterns that just miss, separators. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'toString',
    '',
    ' ',
    'a'.repeat(64),
    'a'.repeat(65),
    'tier',
    'a.b',
    'k=v',
    'k,v',
    'k;v',
    'ключ',
  ),
  fc.string({ maxLength: 70 }),
);

function withOwnProto(record: Record<string, unknown>): Record<string, unknown> {
  // An own `__proto__` key, as JSON.parse makes it: the classic pollution vector.
  return { ...JSON.parse('{"__proto__":{"polluted":"yes"}}'), ...record };
}

/** Metadata as callers get it wrong: reserved keys, 60 keys, non-records. */
export const hostileMetadata: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(hostileKey, hostileValue, { maxKeys: 8 }),
  fc.dictionary(hostileKey, hostileValue, { maxKeys: 8 }).map(withOwnProto),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string(), {
    minKeys: 51,
    maxKeys: 60,
  }),
  fc.constant(Object.assign(Object.create(null), { tier: 'gold', __proto__: 'x' })),
  fc.constant(throwingProxy()),
  hostileValue,
);

/** Tags: huge lists, huge tags, duplicates, non-strings, non-arrays. */
export const hostileTags: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(hostileValue, { maxLength: 8 }),
  fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 45, maxLength: 80 }),
  fc.constant(['x'.repeat(10_000), 'dup', 'dup', '']),
  fc.constant(new Array(100_000).fill('same')),
  hostileValue,
);

/** A whole attributes argument, with scope options mixed in. */
export const hostileAttributes: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    sessionId: hostileValue,
    userId: hostileValue,
    traceName: hostileValue,
    version: hostileValue,
    release: hostileValue,
    environment: fc.oneof(hostileValue, fc.constantFrom('prod', 'langfuse-x', 'Prod', 'a-b_c')),
    tags: hostileTags,
    metadata: hostileMetadata,
    asBaggage: fc.oneof(fc.boolean(), hostileValue),
    sensitive: fc.oneof(fc.constantFrom('warn', 'drop', 'allow'), hostileValue),
    onInvalid: fc.oneof(
      fc.constant(() => {
        throw new Error('hostile onInvalid');
      }),
      fc.constant(() => undefined),
      hostileValue,
    ),
  },
  { requiredKeys: [] },
);

/** Options of ThreadlineSpanProcessor, as a config file might get them wrong. */
export const hostileProcessorOptions: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    dialects: fc.oneof(
      fc.array(fc.constantFrom('otel', 'langfuse', 'openinference', 'OTEL', '', '__proto__')),
      hostileValue,
    ),
    readBaggage: fc.oneof(fc.boolean(), hostileValue),
    sensitive: fc.oneof(fc.constantFrom('warn', 'drop', 'allow'), hostileValue),
    onInvalid: fc.oneof(
      fc.constant(() => {
        throw new Error('hostile onInvalid');
      }),
      hostileValue,
    ),
    maxMetadataCardinality: fc.oneof(
      fc.constantFrom(0, -1, 1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '5'),
      hostileValue,
    ),
  },
  { requiredKeys: [] },
);

/** Span attributes another library might set at start, under the keys Threadline reads. */
export const hostileSpanAttributes: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    'session.id': hostileValue,
    'user.id': hostileValue,
    'langfuse.trace.name': hostileValue,
    'langfuse.environment': hostileValue,
    'langfuse.trace.tags': fc.oneof(
      hostileTags,
      fc.constantFrom('["a","a","b"]', '[1,2]', '[', 'a,,b', ' , ', `[${'"t",'.repeat(80)}"t"]`),
    ),
    'langfuse.trace.metadata.__proto__': hostileValue,
    'langfuse.trace.metadata.constructor': hostileValue,
    'langfuse.trace.metadata.tier': hostileValue,
    'ai.telemetry.metadata.sessionId': hostileValue,
    'ai.telemetry.metadata.userId': hostileValue,
    'ai.telemetry.metadata.tags': hostileTags,
    'tag.tags': hostileTags,
    metadata: fc.oneof(
      fc.constantFrom(
        '{"__proto__":{"polluted":"yes"},"tier":"gold"}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
        '[1,2]',
        'null',
        '{',
      ),
      fc.json(),
      hostileValue,
    ),
  },
  { requiredKeys: [] },
);

const token = fc.oneof(
  fc.constantFrom(
    'langfuse_session_id',
    'langfuse_user_id',
    'langfuse_tags',
    'langfuse_trace_name',
    'langfuse_environment',
    'langfuse_metadata___proto__',
    'langfuse_metadata_constructor',
    'langfuse_metadata_tier',
    'upstream',
  ),
  fc.string({ unit: fc.constantFrom('a', 'b', '_', '-', '.', '*'), minLength: 1, maxLength: 12 }),
);

const baggageValue = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'a,langfuse_user_id=injected',
    'a;langfuse_user_id=injected',
    'a%2Clangfuse_user_id%3Dinjected',
    '%0Ainjected',
    '%00',
    '%E0%A4%A',
    '%',
    'user%40example.com',
    'sk-proj-abcdefghijklmnop',
    't1%2Ct2%2C%2Ct3',
    'x'.repeat(5_000),
    'y'.repeat(9_000),
  ),
);

/**
 * `baggage` headers: members with injected separators, malformed percent-encoding, oversized
 * values, properties, too many members, and plain garbage.
 */
export const hostileBaggageHeader: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.tuple(token, baggageValue, fc.constantFrom('', ';prop', ';p=v;q', ';;')), {
        maxLength: 12,
      })
      .map((members) => members.map(([k, v, p]) => `${k}=${v}${p}`).join(',')),
  },
  fc.integer({ min: 181, max: 400 }).map((n) =>
    Array.from({ length: n }, (_, i) => `k${i}=v${i}`)
      .concat('langfuse_session_id=late')
      .join(','),
  ),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', ',,,', '=', '==,=', 'langfuse_session_id', 'langfuse_session_id=', ' , = ; '),
);
