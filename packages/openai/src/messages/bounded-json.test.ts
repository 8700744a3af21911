import { describe, expect, it } from 'vitest';
import { toBoundedJson } from './bounded-json';

describe('toBoundedJson', () => {
  it('is plain JSON when it fits', () => {
    expect(toBoundedJson([{ a: 'b' }], 100)).toBe('[{"a":"b"}]');
  });

  it('cuts the longest strings first and stays valid JSON', () => {
    const value = [{ short: 'keep me', long: 'x'.repeat(500) }];
    const json = toBoundedJson(value, 200)!;
    expect(json.length).toBeLessThanOrEqual(200);
    const [parsed] = JSON.parse(json);
    expect(parsed.short).toBe('keep me');
    expect(parsed.long).toMatch(/^x+…\[truncated\]$/);
    // The cut is as long as the bound allows.
    expect(toBoundedJson(value, json.length - 1)!.length).toBeLessThan(json.length);
  });

  it('keeps the newest entries of a list that does not fit even cut', () => {
    const value = Array.from({ length: 50 }, (_, i) => ({ role: 'user', n: i }));
    const json = toBoundedJson(value, 100)!;
    expect(json.length).toBeLessThanOrEqual(100);
    const parsed = JSON.parse(json) as Array<{ n: number }>;
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed[parsed.length - 1]!.n).toBe(49);
  });

  it('gives undefined for what cannot be serialised or cannot fit', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(toBoundedJson(cycle)).toBeUndefined();
    expect(toBoundedJson({ n: 10n })).toBeUndefined();
    expect(toBoundedJson({ many: Array.from({ length: 100 }, () => 1) }, 10)).toBeUndefined();
    expect(toBoundedJson(undefined)).toBeUndefined();
  });
});
