import { overheadOf, ratioOf, type WorkloadResult } from '../result';
import { CONFIDENCE } from '../stats/verdict';
import type { BudgetCheck } from './budgets';
import { formatNs } from './format-ns';

/**
 * One workload as a table: each setup's median, the round-to-round spread, its ratio to the
 * baseline and its overhead over it (both paired within rounds, see `overheadOf`), and its
 * ratio to Threadline (> 1: slower than Threadline).
 */
export function workloadRows(result: WorkloadResult): Array<Record<string, string | number>> {
  const tl = result.cases[result.threadline]!.median;
  return Object.entries(result.cases).map(([name, c]) => ({
    setup: name,
    [`CPU / ${result.per}`]: formatNs(c.median),
    spread: `${(c.spread * 100).toFixed(0)}%`,
    [`× ${result.baseline}`]: ratioOf(result, name).toFixed(3),
    overhead: name === result.baseline ? '—' : formatNs(overheadOf(result, name)),
    '× threadline': (c.median / tl).toFixed(3),
    ...(c.attributes === undefined ? {} : { attrs: c.attributes }),
    ...(c.spansPerIteration === undefined ? {} : { spans: c.spansPerIteration }),
    ...(c.latency === undefined ? {} : { '1st chunk': `${c.latency.toFixed(3)} ms` }),
  }));
}

/** Prints one workload. */
export function printWorkload(result: WorkloadResult): void {
  const { iterations, rounds, warmup } = result.settings;
  console.log(
    `\n${result.title} — median of ${rounds} rounds × ${iterations} (${warmup} warm-up)${result.note ? `\n  ${result.note}` : ''}`,
  );
  console.table(workloadRows(result));
}

/**
 * Overhead over bare of every setup, as a ratio to each other setup's overhead: the "ratios to
 * each peer" of workload (a) and (b), where overheads (not totals) are what differ.
 */
export function printOverheadMatrix(result: WorkloadResult): void {
  const names = Object.keys(result.cases).filter((n) => n !== result.baseline);
  const overhead = (n: string) => overheadOf(result, n);
  const rows = names.map((row) => ({
    overhead: row,
    ...Object.fromEntries(
      names.map((col) => [`÷ ${col}`, (overhead(row) / overhead(col)).toFixed(2)]),
    ),
  }));
  console.log(`  overhead ratios, ${result.id} (row's overhead ÷ column's):`);
  console.table(rows);
}

/** Prints the budget checks, one line each with its verdict. */
export function printBudgets(checks: readonly BudgetCheck[]): void {
  console.log(
    `\nBudgets (read from this run; Threadline against the lowest peer and the floor on the paired per-round differences, ${Math.round(CONFIDENCE * 100)}% sign-test interval of their median: ahead = wholly below 0, behind = wholly above, else within noise):`,
  );
  for (const check of checks) {
    console.log(`  ${check.met ? 'met    ' : 'MISSED '} ${check.budget}: ${check.measured}`);
  }
  const missed = checks.filter((c) => !c.met).length;
  const behind = checks.filter((c) => c.verdict === 'behind').length;
  console.log(`  ${checks.length - missed} of ${checks.length} met; ${behind} behind`);
}
