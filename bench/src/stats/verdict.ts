import { type MedianInterval, medianInterval } from './sign-test-interval';

/**
 * How one setup compares with another over the rounds of one run: `ahead` when the interval of
 * the median per-round difference (this − other) lies wholly below 0, `behind` when wholly above,
 * `within noise` when it contains 0 (or too few rounds give no interval).
 */
export type Verdict = 'ahead' | 'behind' | 'within noise';

/** A verdict and the interval it was read from. */
export interface Judged extends MedianInterval {
  verdict: Verdict;
}

/** Confidence of every interval the bench prints. */
export const CONFIDENCE = 0.95;

/**
 * Judges paired per-round differences (negative: the first of the pair was cheaper in that
 * round) by the sign-test interval of their median (see {@link medianInterval}).
 */
export function judge(differences: readonly number[], confidence = CONFIDENCE): Judged {
  const interval = medianInterval(differences, confidence);
  const verdict: Verdict =
    interval.high < 0 ? 'ahead' : interval.low > 0 ? 'behind' : 'within noise';
  return { ...interval, verdict };
}
