import type { WorkloadResult } from '../result';

const PEERS = ['langfuse', 'openinference', 'baggage'];

function fmt(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  if (Math.abs(ns) >= 100_000) return `${(ns / 1e6).toFixed(3)} ms`;
  if (Math.abs(ns) >= 10_000) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

/** Prints one workload: medians, ratio to the baseline, overhead, ratio to Threadline. */
export function printWorkload(result: WorkloadResult): void {
  const base = result.cases[result.baseline]!.median;
  const tl = result.cases[result.threadline]!.median;
  const rows = Object.entries(result.cases).map(([name, c]) => ({
    setup: name,
    [`CPU / ${result.per}`]: fmt(c.median),
    spread: `${(c.spread * 100).toFixed(0)}%`,
    [`× ${result.baseline}`]: (c.median / base).toFixed(3),
    overhead: name === result.baseline ? '—' : fmt(c.median - base),
    '× threadline': (c.median / tl).toFixed(3),
    ...(c.attributes === undefined ? {} : { attrs: c.attributes }),
    ...(c.latency === undefined ? {} : { 'to 1st chunk': `${c.latency.toFixed(3)} ms` }),
  }));
  console.log(`\n${result.title}`);
  console.table(rows);
  void PEERS;
}
