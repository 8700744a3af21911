import { DiagLogLevel, diag } from '@opentelemetry/api';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { globalState } from '../global-state';
import type { ThreadlineSettings } from '../settings';
import type { InvalidValueReport } from './report';
import { validateAttributes } from './validate-attributes';

const warnings: string[] = [];
let reports: InvalidValueReport[] = [];
const settings = (over: Partial<ThreadlineSettings> = {}): ThreadlineSettings => ({
  sensitive: 'warn',
  maxMetadataCardinality: 1000,
  onInvalid: (report) => reports.push(report),
  ...over,
});

beforeEach(() => {
  warnings.length = 0;
  reports = [];
  globalState().warned.clear();
  diag.setLogger(
    {
      warn: (message: string) => warnings.push(message),
      error: () => {},
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
});
afterEach(() => diag.disable());

const good = {
  sessionId: 'conv-1',
  userId: 'user-1',
  traceName: 'support',
  version: '1.2.3',
  release: 'r42',
  environment: 'production',
  tags: ['a', 'b'],
  metadata: { tier: 'gold', region: 'eu' },
};

/** Feeds one bad field and checks: dropped alone, others kept, warned once, no throw. */
function expectDroppedAlone(bad: Record<string, unknown>, field: string, reason: string) {
  const input = { ...good, ...bad };
  const first = validateAttributes(input, settings());
  const second = validateAttributes(input, settings());
  const { [field]: _dropped, ...rest } = good as Record<string, unknown>;
  for (const result of [first, second]) {
    for (const [key, value] of Object.entries(rest)) {
      expect((result.attributes as Record<string, unknown>)[key], key).toEqual(value);
    }
  }
  expect(reports.filter((r) => r.field === field && r.reason === reason)).toHaveLength(2);
  expect(warnings.filter((w) => w.includes(field))).toHaveLength(1);
  // The value itself never reaches a report.
  for (const r of reports)
    expect(JSON.stringify(r)).not.toContain(String(Object.values(bad)[0]).slice(0, 20) || '\u0000');
  return first.attributes;
}

describe('docs/contract.md#fields validation: each rule drops the bad value alone, warns once, never throws', () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['sessionId not a string', { sessionId: 42 }, 'sessionId', 'type'],
    ['sessionId empty', { sessionId: '' }, 'sessionId', 'empty'],
    ['sessionId over 200 chars', { sessionId: 'x'.repeat(201) }, 'sessionId', 'too-long'],
    ['sessionId non-ASCII', { sessionId: 'conv-é' }, 'sessionId', 'characters'],
    ['sessionId control char', { sessionId: 'a\nb' }, 'sessionId', 'characters'],
    ['userId not a string', { userId: { id: 1 } }, 'userId', 'type'],
    ['userId over 200 chars', { userId: 'u'.repeat(300) }, 'userId', 'too-long'],
    ['userId tab', { userId: 'u\t1' }, 'userId', 'characters'],
    ['traceName control char', { traceName: 'a\u0007b' }, 'traceName', 'characters'],
    ['traceName C1 control', { traceName: 'a\u0085b' }, 'traceName', 'characters'],
    ['traceName too long', { traceName: 'n'.repeat(201) }, 'traceName', 'too-long'],
    ['traceName empty', { traceName: '' }, 'traceName', 'empty'],
    ['version control char', { version: '1.0\r' }, 'version', 'characters'],
    ['release too long', { release: 'r'.repeat(201) }, 'release', 'too-long'],
    ['environment upper case', { environment: 'Production' }, 'environment', 'pattern'],
    ['environment langfuse prefix', { environment: 'langfuse-prod' }, 'environment', 'pattern'],
    ['environment over 40', { environment: 'e'.repeat(41) }, 'environment', 'pattern'],
    ['tags not an array', { tags: 'a,b' }, 'tags', 'type'],
    ['metadata not an object', { metadata: ['x'] }, 'metadata', 'type'],
  ];
  it.each(cases)('%s', (_title, bad, field, reason) => {
    expectDroppedAlone(bad, field, reason);
  });

  it('counts characters, not UTF-16 units, for text fields', () => {
    const emoji = '😀'.repeat(200); // 400 UTF-16 units, 200 characters
    expect(validateAttributes({ traceName: emoji }, settings()).attributes.traceName).toBe(emoji);
    expect(
      validateAttributes({ traceName: `${emoji}x` }, settings()).attributes.traceName,
    ).toBeUndefined();
  });

  it('keeps tag order, removes duplicates, drops bad tags alone and caps at 50', () => {
    const tags = ['b', 'a', 'b', '', 'x\n', 7, ...Array.from({ length: 60 }, (_, i) => `t${i}`)];
    const { attributes } = validateAttributes({ tags }, settings());
    expect(attributes.tags?.slice(0, 3)).toEqual(['b', 'a', 't0']);
    expect(attributes.tags).toHaveLength(50);
    expect(reports.map((r) => r.reason)).toEqual(
      expect.arrayContaining(['empty', 'characters', 'type', 'too-many']),
    );
    expect(warnings.filter((w) => w.includes('tags') && w.includes('too many'))).toHaveLength(1);
  });

  it('metadata: keys by pattern, reserved keys refused, values stringified, 1–200 chars, 50 keys', () => {
    const metadata: Record<string, unknown> = {
      ok: 'v',
      n: 3.5,
      flag: false,
      'bad key': 'x',
      ['k'.repeat(65)]: 'x',
      empty: '',
      long: 'v'.repeat(201),
      nan: Number.NaN,
      obj: { nested: true },
      constructor: 'x',
      prototype: 'x',
    };
    Object.defineProperty(metadata, '__proto__', { value: 'x', enumerable: true });
    for (let i = 0; i < 60; i++) metadata[`m${i}`] = i;
    const { attributes } = validateAttributes({ metadata, sessionId: 's' }, settings());
    expect(attributes.sessionId).toBe('s');
    expect(attributes.metadata).toMatchObject({ ok: 'v', n: '3.5', flag: 'false', m0: '0' });
    expect(Object.keys(attributes.metadata ?? {})).toHaveLength(50);
    for (const key of [
      'bad key',
      'empty',
      'long',
      'nan',
      'obj',
      'constructor',
      'prototype',
      '__proto__',
    ]) {
      expect(Object.hasOwn(attributes.metadata ?? {}, key), key).toBe(false);
    }
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const reasons = new Set(reports.map((r) => r.reason));
    for (const reason of ['pattern', 'empty', 'too-long', 'type', 'reserved-key', 'too-many']) {
      expect(reasons.has(reason as never), reason).toBe(true);
    }
  });

  it('reports unbounded metadata cardinality once and keeps the values', () => {
    const s = settings({ maxMetadataCardinality: 5 });
    for (let i = 0; i < 20; i++) {
      const { attributes } = validateAttributes({ metadata: { requestId: `r${i}` } }, s);
      expect(attributes.metadata?.requestId).toBe(`r${i}`);
    }
    expect(reports.filter((r) => r.reason === 'unbounded-cardinality')).toHaveLength(1);
    expect(reports[0]).toMatchObject({ key: 'requestId', dropped: false });
  });

  it('the same values validated again report again, and each policy decides for itself', () => {
    const warn = settings();
    const drop = settings({ sensitive: 'drop' });
    for (let i = 0; i < 2; i++) validateAttributes({ sessionId: 'bad\nid', userId: 'u' }, warn);
    for (let i = 0; i < 2; i++) validateAttributes({ sessionId: 'a@b.co' }, warn);
    expect(reports.map((r) => `${r.field}:${r.reason}`)).toEqual([
      'sessionId:characters',
      'sessionId:characters',
      'sessionId:sensitive',
      'sessionId:sensitive',
    ]);
    const allowed = validateAttributes({ sessionId: 'a@b.co' }, settings({ sensitive: 'allow' }));
    expect(allowed.attributes).toEqual({ sessionId: 'a@b.co' });
    expect(validateAttributes({ sessionId: 'a@b.co' }, drop).attributes).toEqual({});
    const first = validateAttributes({ sessionId: 's', userId: null }, warn);
    const again = validateAttributes({ sessionId: 's', userId: null }, warn);
    expect(again).toEqual({ attributes: { sessionId: 's' }, cleared: ['userId'] });
    expect(again.attributes).toBe(first.attributes);
    expect(validateAttributes({ sessionId: 's', userId: 'u' }, warn).attributes).toEqual({
      sessionId: 's',
      userId: 'u',
    });
  });

  it('null clears, undefined inherits', () => {
    const result = validateAttributes(
      { sessionId: null, tags: null, userId: undefined },
      settings(),
    );
    expect(result.cleared).toEqual(['sessionId', 'tags']);
    expect(result.attributes).toEqual({});
  });

  it('never throws on hostile input objects', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(() => validateAttributes(hostile, settings())).not.toThrow();
    const getter = {
      get sessionId() {
        throw new Error('nope');
      },
      userId: 'u',
    };
    expect(() => validateAttributes(getter, settings())).not.toThrow();
    expect(validateAttributes(null, settings()).attributes).toEqual({});
    expect(validateAttributes('x', settings()).attributes).toEqual({});
  });
});

