import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time';

const YEAR_10000 = 253_402_300_800_000;

describe('isoTime', () => {
  it('is toISOString, for times on the day formatted last and on any other', () => {
    const time = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: 0, max: YEAR_10000 + 86_400_000 }),
      fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }),
    );
    // Each time, then times near it: the same day mostly, and across its end.
    fc.assert(
      fc.property(time, fc.array(fc.integer({ min: -90_000_000, max: 90_000_000 })), (t, steps) => {
        expect(isoTime(t)).toBe(new Date(t).toISOString());
        for (const step of steps) {
          const next = t + step;
          if (Math.abs(next) > 8.64e15) continue;
          expect(isoTime(next)).toBe(new Date(next).toISOString());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is right at the edges of a day and of its hours', () => {
    const day = Date.UTC(2026, 11, 7);
    for (const t of [
      day,
      day + 1,
      day + 999,
      day + 3_599_999,
      day + 86_399_999,
      day + 86_400_000,
    ]) {
      expect(isoTime(t)).toBe(new Date(t).toISOString());
    }
  });

  it('throws for an invalid time, as toISOString does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(9e15)).toThrow(RangeError);
  });
});
