import type { ReceivedSpan } from '@threadline/read-model';
import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/support/spans';
import { deepJsonMarker, MAX_JSON_DEPTH, nestsDeeperThan, withoutDeepJson } from './deep-json';

describe('nestsDeeperThan', () => {
  it('counts brackets outside strings only', () => {
    expect(nestsDeeperThan('[[[]]]', 2)).toBe(true);
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[{"a":[1]}]', 2)).toBe(true);
    // Brackets inside strings, escaped quotes included, do not nest anything.
    expect(nestsDeeperThan(`["${'['.repeat(50)}", "\\"[[[["]`, 2)).toBe(false);
    // Siblings do not add up.
    expect(nestsDeeperThan('[[],[],[],[]]', 2)).toBe(false);
  });
});

describe('withoutDeepJson', () => {
  it('replaces only JSON nested past the limit, leaving other spans as they are', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    const shallow = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    const text = `a ${'['.repeat(2 * MAX_JSON_DEPTH)}`;
    const spans: ReceivedSpan[] = [
      makeSpan({ trace: 1, span: 1, attributes: { 'input.value': deep, 'output.value': shallow } }),
      makeSpan({ trace: 1, span: 2, attributes: { 'input.value': text } }),
    ];
    const [first, second] = withoutDeepJson(spans);
    expect(first!.attributes).toEqual({
      'input.value': deepJsonMarker(deep.length),
      'output.value': shallow,
    });
    expect(spans[0]!.attributes['input.value']).toBe(deep);
    expect(second).toBe(spans[1]);
  });
});
