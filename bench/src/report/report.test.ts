import { describe, expect, it } from 'vitest';
import { median, quantile } from '../measure';
import { differenceSpread, overheadOf, ratioOf, type WorkloadResult } from '../result';
import type { ScaleDimension } from '../scale/scale-dimension';
import { checkBudgets } from './budgets';
import { escapeXml, renderChart } from './chart-svg';
import { compareFirstChunk, compareFloor, comparePeers } from './compare';
import { checkGrowth, overheadGrowth } from './growth';
import { chartOf } from './output';

function workload(
  id: string,
  rounds: Record<string, number[]>,
  {
    baseline = 'bare',
    peers = ['langfuse', 'openinference', 'baggage'],
    floor = undefined as string | undefined,
  } = {},
): WorkloadResult {
  return {
    id,
    title: `(${id[0]}) test`,
    per: 'span',
    baseline,
    threadline: 'threadline',
    peers,
    ...(floor === undefined ? {} : { floor }),
    settings: { iterations: 1, rounds: 3, warmup: 0 },
    cases: Object.fromEntries(
      Object.entries(rounds).map(([name, r]) => [
        name,
        { median: median(r), spread: 0, rounds: r },
      ]),
    ),
  };
}

const ROUNDS = 21;
/** Deterministic round-to-round noise in [-amplitude, amplitude], a different pattern per seed. */
const noise = (round: number, amplitude: number, seed = 1) =>
  ((((round + 1) * (7 + seed * 6)) % 11) / 5 - 1) * amplitude;
/**
 * Per-round CPU of a case: a load that drifts a lot from round to round (it hits every case of a
 * round alike), the case's own overhead, and a little noise of its own.
 */
const rounds = (overhead: number, amplitude = 5, seed = 1, count = ROUNDS) =>
  Array.from(
    { length: count },
    (_, r) => 1000 + 400 * Math.sin(r) + overhead + noise(r, amplitude, seed),
  );

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

describe('verdict against the lowest peer', () => {
  it('is ahead when Threadline is clearly cheaper in the paired rounds, whatever the drift', () => {
    const r = workload('a-2', {
      bare: rounds(0),
      threadline: rounds(50, 5, 2),
      langfuse: rounds(2500, 5, 3),
      openinference: rounds(680, 5, 4),
      baggage: rounds(590, 5, 5),
    });
    const peers = comparePeers(r)!;
    expect(peers.peer).toBe('baggage');
    expect(peers.difference.verdict).toBe('ahead');
    expect(peers.difference.high).toBeLessThan(0);
    const [check] = checkBudgets([r]);
    expect(check).toMatchObject({ id: 'a-2', kind: 'peers', verdict: 'ahead', met: true });
    expect(check!.measured).toContain('ahead');
  });

  it('is behind when Threadline is clearly dearer than the lowest peer, even if cheaper than others', () => {
    const r = workload('b-2', {
      bare: rounds(0),
      threadline: rounds(262, 5, 2),
      langfuse: rounds(218, 5, 3),
      openinference: rounds(378, 5, 4),
      baggage: rounds(251, 5, 5),
    });
    expect(comparePeers(r)!.peer).toBe('langfuse');
    const [check] = checkBudgets([r]);
    expect(check).toMatchObject({ verdict: 'behind', met: false });
  });

  it('is within noise when the paired differences straddle 0', () => {
    // Differences of ±30 around a true difference of 0, far larger than a 2 ns gap in medians.
    const base = rounds(0);
    const r = workload(
      'c-plain',
      {
        bare: base,
        threadline: base.map((ns, i) => ns + 100 + (i % 2 ? 30 : -30)),
        langfuse: base.map((ns, i) => ns + 100 + (i % 3 === 0 ? 2 : 0)),
      },
      { peers: ['langfuse'] },
    );
    const [check] = checkBudgets([r]);
    expect(check).toMatchObject({ verdict: 'within noise', met: true });
  });

  it('says within noise, not ahead, when too few rounds give no 95% interval', () => {
    const r = workload('a-2', {
      bare: rounds(0, 5, 1, 5),
      threadline: rounds(50, 5, 2, 5),
      baggage: rounds(590, 5, 5, 5),
    });
    const { difference } = comparePeers(r)!;
    expect(difference.verdict).toBe('within noise');
    expect(difference.low).toBe(-Infinity);
    expect(checkBudgets([r])[0]!.measured).toContain('no 95% interval from 5 rounds');
  });

  it('judges only the peers the workload names', () => {
    const r = workload(
      'd',
      {
        'no handler': rounds(0),
        threadline: rounds(100),
        'noop handler': rounds(60),
        langfuse: rounds(190, 5, 3),
      },
      { baseline: 'no handler', peers: ['langfuse'] },
    );
    expect(comparePeers(r)!.peer).toBe('langfuse');
  });
});

