import { describe, expect, it } from 'vitest';
import { toBoundedJson } from './bounded-json';

describe('toBoundedJson', () => {
  it('fits: the JSON as it is', () => {
    expect(toBoundedJson([{ a: 'b' }], 100)).toBe('[{"a":"b"}]');
  });

  it('too long: the longest strings cut, still valid JSON within the bound', () => {
    const value = [
      { role: 'user', content: 'x'.repeat(500) },
      { role: 'user', content: 'short' },
    ];
    const json = toBoundedJson(value, 200)!;
    expect(json.length).toBeLessThanOrEqual(200);
    const parsed = JSON.parse(json);
    expect(parsed[1].content).toBe('short');
    expect(parsed[0].content).toMatch(/^x+…\[truncated\]$/);
  });

  it('too many entries for any cut: the latest entries of a list', () => {
    const value = Array.from({ length: 100 }, (_, i) => ({ i }));
    const json = toBoundedJson(value, 60)!;
    expect(json.length).toBeLessThanOrEqual(60);
    const parsed = JSON.parse(json) as Array<{ i: number }>;
    expect(parsed.at(-1)).toEqual({ i: 99 });
  });

  it('cannot be serialised or nothing fits: undefined', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(toBoundedJson(cycle)).toBeUndefined();
    expect(toBoundedJson({ a: 1, b: 2, c: 3 }, 5)).toBeUndefined();
  });
});
