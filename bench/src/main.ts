/**
 * `pnpm bench`: Threadline next to bare OpenTelemetry and the peers, every workload in one run.
 * Prints a table per workload and per scale dimension, checks the budgets, and writes
 * bench/results/bench-results.json and bench/results/bench-chart.svg.
 * `--quick` for a short smoke run (few rounds and iterations: the verdicts are noise; results
 * not written unless `--write`); `--only=a,b,s` to pick workloads (`s`: every scale dimension,
 * or one of `depth`, `metadata`, `concurrency`, `session`).
 */
import { FIELD_SETS } from './fields';
import { startOpenAIServerProcess } from './fixtures/start-openai-server';
import type { MeasureOptions } from './measure';
import { checkBudgets } from './report/budgets';
import { checkGrowth } from './report/growth';
import { describeMachine, writeResults } from './report/output';
import { printScale } from './report/scale-table';
import { printBudgets, printOverheadMatrix, printWorkload } from './report/table';
import type { WorkloadResult } from './result';
import type { ScaleDimension, ScaleOptions } from './scale/scale-dimension';
import { installGlobalProvider } from './setups/global-provider';
import { installGlobals } from './setups/globals';
import { createPeerProcessors } from './setups/peers';
import { aiStreamText } from './workloads/ai-stream-text';
import { langChainChain } from './workloads/langchain-chain';
import { openAICall } from './workloads/openai-call';
import { scaleConcurrency } from './workloads/scale-concurrency';
import { scaleDepth } from './workloads/scale-depth';
import { scaleMetadata } from './workloads/scale-metadata';
import { scaleSession } from './workloads/scale-session';
import { scopeEnterLeave } from './workloads/scope-enter-leave';
import { spanStartEnd } from './workloads/span-start-end';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (...names: string[]) => !only || names.some((n) => only.includes(n));
const write = !quick || args.includes('--write');

// Quick rounds stay at 7: the sign-test interval needs 6 or more to say anything at 95%.
const SPANS: MeasureOptions = quick
  ? { iterations: 2_000, rounds: 7, warmup: 1 }
  : { iterations: 20_000, rounds: 21, warmup: 5 };
const CALLS: MeasureOptions = quick
  ? { iterations: 10, rounds: 7, warmup: 1 }
  : // Calls vary more from round to round than span starts: more rounds, for intervals that
    // tell a difference of a few tens of µs from noise.
    { iterations: 100, rounds: 41, warmup: 3 };
const SCALE: ScaleOptions = quick
  ? { spansPerLoop: 1_000, rounds: 7, warmup: 1 }
  : { spansPerLoop: 10_000, minIterations: 5, rounds: 21, warmup: 3 };

const started = performance.now();
const machine = describeMachine();
console.log(
  `Threadline bench — ${machine.date}, ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}${quick ? ' — QUICK: too few rounds to read anything off, a smoke run' : ''}`,
);
installGlobals();
const peers = createPeerProcessors();
const results: WorkloadResult[] = [];
const done = (result: WorkloadResult) => {
  printWorkload(result);
  printOverheadMatrix(result);
  results.push(result);
};

if (wanted('a')) for (const [l, f] of FIELD_SETS) done(await spanStartEnd(l, f, peers, SPANS));
if (wanted('b')) for (const [l, f] of FIELD_SETS) done(await scopeEnterLeave(l, f, peers, SPANS));
if (wanted('c', 'd', 'e')) {
  const global = installGlobalProvider();
  if (wanted('c')) {
    const server = await startOpenAIServerProcess();
    try {
      done(await openAICall(false, server.baseURL, global, peers, CALLS));
      done(await openAICall(true, server.baseURL, global, peers, CALLS));
    } finally {
      await server.stop();
    }
  }
  if (wanted('d')) done(await langChainChain(global, peers, CALLS));
  if (wanted('e')) done(await aiStreamText(global, peers, CALLS));
}

const scale: ScaleDimension[] = [];
const dimensions = [
  ['depth', scaleDepth],
  ['metadata', scaleMetadata],
  ['concurrency', scaleConcurrency],
  ['session', scaleSession],
] as const;
for (const [id, run] of dimensions) {
  if (!wanted('s', id)) continue;
  const dimension = await run(peers, SCALE);
  printScale(dimension);
  scale.push(dimension);
}

const budgets = [...checkBudgets(results), ...checkGrowth(scale)];
printBudgets(budgets);
const seconds = Math.round((performance.now() - started) / 1000);
if (write) {
  const files = await writeResults(
    new URL('../results/', import.meta.url),
    results,
    scale,
    budgets,
    machine,
    seconds,
  );
  console.log(`\nwrote ${files.json}\nwrote ${files.svg}`);
}
console.log(`\ndone in ${seconds} s`);
// Langfuse's processor keeps a flush timer; nothing else is left to wait for.
process.exit(0);
