import { describe, expect, it } from 'vitest';
import type { ResolvedAttributes } from '../attributes';
import { validateFields } from '../validation/validate-attributes';
import { mergeAttributes } from './merge-attributes';

const valid = (input: object): ResolvedAttributes => validateFields(input).attributes;

describe('mergeAttributes', () => {
  it('returns the outer level itself when the inner one repeats values it has', () => {
    const base = valid({
      sessionId: 's',
      userId: 'u',
      tags: ['a', 'b'],
      prompt: { name: 'p', version: 2 },
    });
    const over = valid({ sessionId: 's', tags: ['b'], prompt: { name: 'p', version: 2 } });
    expect(mergeAttributes(base, over)).toBe(base);
  });

  it('merges when the inner level changes or adds a value', () => {
    const base = valid({ sessionId: 's', userId: 'u', tags: ['a'] });
    expect(mergeAttributes(base, valid({ sessionId: 't' }))).toEqual({
      sessionId: 't',
      userId: 'u',
      tags: ['a'],
    });
    expect(mergeAttributes(base, valid({ tags: ['a', 'c'] })).tags).toEqual(['a', 'c']);
    expect(mergeAttributes(base, valid({ prompt: { name: 'p', version: 1 } })).prompt).toEqual({
      name: 'p',
      version: 1,
    });
  });

  it('keeps the inner metadata keys first, even when they repeat the outer values', () => {
    const base = valid({ metadata: { x: '1', y: '2' } });
    const merged = mergeAttributes(base, valid({ metadata: { y: '2' } }));
    expect(Object.keys(merged.metadata ?? {})).toEqual(['y', 'x']);
  });
});
