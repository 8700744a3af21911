import { quantile } from '../measure';

/** A distribution-free confidence interval for the median of a sample. */
export interface MedianInterval {
  /** The sample's median. */
  median: number;
  /** Lower end (`-Infinity` when the sample is too small for the confidence asked). */
  low: number;
  /** Upper end (`Infinity` when the sample is too small for the confidence asked). */
  high: number;
  /** Probability that the interval covers the true median (exact, at least the one asked). */
  coverage: number;
  /** Finite values the interval was read from. */
  count: number;
}

/** P(B ≤ k) for B ~ Binomial(n, ½), for k = 0..n. */
function binomialHalfCdf(n: number): number[] {
  const cdf: number[] = [];
  // Terms C(n, i)·2⁻ⁿ, built up one from the last; 2⁻ⁿ stays a normal double up to n = 1022.
  let term = 2 ** -n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    sum += term;
    cdf.push(sum);
    term = (term * (n - i)) / (i + 1);
  }
  return cdf;
}

/**
 * The sign-test interval of the median: with the sample sorted, [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] for the
 * largest k whose tail P(B ≤ k − 1) stays within (1 − confidence) / 2 on each side. It assumes
 * nothing about the shape of the distribution (round-to-round noise on a shared machine is
 * skewed and has outliers) and only that rounds are independent, and it is exact, so a verdict
 * read off it is the same on every run of the same numbers (no resampling). Below 6 values no
 * 95% interval exists (2⁻⁵ > 2.5%): the interval is then unbounded.
 */
export function medianInterval(values: readonly number[], confidence = 0.95): MedianInterval {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  const median = quantile(sorted, 0.5);
  const tail = (1 - confidence) / 2;
  const cdf = binomialHalfCdf(n);
  let k = 0;
  while (k < n && cdf[k]! <= tail) k++;
  // k values of the sample may lie below the interval: P(B ≤ k − 1) ≤ tail.
  if (k === 0) return { median, low: -Infinity, high: Infinity, coverage: 1, count: n };
  return {
    median,
    low: sorted[k - 1]!,
    high: sorted[n - k]!,
    coverage: 1 - 2 * cdf[k - 1]!,
    count: n,
  };
}
