/** What one case measured: medians over rounds, in nanoseconds of CPU time per iteration. */
export interface Measured {
  /** Median CPU nanoseconds per iteration over the timed rounds. */
  median: number;
  /** Interquartile range of the rounds divided by the median: how noisy the rounds were. */
  spread: number;
  /** Per-round CPU nanoseconds per iteration. */
  rounds: number[];
  /** Median of the per-round medians of what the iterations returned (e.g. ms to first chunk). */
  latency?: number;
  /** Per-round medians of what the iterations returned, for paired comparisons of latency. */
  latencyRounds?: number[];
}

/** How long and how often to measure. */
export interface MeasureOptions {
  /** Iterations in one timed loop. */
  iterations: number;
  /** Timed rounds; every case runs once per round. */
  rounds: number;
  /** Untimed rounds first, to warm the JIT and the caches. */
  warmup: number;
}

/** Quantile of a sorted list, by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Median of a list of numbers (NaN for none). */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function summarise(rounds: number[], latencies: number[] = []): Measured {
  const sorted = [...rounds].sort((a, b) => a - b);
  const mid = quantile(sorted, 0.5);
  const spread = mid > 0 ? (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / mid : 0;
  const out: Measured = { median: mid, spread, rounds };
  if (latencies.some(Number.isFinite)) {
    out.latency = median(latencies.filter(Number.isFinite));
    out.latencyRounds = latencies;
  }
  return out;
}

/**
 * Between timed loops: let the event loop run what the last loop queued (span processors settle
 * exports in microtasks and timers). Outside the timing. No forced GC: a full collection between
 * loops shrinks the young generation, and the next loop then pays for regrowing it (a
 * `streamText` call measured 3.8 ms of CPU after a forced GC, 1.4 ms without). The collector's
 * own work falls on the cases as it comes; rotating their order spreads it over all of them.
 */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

function cpuNanos(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) * 1000;
}

/**
 * Runs every synchronous case once per round, in rotating order (no case always runs first, or
 * last after the others warmed the JIT), and returns each case's median CPU nanoseconds per
 * iteration. CPU time rather than wall time: other processes on a shared machine skew it far
 * less; ratios between cases of one run are what the numbers are for.
 */
export async function compareSync(
  cases: Record<string, () => void>,
  { iterations, rounds, warmup }: MeasureOptions,
): Promise<Record<string, Measured>> {
  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      const run = cases[name]!;
      await settle();
      const start = process.cpuUsage();
      for (let i = 0; i < iterations; i++) run();
      const ns = cpuNanos(start) / iterations;
      if (round >= warmup) samples[name]!.push(ns);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(samples[n]!, [])]));
}

/**
 * The asynchronous twin of {@link compareSync}: iterations run one after another (each awaited),
 * CPU time is taken over the whole loop. A case may return a number per iteration (a latency in
 * milliseconds, such as the time to the first streamed chunk); its per-round median is kept and
 * the median over rounds reported as `latency`.
 */
export async function compareAsync(
  cases: Record<string, () => Promise<unknown>>,
  { iterations, rounds, warmup }: MeasureOptions,
): Promise<Record<string, Measured>> {
  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const latencies: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      const run = cases[name]!;
      await settle();
      const perCall: number[] = [];
      const start = process.cpuUsage();
      for (let i = 0; i < iterations; i++) {
        const latency = await run();
        if (typeof latency === 'number') perCall.push(latency);
      }
      const ns = cpuNanos(start) / iterations;
      if (round >= warmup) {
        samples[name]!.push(ns);
        // NaN for a round without latencies keeps latencyRounds aligned with rounds.
        latencies[name]!.push(perCall.length > 0 ? median(perCall) : Number.NaN);
      }
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(samples[n]!, latencies[n]!)]));
}
