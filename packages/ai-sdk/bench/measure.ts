/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Options of {@link compare}. */
export interface CompareOptions {
  /** Calls of each case per round. */
  iterations: number;
  /** Rounds that count. */
  rounds: number;
  /** Rounds run first and thrown away (JIT warm-up). */
  warmup: number;
}

/**
 * Runs each case `iterations` times per round, the cases in rotating order so that none is
 * always first or last, and returns the median CPU nanoseconds per call of each. A case may be
 * async: its calls run one after another. CPU time rather than wall time, so other processes
 * on a shared machine skew it far less.
 */
export async function compare(
  cases: Record<string, () => unknown>,
  options: CompareOptions,
): Promise<Record<string, number>> {
  const samples = await sampleRounds(cases, options);
  return Object.fromEntries(Object.keys(samples).map((n) => [n, median(samples[n]!)]));
}

/**
 * As {@link compare}, but returns the CPU nanoseconds per call of every counted round, by case:
 * round `i` of two cases ran side by side, so their difference is a paired one.
 */
export async function sampleRounds(
  cases: Record<string, () => unknown>,
  { iterations, rounds, warmup }: CompareOptions,
): Promise<Record<string, number[]>> {
  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      const run = cases[name]!;
      const start = process.cpuUsage();
      for (let i = 0; i < iterations; i++) {
        const result = run();
        if (result instanceof Promise) await result;
      }
      const used = process.cpuUsage(start);
      if (round >= warmup) samples[name]!.push(((used.user + used.system) * 1000) / iterations);
      // Span processors and the SDK settle work in microtasks: let them, outside the timing.
      await yieldToEventLoop();
    }
  }
  return samples;
}

/** Median of the round-by-round differences `a − b` of two cases' samples. */
export function pairedDifference(a: number[], b: number[]): number {
  return median(a.map((value, i) => value - b[i]!));
}

/** Interquartile range of the round-by-round differences `a − b`: the noise of the pairing. */
export function spreadOfDifference(a: number[], b: number[]): number {
  const sorted = a.map((value, i) => value - b[i]!).sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return at(0.75) - at(0.25);
}
