import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { overheadOf, ratioOf, type WorkloadResult } from '../result';
import type { ScaleDimension } from '../scale/scale-dimension';
import type { BudgetCheck } from './budgets';
import { type BarGroup, renderChart } from './chart-svg';

/** Where the run happened. */
export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
}

/** The machine this process runs on, today. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** One colour per setup, in legend order. */
export const COLORS: Record<string, string> = {
  threadline: '#1f6feb',
  langfuse: '#d9480f',
  openinference: '#7048e8',
  baggage: '#2b8a3e',
  otel: '#868e96',
  'otel + threadline processor': '#74c0fc',
  'noop handler': '#ced4da',
  'setAttributes floor': '#ced4da',
  'span floor': '#ced4da',
  'span + chunk-watch floor': '#ced4da',
  'otel + metadata + threadline processor': '#a5d8ff',
};

const label = (r: WorkloadResult) =>
  r.title
    .replace(/^\((\w)\) /, '($1) ')
    .replace(', loopback server', '')
    .replace(' propagated', '')
    .replace(' (2 steps), mock model', '')
    .replace('OpenAI chat completion', 'OpenAI')
    .replace('LangChain: prompt → fake chat model → parser', 'LangChain 3-step chain')
    .replace('AI SDK streamText with a tool', 'AI SDK streamText + tool')
    .replace('span start+end', 'span')
    .replace('enter+leave a scope of', 'scope,');

/** The chart of one run: overhead in ns over bare for (a)/(b), % over baseline for (c)–(e). */
export function chartOf(results: readonly WorkloadResult[], machine: Machine): string {
  const overheadGroups: BarGroup[] = [];
  const relativeGroups: BarGroup[] = [];
  for (const r of results) {
    const others = Object.entries(r.cases).filter(([name]) => name !== r.baseline);
    if (r.id.startsWith('a') || r.id.startsWith('b')) {
      overheadGroups.push({
        label: label(r),
        bars: others.map(([setup]) => ({
          setup,
          value: Math.max(0, overheadOf(r, setup)),
          label: `${Math.round(overheadOf(r, setup))} ns`,
        })),
      });
    } else {
      relativeGroups.push({
        label: label(r),
        bars: others.map(([setup]) => ({
          setup,
          value: Math.max(0, ratioOf(r, setup) - 1) * 100,
          label: `${((ratioOf(r, setup) - 1) * 100).toFixed(1)}%`,
        })),
      });
    }
  }
  return renderChart({
    title: 'Threadline next to bare OpenTelemetry and the peers (CPU time, lower is better)',
    colors: COLORS,
    panels: [
      {
        title: 'Overhead over bare OpenTelemetry, ns per span / per scope',
        groups: overheadGroups,
      },
      {
        title: 'Cost over the uninstrumented run, % of a call (c, e) or chain run (d)',
        groups: relativeGroups,
      },
    ].filter((p) => p.groups.length > 0),
    footer: `${machine.date} · ${machine.cpus} cores (${machine.cpuModel}) · Node ${machine.node} · CPU time, rounds in rotating order, medians of per-round differences and ratios`,
  });
}

/** Writes the JSON and the SVG under `dir`; returns their paths. */
export async function writeResults(
  dir: URL,
  results: readonly WorkloadResult[],
  scale: readonly ScaleDimension[],
  budgets: readonly BudgetCheck[],
  machine: Machine,
  seconds: number,
): Promise<{ json: string; svg: string }> {
  await mkdir(dir, { recursive: true });
  const json = new URL('bench-results.json', dir);
  const svg = new URL('bench-chart.svg', dir);
  const document = {
    machine,
    seconds,
    units:
      'CPU nanoseconds per iteration (median over rounds), per span in scale; latency in wall-clock ms',
    workloads: results,
    scale,
    budgets,
  };
  await writeFile(json, `${JSON.stringify(document, null, 2)}\n`);
  await writeFile(svg, chartOf(results, machine));
  return { json: json.pathname, svg: svg.pathname };
}
