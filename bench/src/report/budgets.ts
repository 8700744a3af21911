import type { WorkloadResult } from '../result';
import { CONFIDENCE, type Judged, type Verdict } from '../stats/verdict';
import {
  compareFirstChunk,
  compareFirstChunkTo,
  compareFloor,
  comparePeers,
  type FirstChunkComparison,
  FLOOR_LIMIT,
  type FloorComparison,
  type PeerComparison,
} from './compare';
import { formatSignedNs } from './format-ns';

/** One budget, read off one run. */
export interface BudgetCheck {
  /** The workload (`a-2`, `c-stream`) or scale dimension (`scale-depth`) it is about. */
  id: string;
  kind: 'peers' | 'floor' | 'first chunk' | 'growth';
  budget: string;
  measured: string;
  /** The paired verdict, where the budget is judged on rounds. */
  verdict?: Verdict;
  /** Not clearly missed: `ahead` or `within noise` for a paired budget. */
  met: boolean;
  /** The must-pay case the budget fell back to, being out of reach for any implementation. */
  outOfReach?: string;
}

const level = `${Math.round(CONFIDENCE * 100)}%`;

function interval(judged: Judged, format: (x: number) => string): string {
  if (!Number.isFinite(judged.low)) return `no ${level} interval from ${judged.count} rounds`;
  return `${level} CI [${format(judged.low)}, ${format(judged.high)}]`;
}

