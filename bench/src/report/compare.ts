import { median } from '../measure';
import { overheadOf, overheadRounds, pairedDifferences, type WorkloadResult } from '../result';
import { type Judged, judge } from '../stats/verdict';

/** Threadline next to the peer with the lowest median overhead, on one workload. */
export interface PeerComparison {
  peer: string;
  /** Threadline's median overhead over the baseline. */
  threadline: number;
  /** The peer's median overhead over the baseline. */
  peerOverhead: number;
  /** Per-round Threadline − peer, judged. */
  difference: Judged;
}

/** The most Threadline's overhead may be, as a multiple of the floor's. */
export const FLOOR_LIMIT = 1.3;

/** Threadline next to the floor of its workload. */
export interface FloorComparison {
  floor: string;
  threadline: number;
  floorOverhead: number;
  /** Threadline's median overhead ÷ the floor's (NaN when the floor's is not above 0). */
  ratio: number;
  /** Per-round Threadline overhead − limit × floor overhead, judged: `ahead` is under the limit. */
  margin: Judged;
}

/** Threadline's added time to the first streamed chunk next to the lowest peer's. */
export interface FirstChunkComparison {
  peer: string;
  /** Milliseconds Threadline adds to the baseline's first chunk (median over rounds). */
  threadline: number;
  peerAdded: number;
  /** Per-round Threadline − peer, in milliseconds, judged. */
  difference: Judged;
}

function presentPeers(result: WorkloadResult): string[] {
  return result.peers.filter((p) => result.cases[p] !== undefined);
}

/**
 * The lowest peer is chosen by median overhead over the run, then Threadline is judged against
 * it on the per-round differences: each round measured every case back to back, so the
 * difference of a round is free of whatever load that round met.
 */
export function comparePeers(result: WorkloadResult): PeerComparison | undefined {
  const peers = presentPeers(result);
  if (peers.length === 0 || !result.cases[result.threadline]) return undefined;
  const ranked = peers
    .map((peer) => ({ peer, overhead: overheadOf(result, peer) }))
    .sort((x, y) => x.overhead - y.overhead);
  const lowest = ranked[0]!;
  return {
    peer: lowest.peer,
    threadline: overheadOf(result, result.threadline),
    peerOverhead: lowest.overhead,
    difference: judge(pairedDifferences(result, result.threadline, lowest.peer)),
  };
}

/**
 * Threadline's overhead against `limit` × the floor's, per round: the floor's own noise is in
 * each round's margin, so a verdict is only `behind` when the excess stands clear of it.
 */
export function compareFloor(
  result: WorkloadResult,
  limit = FLOOR_LIMIT,
): FloorComparison | undefined {
  const floor = result.floor;
  if (floor === undefined || !result.cases[floor] || !result.cases[result.threadline]) {
    return undefined;
  }
  const own = overheadRounds(result, result.threadline);
  const floorRounds = overheadRounds(result, floor);
  const threadline = overheadOf(result, result.threadline);
  const floorOverhead = overheadOf(result, floor);
  return {
    floor,
    threadline,
    floorOverhead,
    ratio: floorOverhead > 0 ? threadline / floorOverhead : Number.NaN,
    margin: judge(own.map((ns, round) => ns - limit * floorRounds[round]!)),
  };
}

function addedLatency(result: WorkloadResult, name: string): number[] | undefined {
  const base = result.cases[result.baseline]?.latencyRounds;
  const own = result.cases[name]?.latencyRounds;
  if (!base || !own) return undefined;
  return own.map((ms, round) => ms - base[round]!);
}

/** The first streamed chunk: Threadline's added wall-clock latency next to the lowest peer's. */
export function compareFirstChunk(result: WorkloadResult): FirstChunkComparison | undefined {
  const own = addedLatency(result, result.threadline);
  if (!own) return undefined;
  const ranked = presentPeers(result)
    .map((peer) => ({ peer, added: addedLatency(result, peer) }))
    .filter((p): p is { peer: string; added: number[] } => p.added !== undefined)
    .map((p) => ({ ...p, median: median(p.added.filter(Number.isFinite)) }))
    .sort((x, y) => x.median - y.median);
  const lowest = ranked[0];
  if (!lowest) return undefined;
  return {
    peer: lowest.peer,
    threadline: median(own.filter(Number.isFinite)),
    peerAdded: lowest.median,
    // The baseline's latency cancels out of the difference of two added latencies.
    difference: judge(own.map((ms, round) => ms - lowest.added[round]!)),
  };
}

/**
 * Threadline's added latency to the first chunk against `limit` × another case's (the
 * must-pay case), per round: `undefined` where either has no latencies.
 */
export function compareFirstChunkTo(
  result: WorkloadResult,
  other: string,
  limit = FLOOR_LIMIT,
): { threadline: number; other: number; margin: Judged } | undefined {
  const own = addedLatency(result, result.threadline);
  const theirs = addedLatency(result, other);
  if (!own || !theirs) return undefined;
  return {
    threadline: median(own.filter(Number.isFinite)),
    other: median(theirs.filter(Number.isFinite)),
    margin: judge(own.map((ms, round) => ms - limit * theirs[round]!)),
  };
}