describe('floor budget', () => {
  const withFloor = (threadline: number, floor: number, amplitude = 5) =>
    workload(
      'a-8',
      {
        bare: rounds(0),
        threadline: rounds(threadline, amplitude, 2),
        'setAttributes floor': rounds(floor, amplitude, 3),
      },
      { peers: [], floor: 'setAttributes floor' },
    );

  it('is met under 1.3× the floor and prints the ratio', () => {
    const floor = compareFloor(withFloor(120, 100))!;
    expect(floor.ratio).toBeCloseTo(1.2, 1);
    expect(floor.margin.verdict).toBe('ahead');
    const check = checkBudgets([withFloor(120, 100)]).find((c) => c.kind === 'floor')!;
    expect(check.met).toBe(true);
    expect(check.measured).toMatch(/1\.[12]\d×/);
  });

  it('is missed when clearly over 1.3× the floor', () => {
    const check = checkBudgets([withFloor(160, 100)]).find((c) => c.kind === 'floor')!;
    expect(check).toMatchObject({ verdict: 'behind', met: false });
  });

  it('is within noise near 1.3× with noisy rounds', () => {
    expect(compareFloor(withFloor(130, 100, 60))!.margin.verdict).toBe('within noise');
  });

  const withMustPay = (threadline: number, mustPay: number) => ({
    ...workload(
      'd',
      {
        bare: rounds(0),
        threadline: rounds(threadline, 5, 2),
        noop: rounds(100, 5, 3),
        recording: rounds(mustPay, 5, 4),
      },
      { peers: [], floor: 'noop' },
    ),
    mustPay: 'recording',
  });

  it('where recording the same costs more than the budget allows, judges against that cost', () => {
    const met = checkBudgets([withMustPay(200, 180)]).find((c) => c.kind === 'floor')!;
    expect(met.met).toBe(true);
    expect(met.budget).toContain('out of reach for any implementation');
    expect(met.measured).toMatch(/^unreachable: recording \+180/);
    const missed = checkBudgets([withMustPay(300, 180)]).find((c) => c.kind === 'floor')!;
    expect(missed).toMatchObject({ verdict: 'behind', met: false });
  });

  it('keeps the floor budget when recording the same fits in it', () => {
    const check = checkBudgets([withMustPay(160, 110)]).find((c) => c.kind === 'floor')!;
    expect(check.budget).not.toContain('out of reach');
    expect(check).toMatchObject({ verdict: 'behind', met: false });
  });
});

describe('a peer that records less than Threadline must', () => {
  const withRecording = (threadline: number, recording: number) => ({
    ...workload(
      'e',
      {
        bare: rounds(0),
        threadline: rounds(threadline, 5, 2),
        langfuse: rounds(100, 5, 3),
        recording: rounds(recording, 5, 4),
      },
      { peers: ['langfuse'] },
    ),
    mustPay: 'recording',
  });

  it('where recording the same is itself behind the peer, judges against that cost', () => {
    const met = checkBudgets([withRecording(170, 150)]).find((c) => c.kind === 'peers')!;
    expect(met).toMatchObject({ met: true });
    expect(met.budget).toContain('out of reach for any implementation');
    expect(met.measured).toMatch(/^unreachable: recording \+150/);
    expect(met.measured).toContain('threadline +170 ns, lowest peer langfuse +100 ns');
    const missed = checkBudgets([withRecording(250, 150)]).find((c) => c.kind === 'peers')!;
    expect(missed).toMatchObject({ verdict: 'behind', met: false });
  });

  it('keeps the peer budget when recording the same can be level with the peer', () => {
    const check = checkBudgets([withRecording(130, 100)]).find((c) => c.kind === 'peers')!;
    expect(check.budget).not.toContain('out of reach');
    expect(check).toMatchObject({ verdict: 'behind', met: false });
  });
});

