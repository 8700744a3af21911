/**
 * Prints the README's benchmark tables from bench/results/bench-results.json, so the README
 * shows exactly what the committed run measured: the workloads with Threadline's verdict against
 * the lowest peer, and the scale dimensions with Threadline's growth factor.
 * Usage: npx tsx --conditions=@threadline/source bench/src/report/readme-table.ts
 */
import { readFileSync } from 'node:fs';
import { overheadOf, ratioOf, type WorkloadResult } from '../result';
import type { ScaleDimension } from '../scale/scale-dimension';
import { PEER_NAMES } from '../setups/peers';
import { checkBudgets } from './budgets';
import { compareFloor, comparePeers, FLOOR_LIMIT } from './compare';
import { formatNs, formatSignedNs } from './format-ns';
import { checkGrowth, formatFactor, growthOverFloor, overheadGrowth } from './growth';

const doc = JSON.parse(
  readFileSync(new URL('../../results/bench-results.json', import.meta.url), 'utf8'),
) as { workloads: WorkloadResult[]; scale?: ScaleDimension[] };
// Results written before the verdicts named no peers: the peers of the table then.
for (const w of doc.workloads) w.peers ??= PEER_NAMES.filter((p) => w.cases[p]);
const byId = new Map(doc.workloads.map((w) => [w.id, w]));
const SETUPS = ['threadline', 'langfuse', 'openinference', 'baggage'];
const cell = (text: string | undefined) => text ?? '–';

const rows: string[] = [
  '| workload (CPU per iteration) | baseline | Threadline | Langfuse | OpenInference | Baggage | Threadline vs lowest peer | Threadline ÷ floor |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
const label: Record<string, string> = {
  'a-2': '(a) span start+end, 2 fields',
  'a-8': '(a) span start+end, 8 fields',
  'b-2': '(b) enter+leave a scope, 2 fields',
  'b-8': '(b) enter+leave a scope, 8 fields',
  'c-plain': '(c) OpenAI call, plain',
  'c-stream': '(c) OpenAI call, streamed (to 1st chunk)',
  d: '(d) LangChain 3-step chain, fake model',
  e: '(e) AI SDK `streamText` + tool, mock model',
};
for (const [id, title] of Object.entries(label)) {
  const w = byId.get(id);
  if (!w) continue;
  const base = w.cases[w.baseline]!;
  const absolute = id.startsWith('a') || id.startsWith('b');
  const latency = (name: string) => {
    const c = w.cases[name];
    if (c?.latency === undefined || base.latency === undefined) return '';
    return name === w.baseline
      ? ` (${c.latency.toFixed(3)} ms)`
      : ` (+${(c.latency - base.latency).toFixed(3)} ms)`;
  };
  const value = (name: string) => {
    if (!w.cases[name]) return undefined;
    const text = absolute
      ? `+${formatNs(overheadOf(w, name))}`
      : `+${((ratioOf(w, name) - 1) * 100).toFixed(1)}%`;
    return text + latency(name);
  };
  const peers = comparePeers(w);
  const floor = compareFloor(w);
  const peerCheck = checkBudgets([w]).find((c) => c.kind === 'peers');
  // Where no implementation recording the same can be level with the peer, the budget as judged.
  const fallback = peerCheck?.outOfReach
    ? `; out of reach (the ${peerCheck.outOfReach} is behind too): ${peerCheck.met ? 'met' : 'missed'} at ${FLOOR_LIMIT}× it`
    : '';
  const verdict = peers ? `${peers.difference.verdict} (${peers.peer})${fallback}` : undefined;
  // Where the workload measures what recording the same costs at the least, its ratio too.
  const mustPay =
    w.mustPay && w.cases[w.mustPay] ? compareFloor({ ...w, floor: w.mustPay }) : undefined;
  const ratio = (f: typeof floor) =>
    f && Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}× (${f.floor})` : undefined;
  const overFloor = [ratio(floor), ratio(mustPay)].filter(Boolean).join('; ') || undefined;
  rows.push(
    `| ${title} | ${formatNs(base.median)}${latency(w.baseline)} | ${SETUPS.map((p) => cell(value(p))).join(' | ')} | ${cell(verdict)} | ${cell(overFloor)} |`,
  );
}
console.log(rows.join('\n'));

const judged = new Map(checkGrowth(doc.scale ?? []).map((check) => [check.id, check]));
for (const dimension of doc.scale ?? []) {
  const first = dimension.sizes[0]?.result;
  if (!first) continue;
  const growth = overheadGrowth(dimension, first.threadline);
  const floorGrowth = first.floor ? overheadGrowth(dimension, first.floor) : undefined;
  console.log(
    `\n| ${dimension.title} (overhead per span) | Threadline | Langfuse | OpenInference | Baggage | floor |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const { size, result } of dimension.sizes) {
    const value = (name: string | undefined) =>
      name && result.cases[name] ? formatSignedNs(overheadOf(result, name)) : undefined;
    console.log(
      `| ${size.toLocaleString('en-US')} ${dimension.unit} | ${SETUPS.map((p) => cell(value(p))).join(' | ')} | ${cell(value(result.floor))} |`,
    );
  }
  // As the budget judged it: where the floor itself grows past the limit, over the floor.
  const overFloor =
    !growth.flat && first.floor && floorGrowth && !floorGrowth.flat
      ? `; the floor grows ${formatFactor(floorGrowth)}, Threadline ÷ floor ${formatFactor(growthOverFloor(dimension, first.threadline, first.floor))}`
      : '';
  const met = judged.get(`scale-${dimension.id}`)?.met;
  console.log(
    `\nThreadline's growth across ${dimension.title}: ${formatFactor(growth)}${overFloor} (budget ${met ? 'met' : 'missed'}).`,
  );
}
