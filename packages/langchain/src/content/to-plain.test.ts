import { describe, expect, it } from 'vitest';
import { toPlain } from './to-plain';

describe('toPlain', () => {
  it('cuts a cycle where it leads back to a value being copied', () => {
    const value: Record<string, unknown> = { x: 1 };
    value.self = value;
    value.list = [value, { y: 2 }];
    expect(toPlain(value)).toEqual({ x: 1, self: '[…]', list: ['[…]', { y: 2 }] });
  });

  it('copies a value met twice without a cycle both times', () => {
    const shared = { z: 1 };
    expect(toPlain({ p: shared, q: [shared] })).toEqual({ p: { z: 1 }, q: [{ z: 1 }] });
  });
});
