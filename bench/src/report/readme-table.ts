/**
 * Prints the README's benchmark table from bench/results/bench-results.json, so the README
 * shows exactly what the committed run measured.
 * Usage: npx tsx --conditions=@threadline/source bench/src/report/readme-table.ts
 */
import { readFileSync } from 'node:fs';
import { overheadOf, ratioOf, type WorkloadResult } from '../result';
import { formatNs } from './format-ns';

const doc = JSON.parse(
  readFileSync(new URL('../../results/bench-results.json', import.meta.url), 'utf8'),
) as { workloads: WorkloadResult[] };
const byId = new Map(doc.workloads.map((w) => [w.id, w]));
const PEERS = ['threadline', 'langfuse', 'openinference', 'baggage'];
const cell = (text: string | undefined) => text ?? '–';

const rows: string[] = [
  '| workload (CPU per iteration) | baseline | Threadline | Langfuse | OpenInference | Baggage |',
  '| --- | --- | --- | --- | --- | --- |',
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
  rows.push(
    `| ${title} | ${formatNs(base.median)}${latency(w.baseline)} | ${PEERS.map((p) => cell(value(p))).join(' | ')} |`,
  );
}
console.log(rows.join('\n'));
