import type { Measured } from './measure';

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
  cases: Record<string, CaseResult>;
  /** What was run, for the JSON (iterations, rounds, warm-up). */
  settings: { iterations: number; rounds: number; warmup: number };
  /** Anything a reader needs to read the numbers right. */
  note?: string;
}
