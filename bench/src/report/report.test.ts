import { describe, expect, it } from 'vitest';
import { median, quantile } from '../measure';
import { differenceSpread, overheadOf, ratioOf, type WorkloadResult } from '../result';
import { checkBudgets } from './budgets';
import { escapeXml, renderChart } from './chart-svg';
import { chartOf } from './output';

function workload(id: string, rounds: Record<string, number[]>, baseline = 'bare'): WorkloadResult {
  return {
    id,
    title: `(${id[0]}) test`,
    per: 'span',
    baseline,
    threadline: 'threadline',
    settings: { iterations: 1, rounds: 3, warmup: 0 },
    cases: Object.fromEntries(
      Object.entries(rounds).map(([name, r]) => [
        name,
        { median: median(r), spread: 0, rounds: r },
      ]),
    ),
  };
}

describe('bench statistics', () => {
  it('median and quantiles interpolate', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('overheads and ratios are paired within rounds, so a drifting load cancels', () => {
    // The machine got twice as slow in the last round: a median of totals would blur it.
    const r = workload('a-2', { bare: [100, 100, 200], threadline: [110, 110, 220] });
    expect(overheadOf(r, 'threadline')).toBe(10);
    expect(ratioOf(r, 'threadline')).toBeCloseTo(1.1);
    expect(differenceSpread(r, 'threadline', 'bare')).toBe(5);
  });
});

describe('budgets', () => {
  it('(a) is met only when Threadline has the lowest overhead of all', () => {
    const rounds = (tl: number) => ({
      bare: [100, 100, 100],
      threadline: [tl, tl, tl],
      langfuse: [300, 300, 300],
      openinference: [150, 150, 150],
      baggage: [160, 160, 160],
    });
    expect(checkBudgets([workload('a-2', rounds(120))])[0]?.met).toBe(true);
    expect(checkBudgets([workload('a-2', rounds(155))])[0]?.met).toBe(false);
  });

  it('(c) reads the CPU share and the time to the first chunk', () => {
    const r = workload('c-stream', {
      bare: [1000, 1000, 1000],
      threadline: [1020, 1020, 1020],
      langfuse: [1100, 1100, 1100],
    });
    r.cases.bare!.latency = 1;
    r.cases.threadline!.latency = 1.2;
    const [cpu, firstChunk] = checkBudgets([r]);
    expect(cpu?.met).toBe(true);
    expect(firstChunk?.met).toBe(false);
  });
});

describe('chart', () => {
  it('escapes text and renders one bar per value', () => {
    expect(escapeXml(`<a & "b">`)).toBe('&lt;a &amp; &quot;b&quot;&gt;');
    const svg = renderChart({
      title: 'T <1>',
      footer: 'f',
      colors: { x: '#000000' },
      panels: [
        { title: 'p', groups: [{ label: 'g', bars: [{ setup: 'x', value: 2, label: '2' }] }] },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('T &lt;1&gt;');
    expect(svg.match(/<rect x='215'/g)).toHaveLength(1);
  });

  it('draws (a)/(b) as overhead in ns and (c)–(e) as % over the baseline', () => {
    const svg = chartOf(
      [
        workload('a-2', { bare: [100, 100, 100], threadline: [164, 164, 164] }),
        workload('d', { 'no handler': [100, 100, 100], threadline: [150, 150, 150] }, 'no handler'),
      ],
      {
        date: '2026-11-21',
        cpus: 2,
        cpuModel: 'cpu',
        memoryGb: 4,
        node: 'v20.20.2',
        platform: 'linux x64',
      },
    );
    expect(svg).toContain('>64 ns<');
    expect(svg).toContain('>50.0%<');
    expect(svg).toContain('2026-11-21 · 2 cores');
  });
});
