import { type Measured, quantile } from './measure';

/** One case of a workload: what was measured and what it produced. */
export interface CaseResult extends Measured {
  /** Attributes on the last span the case ended (to show each setup wrote its fields). */
  attributes?: number;
  /** Spans ended per iteration. */
  spansPerIteration?: number;
}

/** One workload (one row group of the table): its cases, measured side by side in one run. */
export interface WorkloadResult {
  /** Short id, e.g. `a-8` or `c-stream`. */
  id: string;
  /** What the workload does. */
  title: string;
  /** What one iteration is (`span`, `scope`, `call`, `chain run`). */
  per: string;
  /** The case every other case is compared with. */
  baseline: string;
  /** The Threadline case. */
  threadline: string;
  /** The peers' cases Threadline is judged against (Langfuse, OpenInference, Baggage). */
  peers: string[];
  /**
   * The floor's case, where one exists: the least any setup recording the same pays (a
   * processor that only sets the same attributes, a hand-made span, a do-nothing handler).
   */
  floor?: string;
  /**
   * A case that records what Threadline records at the least cost any implementation can have
   * (the span-recording handler of (d)), where the floor records nothing. When it is itself over
   * the floor budget, no implementation can meet that budget, and Threadline is judged against
   * this case instead (docs of bench/README.md).
   */
  mustPay?: string;
  cases: Record<string, CaseResult>;
  /** What was run, for the JSON (iterations, rounds, warm-up). */
  settings: { iterations: number; rounds: number; warmup: number };
  /** Anything a reader needs to read the numbers right. */
  note?: string;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A case's overhead over the baseline: the median over rounds of the difference within each
 * round. Cases of one round run back to back, so a load that drifts between rounds (a shared
 * machine) cancels out of each difference instead of landing on whichever case it hit.
 */
export function overheadOf(result: WorkloadResult, name: string): number {
  return medianOf(overheadRounds(result, name));
}

/** A case's per-round overheads over the baseline (same round, back to back). */
export function overheadRounds(result: WorkloadResult, name: string): number[] {
  const base = result.cases[result.baseline]!.rounds;
  return result.cases[name]!.rounds.map((ns, round) => ns - base[round]!);
}

/**
 * Per-round differences `a − b`. The baseline cancels out of a difference of two overheads,
 * and so does load that drifts between rounds.
 */
export function pairedDifferences(result: WorkloadResult, a: string, b: string): number[] {
  const y = result.cases[b]!.rounds;
  return result.cases[a]!.rounds.map((ns, round) => ns - y[round]!);
}

/** A case's time relative to the baseline: the median of the per-round ratios. */
export function ratioOf(result: WorkloadResult, name: string): number {
  const base = result.cases[result.baseline]!.rounds;
  const own = result.cases[name]!.rounds;
  return medianOf(own.map((ns, round) => ns / base[round]!));
}

/** Interquartile range over rounds of the per-round difference between two cases. */
export function differenceSpread(result: WorkloadResult, a: string, b: string): number {
  const sorted = pairedDifferences(result, a, b).sort((p, q) => p - q);
  return quantile(sorted, 0.75) - quantile(sorted, 0.25);
}