const ms = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(3)} ms`;

function floorLine(floor: FloorComparison, who = 'threadline'): string {
  const m = floor.margin;
  const ratio = Number.isFinite(floor.ratio) ? `${floor.ratio.toFixed(2)}×` : 'no ratio';
  const side =
    m.verdict === 'ahead' ? 'under' : m.verdict === 'behind' ? 'over' : 'within noise of';
  return `${who} ${formatSignedNs(floor.threadline)}, ${floor.floor} ${formatSignedNs(floor.floorOverhead)}: ${ratio}; ${who} − ${FLOOR_LIMIT}× ${floor.floor} ${formatSignedNs(m.median)}, ${interval(m, formatSignedNs)}: ${side} ${FLOOR_LIMIT}×`;
}

/**
 * Threadline against the floor. Where the workload names a must-pay case (what recording the
 * same costs at the least) and that case is itself clearly over the budget, no implementation
 * can meet it: the line says so with that measurement, and Threadline is judged at
 * {@link FLOOR_LIMIT}× the must-pay case instead.
 */
function checkFloor(r: WorkloadResult): BudgetCheck | undefined {
  const floor = compareFloor(r);
  if (!floor) return undefined;
  const budget = `(${r.id}) Threadline's overhead ≤ ${FLOOR_LIMIT}× the floor's (${floor.floor})`;
  const mustPay = r.mustPay && r.cases[r.mustPay] ? r.mustPay : undefined;
  const least = mustPay ? compareFloor({ ...r, threadline: mustPay }) : undefined;
  if (!mustPay || !least || least.margin.verdict !== 'behind') {
    return {
      id: r.id,
      kind: 'floor',
      budget,
      measured: floorLine(floor),
      verdict: floor.margin.verdict,
      met: floor.margin.verdict !== 'behind',
    };
  }
  const against = compareFloor({ ...r, floor: mustPay })!;
  return {
    id: r.id,
    kind: 'floor',
    budget: `${budget}; out of reach for any implementation, so ≤ ${FLOOR_LIMIT}× ${mustPay}`,
    outOfReach: mustPay,
    measured: `unreachable: ${floorLine(least, mustPay)}; ${floorLine(floor)}; against what any implementation pays: ${floorLine(against)}`,
    verdict: against.margin.verdict,
    met: against.margin.verdict !== 'behind',
  };
}

function peersLine(peers: PeerComparison, per: string, who = 'threadline'): string {
  const d = peers.difference;
  return `${who} ${formatSignedNs(peers.threadline)}, lowest peer ${peers.peer} ${formatSignedNs(peers.peerOverhead)} per ${per}; paired difference ${formatSignedNs(d.median)}, ${interval(d, formatSignedNs)}: ${d.verdict}`;
}

/**
 * Threadline against the lowest peer. A peer may record less than Threadline must (the
 * contract's content keys for other backends): where the workload's must-pay case, which records
 * what Threadline records and nothing more, is itself clearly behind that peer, no
 * implementation can be level with it, so the line says so with that measurement and judges
 * Threadline as the floor rule does, at {@link FLOOR_LIMIT}× the must-pay case.
 */
function checkPeers(r: WorkloadResult): BudgetCheck | undefined {
  const peers = comparePeers(r);
  if (!peers) return undefined;
  const budget = `(${r.id}) Threadline's overhead ≤ the lowest peer's`;
  const mustPay = r.mustPay && r.cases[r.mustPay] ? r.mustPay : undefined;
  const least = mustPay ? comparePeers({ ...r, threadline: mustPay }) : undefined;
  if (!mustPay || !least || least.difference.verdict !== 'behind') {
    return {
      id: r.id,
      kind: 'peers',
      budget,
      measured: peersLine(peers, r.per),
      verdict: peers.difference.verdict,
      met: peers.difference.verdict !== 'behind',
    };
  }
  const against = compareFloor({ ...r, floor: mustPay })!;
  return {
    id: r.id,
    kind: 'peers',
    budget: `${budget}; out of reach for any implementation that records what Threadline records, so ≤ ${FLOOR_LIMIT}× ${mustPay}`,
    outOfReach: mustPay,
    measured: `unreachable: ${peersLine(least, r.per, mustPay)}; ${peersLine(peers, r.per)}; against what any implementation pays: ${floorLine(against)}`,
    verdict: against.margin.verdict,
    met: against.margin.verdict !== 'behind',
  };
}

function chunkLine(chunk: FirstChunkComparison, who = 'threadline'): string {
  const d = chunk.difference;
  return `${who} ${ms(chunk.threadline)}, lowest peer ${chunk.peer} ${ms(chunk.peerAdded)}; paired difference ${ms(d.median)}, ${interval(d, ms)}: ${d.verdict}`;
}

/**
 * Threadline's added time to the first chunk against the lowest peer's, with the same fallback
 * as {@link checkPeers}: where the must-pay case's own first chunk is clearly behind the peer's
 * (it records the input in both forms before the request, as Threadline must), Threadline is
 * judged at {@link FLOOR_LIMIT}× the must-pay case's added time.
 */
function checkFirstChunk(r: WorkloadResult): BudgetCheck | undefined {
  const chunk = compareFirstChunk(r);
  if (!chunk) return undefined;
  const budget = `(${r.id}) Threadline's added time to the first chunk ≤ the lowest peer's`;
  const mustPay = r.mustPay && r.cases[r.mustPay] ? r.mustPay : undefined;
  const least = mustPay ? compareFirstChunk({ ...r, threadline: mustPay }) : undefined;
  const against = mustPay ? compareFirstChunkTo(r, mustPay) : undefined;
  if (!mustPay || !least || !against || least.difference.verdict !== 'behind') {
    return {
      id: r.id,
      kind: 'first chunk',
      budget,
      measured: chunkLine(chunk),
      verdict: chunk.difference.verdict,
      met: chunk.difference.verdict !== 'behind',
    };
  }
  const m = against.margin;
  const side =
    m.verdict === 'ahead' ? 'under' : m.verdict === 'behind' ? 'over' : 'within noise of';
  return {
    id: r.id,
    kind: 'first chunk',
    budget: `${budget}; out of reach for any implementation that records what Threadline records, so ≤ ${FLOOR_LIMIT}× ${mustPay}'s`,
    outOfReach: mustPay,
    measured: `unreachable: ${chunkLine(least, mustPay)}; ${chunkLine(chunk)}; against what any implementation pays: threadline − ${FLOOR_LIMIT}× ${mustPay} ${ms(m.median)}, ${interval(m, ms)}: ${side} ${FLOOR_LIMIT}×`,
    verdict: m.verdict,
    met: m.verdict !== 'behind',
  };
}

/**
 * The budgets of every workload, from one run: Threadline's overhead against the lowest peer's
 * (the verdict `ahead`, `behind` or `within noise` on the paired per-round differences), against
 * the floor's where the workload has one (at most {@link FLOOR_LIMIT}×), and the added time to
 * the first streamed chunk against the lowest peer's.
 */
export function checkBudgets(results: readonly WorkloadResult[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const r of results) {
    const peerCheck = checkPeers(r);
    if (peerCheck) checks.push(peerCheck);
    const floorCheck = checkFloor(r);
    if (floorCheck) checks.push(floorCheck);
    const chunkCheck = checkFirstChunk(r);
    if (chunkCheck) checks.push(chunkCheck);
  }
  return checks;
}