describe('first streamed chunk', () => {
  it("compares Threadline's added latency with the lowest peer's, paired by round", () => {
    const r = workload(
      'c-stream',
      { bare: rounds(0), threadline: rounds(100), langfuse: rounds(120, 5, 3) },
      { peers: ['langfuse'] },
    );
    const wall = Array.from({ length: ROUNDS }, (_, i) => 0.6 + 0.1 * Math.sin(i));
    r.cases.bare!.latencyRounds = wall;
    r.cases.threadline!.latencyRounds = wall.map((ms, i) => ms + 0.08 + noise(i, 0.002));
    r.cases.langfuse!.latencyRounds = wall.map((ms, i) => ms + 0.06 + noise(i, 0.002, 3));
    const chunk = compareFirstChunk(r)!;
    expect(chunk.threadline).toBeCloseTo(0.08, 2);
    expect(chunk.difference.verdict).toBe('behind');
    const kinds = checkBudgets([r]).map((c) => `${c.kind}:${c.verdict}`);
    expect(kinds).toEqual(['peers:ahead', 'first chunk:behind']);
  });

  it('where recording the same is itself later to the first chunk than the peer, judges against it', () => {
    const withRecording = (threadlineMs: number) => {
      const r = workload(
        'c-stream',
        {
          bare: rounds(0),
          threadline: rounds(100),
          langfuse: rounds(120, 5, 3),
          recording: rounds(90, 5, 4),
        },
        { peers: ['langfuse'] },
      );
      r.mustPay = 'recording';
      const wall = Array.from({ length: ROUNDS }, (_, i) => 0.6 + 0.1 * Math.sin(i));
      r.cases.bare!.latencyRounds = wall;
      r.cases.threadline!.latencyRounds = wall.map((ms, i) => ms + threadlineMs + noise(i, 0.002));
      r.cases.langfuse!.latencyRounds = wall.map((ms, i) => ms + 0.06 + noise(i, 0.002, 3));
      r.cases.recording!.latencyRounds = wall.map((ms, i) => ms + 0.07 + noise(i, 0.002, 4));
      return checkBudgets([r]).find((c) => c.kind === 'first chunk')!;
    };
    const met = withRecording(0.08);
    expect(met).toMatchObject({ met: true, outOfReach: 'recording' });
    expect(met.measured).toMatch(/^unreachable: recording \+0\.070 ms, lowest peer langfuse/);
    expect(withRecording(0.1)).toMatchObject({ verdict: 'behind', met: false });
  });
});

describe('scale growth', () => {
  const dimension = (overheads: number[]): ScaleDimension => ({
    id: 'depth',
    title: 'nesting depth',
    unit: 'levels',
    note: '',
    sizes: overheads.map((overhead, i) => ({
      size: 10 ** i,
      spansPerIteration: 10 ** i,
      result: workload(`scale-depth-${10 ** i}`, {
        bare: rounds(0),
        threadline: rounds(overhead, 0),
      }),
    })),
  });

  it('is flat within 1.3× of the smallest per-span overhead', () => {
    const growth = overheadGrowth(dimension([50, 60, 55]), 'threadline');
    expect(growth.factor).toBeCloseTo(1.2, 1);
    expect(growth.flat).toBe(true);
    expect(checkGrowth([dimension([50, 60, 55])])[0]).toMatchObject({ met: true, kind: 'growth' });
  });

  it('where the floor grows too, judges the growth over the floor and prints both', () => {
    const withFloor = (threadline: number[], floor: number[]): ScaleDimension => ({
      ...dimension(threadline),
      sizes: threadline.map((overhead, i) => ({
        size: 10 ** i,
        spansPerIteration: 1,
        result: workload(
          `scale-metadata-${10 ** i}`,
          { bare: rounds(0), threadline: rounds(overhead, 0), floor: rounds(floor[i]!, 0) },
          { floor: 'floor' },
        ),
      })),
    });
    const [flat] = checkGrowth([withFloor([100, 300, 700], [90, 280, 650])]);
    expect(flat!.met).toBe(true);
    expect(flat!.measured).toMatch(/the floor grows 7\.\d\d×/);
    expect(flat!.measured).toContain('flat over the floor');
    const [grows] = checkGrowth([withFloor([100, 300, 1400], [90, 280, 650])]);
    expect(grows!.met).toBe(false);
    expect(grows!.measured).toContain('grows over the floor');
  });

  it('never counts Threadline as flat over a floor measured at or below 0', () => {
    const withFloor = (floor: number[]): ScaleDimension => ({
      ...dimension([150, 300, 690]),
      sizes: [150, 300, 690].map((overhead, i) => ({
        size: 10 ** i,
        spansPerIteration: 1,
        result: workload(
          `scale-concurrency-${10 ** i}`,
          { bare: rounds(0), threadline: rounds(overhead, 0), floor: rounds(floor[i]!, 0) },
          { floor: 'floor' },
        ),
      })),
    });
    const [check] = checkGrowth([withFloor([150, 240, -30])]);
    expect(check!.met).toBe(false);
    expect(check!.measured).toContain('grows over the floor');
  });

  it('counts a cost that falls as the work grows as no growth', () => {
    const falls = overheadGrowth(dimension([150, 53, 52]), 'threadline');
    expect(falls.factor).toBeLessThan(1);
    expect(falls.flat).toBe(true);
  });

  it('grows past 1.3×, and has no factor when an overhead is not above 0', () => {
    const [grows] = checkGrowth([dimension([50, 80, 200])]);
    expect(grows!.met).toBe(false);
    expect(grows!.measured).toContain('4.00×');
    const none = overheadGrowth(dimension([-3, 40, 50]), 'threadline');
    expect(Number.isNaN(none.factor)).toBe(true);
    expect(none.flat).toBe(false);
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
        workload(
          'd',
          { 'no handler': [100, 100, 100], threadline: [150, 150, 150] },
          { baseline: 'no handler' },
        ),
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