describe('sensitive policy', () => {
  const samples = [
    ['email', 'jane.doe@example.com'],
    ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc123def'],
    ['bearer', 'Bearer abcdefghijklmnop'],
    ['openai key', 'sk-proj-abcdefghijklmnopqrstuv'],
    ['langfuse key', 'pk-lf-1234567890abcdef'],
    ['github token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['aws key', 'AKIAABCDEFGHIJKLMNOP'],
    ['card number', '4111111111111111'],
    ['card number in groups', '4111 1111 1111 1111'],
  ];
  it.each(samples)('%s: warn keeps it, drop drops it, allow keeps it silently', (_kind, value) => {
    expect(validateAttributes({ userId: value }, settings()).attributes.userId).toBe(value);
    expect(reports.at(-1)).toMatchObject({ field: 'userId', reason: 'sensitive', dropped: false });
    expect(
      validateAttributes({ userId: value, sessionId: 's' }, settings({ sensitive: 'drop' }))
        .attributes,
    ).toEqual({
      sessionId: 's',
    });
    expect(reports.at(-1)).toMatchObject({
      reason: 'sensitive',
      dropped: true,
      length: value.length,
    });
    const before = reports.length;
    expect(
      validateAttributes({ userId: value }, settings({ sensitive: 'allow' })).attributes.userId,
    ).toBe(value);
    expect(reports.length).toBe(before);
  });

  it('does not flag ordinary ids', () => {
    for (const id of [
      'conv-42',
      '550e8400-e29b-41d4-a716-446655440000',
      'user_123456789012',
      'skip-this',
    ]) {
      validateAttributes({ sessionId: id }, settings({ sensitive: 'drop' }));
    }
    expect(reports).toEqual([]);
  });

  it('applies to tags and metadata values too', () => {
    const { attributes } = validateAttributes(
      { tags: ['ok', 'a@b.co'], metadata: { owner: 'a@b.co', tier: 'gold' } },
      settings({ sensitive: 'drop' }),
    );
    expect(attributes).toEqual({ tags: ['ok'], metadata: { tier: 'gold' } });
  });
});

describe('property: arbitrary input never throws and only valid values come out', () => {
  const anything = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 70 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype')),
      fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.object()),
    ),
    fc.object(),
  );
  const printable = /^[\x20-\x7E]{1,200}$/;
  it('holds for every field', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            sessionId: anything,
            userId: anything,
            traceName: anything,
            version: anything,
            release: anything,
            environment: anything,
            tags: anything,
            metadata: anything,
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('warn', 'drop', 'allow'),
        (input, sensitive) => {
          const { attributes } = validateAttributes(
            input,
            settings({ sensitive: sensitive as 'warn' }),
          );
          if (attributes.sessionId !== undefined) expect(attributes.sessionId).toMatch(printable);
          if (attributes.userId !== undefined) expect(attributes.userId).toMatch(printable);
          for (const field of ['traceName', 'version', 'release'] as const) {
            const value = attributes[field];
            if (value !== undefined) {
              expect(typeof value).toBe('string');
              expect([...value].length).toBeGreaterThan(0);
              expect([...value].length).toBeLessThanOrEqual(200);
              // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
              expect(value).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
            }
          }
          if (attributes.environment !== undefined) {
            expect(attributes.environment).toMatch(/^(?!langfuse)[a-z0-9_-]{1,40}$/);
          }
          if (attributes.tags !== undefined) {
            expect(attributes.tags.length).toBeLessThanOrEqual(50);
            expect(new Set(attributes.tags).size).toBe(attributes.tags.length);
          }
          if (attributes.metadata !== undefined) {
            const keys = Object.keys(attributes.metadata);
            expect(keys.length).toBeLessThanOrEqual(50);
            for (const key of keys) {
              expect(key).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
              expect(typeof attributes.metadata[key]).toBe('string');
            }
          }
          if (sensitive === 'drop') {
            for (const value of [
              attributes.sessionId,
              attributes.userId,
              ...(attributes.tags ?? []),
            ]) {
              if (value !== undefined) expect(value).not.toMatch(/@[a-z]+\.[a-z]{2,}/i);
            }
          }
          expect(Object.getPrototypeOf({})).toBe(Object.prototype);
        },
      ),
      { numRuns: 400 },
    );
  });
});
