import { describe, expect, it } from 'vitest';
import { medianInterval } from './sign-test-interval';
import { judge } from './verdict';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('sign-test interval of the median', () => {
  it('takes the 6th and 16th of 21 sorted values at 95% (exact coverage 97.3%)', () => {
    const shuffled = oneTo(21).sort((a, b) => ((a * 7) % 5) - ((b * 7) % 5));
    const interval = medianInterval(shuffled);
    expect(interval).toMatchObject({ median: 11, low: 6, high: 16, count: 21 });
    expect(interval.coverage).toBeCloseTo(0.9734, 4);
  });

  it('takes the extremes of 6 values, and gives no 95% interval below 6', () => {
    expect(medianInterval(oneTo(6))).toMatchObject({ low: 1, high: 6 });
    expect(medianInterval(oneTo(6)).coverage).toBeCloseTo(1 - 2 / 64, 6);
    expect(medianInterval(oneTo(5))).toMatchObject({ low: -Infinity, high: Infinity });
  });

  it('narrows at a lower confidence and leaves out values that are not finite', () => {
    const at90 = medianInterval(oneTo(21), 0.9);
    expect(at90.low).toBeGreaterThan(6);
    expect(medianInterval([Number.NaN, ...oneTo(6)]).count).toBe(6);
  });

  it('judges by where the interval lies relative to 0', () => {
    expect(judge(oneTo(21).map((x) => -x)).verdict).toBe('ahead');
    expect(judge(oneTo(21)).verdict).toBe('behind');
    expect(judge(oneTo(21).map((x) => x - 11)).verdict).toBe('within noise');
    expect(judge([0, 0, 0, 0, 0, 0, 0]).verdict).toBe('within noise');
  });
});
