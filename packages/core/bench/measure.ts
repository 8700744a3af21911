/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs every case once per round, in rotating order so no case always runs first (or last,
 * after the others warmed the JIT), and returns the median nanoseconds per iteration. Between
 * timed loops it yields to the event loop, outside the timing.
 */
export async function compare(
  cases: Record<string, () => void>,
  options: { iterations?: number; rounds?: number; warmup?: number } = {},
): Promise<Record<string, number>> {
  const samples = await sample(cases, options);
  return Object.fromEntries(Object.entries(samples).map(([n, s]) => [n, median(s)]));
}

/** Nanoseconds per iteration of every case, one sample per round (rounds line up across cases). */
export async function sample(
  cases: Record<string, () => void>,
  { iterations = 20_000, rounds = 25, warmup = 5 } = {},
): Promise<Record<string, number[]>> {
  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      const run = cases[name]!;
      // CPU time, not wall time: other processes on a shared machine then skew it far less.
      const start = process.cpuUsage();
      for (let i = 0; i < iterations; i++) run();
      const used = process.cpuUsage(start);
      const ns = ((used.user + used.system) * 1000) / iterations;
      if (round >= warmup) samples[name]!.push(ns);
      // Span processors settle their exports in microtasks: let them, outside the timed loop.
      await yieldToEventLoop();
    }
  }
  return samples;
}
