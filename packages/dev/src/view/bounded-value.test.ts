import { describe, expect, it } from 'vitest';
import { boundValue, depthMarker, displayJson, VIEW_BOUNDS } from './bounded-value';

const deep = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown;

describe('boundValue', () => {
  it('returns a value within the bounds as it is, without copying', () => {
    const value = { messages: [{ role: 'user', content: 'hi' }], n: 1, ok: true, none: null };
    expect(boundValue(value)).toBe(value);
  });

  it('cuts nesting of any depth without recursion, marking where', () => {
    for (const levels of [5_000, 100_000]) {
      const bounded = boundValue(deep(levels)) as unknown[];
      let inner: unknown = bounded;
      let depth = 0;
      while (Array.isArray(inner)) {
        inner = inner[0];
        depth += 1;
      }
      expect(depth).toBe(VIEW_BOUNDS.maxDepth);
      expect(inner).toBe(depthMarker(VIEW_BOUNDS.maxDepth));
      expect(() => JSON.stringify(bounded)).not.toThrow();
    }
  });

  it('cuts long arrays, wide objects, long strings and large values, marking each cut', () => {
    const bounds = { maxDepth: 4, maxItems: 3, maxNodes: 1_000, maxStringChars: 5 };
    expect(boundValue([1, 2, 3, 4, 5], bounds)).toEqual([1, 2, 3, '[… 2 more items]']);
    expect(boundValue({ a: 1, b: 2, c: 3, d: 4 }, bounds)).toEqual({
      a: 1,
      b: 2,
      c: 3,
      '…': '[1 more keys]',
    });
    expect(boundValue('abcdefgh', bounds)).toBe('abcde… (3 more characters)');
    // A surrogate pair is never split.
    expect(boundValue('abcd😀x', bounds)).toBe('abcd… (3 more characters)');
    const many = Array.from({ length: 100 }, () => [1, 2]);
    const small = boundValue(many, { ...bounds, maxItems: 1_000, maxNodes: 10 }) as unknown[];
    expect(small).toHaveLength(10);
    expect(small[0]).toBe('[… more values than can be shown]');
    expect(small.at(-1)).toBe('[… 91 more items]');
  });

  it('keeps key order and keeps `__proto__` a plain key', () => {
    const value = JSON.parse('{"z":1,"__proto__":{"polluted":true},"a":[[[[1]]]]}') as object;
    const bounded = boundValue(value, { ...VIEW_BOUNDS, maxDepth: 2 }) as Record<string, unknown>;
    expect(Object.keys(bounded)).toEqual(['z', '__proto__', 'a']);
    expect(Object.getPrototypeOf(bounded)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(bounded.a).toEqual([depthMarker(2)]);
  });
});

describe('displayJson', () => {
  it('stringifies any value within the character bound', () => {
    expect(displayJson({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(displayJson({ a: 1 }, { indent: 2 })).toBe('{\n  "a": 1\n}');
    const text = displayJson(deep(100_000), { maxChars: 500 });
    expect(text.length).toBeLessThan(600);
    expect(text).toContain('nested deeper than');
    expect(displayJson(['x'.repeat(1e6)], { maxChars: 100 }).length).toBeLessThan(200);
  });

  it('gives a marker for a value that cannot be shown at all', () => {
    expect(displayJson({ n: 1n })).toMatch(/^\[this value cannot be shown: .*BigInt/);
  });
});
