import type { Measured, MeasureOptions } from '../measure';
import type { CaseResult, WorkloadResult } from '../result';

/** How long to measure each size of a scale dimension. */
export interface ScaleOptions {
  /** Spans in one timed loop (iterations are fitted to it, at least `minIterations`). */
  spansPerLoop: number;
  /**
   * The fewest iterations of a timed loop. One iteration at the largest sizes (10,000 live
   * scopes) lasts about as long as one young-generation collection, so a round of one iteration
   * gets a whole collection or none; several spread them over the setups.
   */
  minIterations?: number;
  rounds: number;
  warmup: number;
}

/** One size of a dimension: its workload, with every cost per span. */
export interface ScaleSize {
  size: number;
  /** Spans one iteration starts and ends. */
  spansPerIteration: number;
  result: WorkloadResult;
}

/** One dimension of the work (nesting depth, metadata keys, live scopes, session turns). */
export interface ScaleDimension {
  /** Short id, e.g. `depth`. */
  id: string;
  /** What grows, e.g. `nesting depth`. */
  title: string;
  /** What one unit of size is, e.g. `levels`. */
  unit: string;
  /** How one iteration goes, for the reader. */
  note: string;
  sizes: ScaleSize[];
}

/** Iterations of one timed loop for an iteration of `spansPerIteration` spans. */
export function loopOf(spansPerIteration: number, options: ScaleOptions): MeasureOptions {
  return {
    iterations: Math.max(
      options.minIterations ?? 1,
      Math.round(options.spansPerLoop / spansPerIteration),
    ),
    rounds: options.rounds,
    warmup: options.warmup,
  };
}

/** What was measured per iteration, as cost per span. */
export function perSpan(measured: Measured, spans: number): CaseResult {
  const out: CaseResult = {
    median: measured.median / spans,
    spread: measured.spread,
    rounds: measured.rounds.map((ns) => ns / spans),
  };
  return out;
}

/** The workload of one size: every case's cost per span, with the attributes it wrote. */
export function sizeResult(
  dimension: Pick<ScaleDimension, 'id' | 'title' | 'unit'>,
  size: number,
  spansPerIteration: number,
  measured: Record<string, Measured>,
  attributes: Record<string, number | undefined>,
  settings: MeasureOptions,
  shape: Pick<WorkloadResult, 'peers' | 'floor'>,
): ScaleSize {
  const cases: Record<string, CaseResult> = {};
  for (const [name, m] of Object.entries(measured)) {
    cases[name] = { ...perSpan(m, spansPerIteration), attributes: attributes[name] };
  }
  return {
    size,
    spansPerIteration,
    result: {
      id: `scale-${dimension.id}-${size}`,
      title: `(scale) ${dimension.title}: ${size.toLocaleString('en-US')} ${dimension.unit}`,
      per: 'span',
      baseline: 'bare',
      threadline: 'threadline',
      ...shape,
      cases,
      settings,
    },
  };
}
