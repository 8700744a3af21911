import { afterEach, describe, expect, it } from 'vitest';
import {
  configureThreadline,
  resetThreadlineConfiguration,
} from '../configuration/configure-threadline';
import { toBoundedJson } from './bounded-json';

describe('toBoundedJson', () => {
  it('leaves JSON that fits as it is', () => {
    expect(toBoundedJson({ a: 'b' }, { maxChars: 100 })).toBe('{"a":"b"}');
    expect(toBoundedJson(undefined)).toBeUndefined();
  });

  it('cuts the longest strings first and stays valid JSON', () => {
    const value = [
      { role: 'user', parts: [{ type: 'text', content: 'short question' }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', response: 'x'.repeat(500) }] },
    ];
    const json = toBoundedJson(value, { maxChars: 200 })!;
    expect(json.length).toBeLessThanOrEqual(200);
    const parsed = JSON.parse(json);
    expect(parsed[0].parts[0].content).toBe('short question');
    expect(parsed[1].parts[0].response).toMatch(/^x+…\[truncated\]$/);
  });

  it('keeps the newest entries of a list when cutting strings is not enough', () => {
    const messages = Array.from({ length: 40 }, (_, i) => ({ role: 'user', n: i }));
    const json = toBoundedJson(messages, { maxChars: 120 })!;
    expect(json.length).toBeLessThanOrEqual(120);
    const kept = JSON.parse(json) as Array<{ n: number }>;
    expect(kept.at(-1)?.n).toBe(39);
    expect(kept.length).toBeLessThan(40);
  });

  it('never throws: what cannot be serialised is undefined', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(toBoundedJson(cycle)).toBeUndefined();
    expect(toBoundedJson({ n: 1n })).toBeUndefined();
  });
});

describe('toBoundedJson with a configured mask', () => {
  afterEach(() => resetThreadlineConfiguration());

  it('masks before serialising, and drops the content when the mask throws', () => {
    configureThreadline({
      mask: ({ data }) => JSON.parse(JSON.stringify(data).replaceAll('4111', '****')),
    });
    expect(toBoundedJson([{ role: 'user', content: 'card 4111' }])).toBe(
      '[{"role":"user","content":"card ****"}]',
    );
    configureThreadline({
      allowOverride: true,
      mask: () => {
        throw new Error('mask bug');
      },
    });
    expect(toBoundedJson([{ role: 'user', content: 'card 4111' }])).toBeUndefined();
    // Content built from masked values is not masked twice.
    expect(toBoundedJson(['card ****'], { masked: true })).toBe('["card ****"]');
  });
});
