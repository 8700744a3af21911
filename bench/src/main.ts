/**
 * `pnpm bench`: Threadline next to bare OpenTelemetry and the peers, every workload in one run.
 * Prints a table per workload, checks the budgets, and writes bench/results/bench-results.json
 * and bench/results/bench-chart.svg. `--quick` for a short smoke run (results not written
 * unless `--write`); `--only=a,b` to pick workloads.
 */
import { FIELD_SETS } from './fields';
import { startOpenAIServerProcess } from './fixtures/start-openai-server';
import type { MeasureOptions } from './measure';
import { checkBudgets } from './report/budgets';
import { describeMachine, writeResults } from './report/output';
import { printBudgets, printOverheadMatrix, printWorkload } from './report/table';
import type { WorkloadResult } from './result';
import { installGlobalProvider } from './setups/global-provider';
import { installGlobals } from './setups/globals';
import { createPeerProcessors } from './setups/peers';
import { aiStreamText } from './workloads/ai-stream-text';
import { langChainChain } from './workloads/langchain-chain';
import { openAICall } from './workloads/openai-call';
import { scopeEnterLeave } from './workloads/scope-enter-leave';
import { spanStartEnd } from './workloads/span-start-end';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (w: string) => !only || only.includes(w);
const write = !quick || args.includes('--write');

const SPANS: MeasureOptions = quick
  ? { iterations: 5_000, rounds: 5, warmup: 2 }
  : { iterations: 20_000, rounds: 21, warmup: 5 };
const CALLS: MeasureOptions = quick
  ? { iterations: 30, rounds: 4, warmup: 1 }
  : { iterations: 100, rounds: 25, warmup: 3 };

const started = performance.now();
const machine = describeMachine();
console.log(
  `Threadline bench — ${machine.date}, ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}`,
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
if (wanted('c') || wanted('d') || wanted('e')) {
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

const budgets = checkBudgets(results);
printBudgets(budgets);
const seconds = Math.round((performance.now() - started) / 1000);
if (write) {
  const files = await writeResults(
    new URL('../results/', import.meta.url),
    results,
    budgets,
    machine,
    seconds,
  );
  console.log(`\nwrote ${files.json}\nwrote ${files.svg}`);
}
console.log(`\ndone in ${seconds} s`);
// Langfuse's processor keeps a flush timer; nothing else is left to wait for.
process.exit(0);
