import type { Context, Span } from '@opentelemetry/api';
import type { ResolvedAttributes } from '@threadline/core';
import { END_REASONS, type ObservationType } from '@threadline/core/adapter';
import type { RunPromptState } from './run-prompt';

/** What the handler keeps about one open LangChain run (and the prompt its model runs use). */
export interface RunRecord extends RunPromptState {
  /** LangChain's run id. */
  runId: string;
  /** The run's span; undefined for a hidden run that only passes its parent on. */
  span: Span | undefined;
  /**
   * The context the run's children start from: the root caller's context with this span set.
   * Made on the first child (most runs have none); until then `startContext` holds what it is
   * made from.
   */
  childContext: Context | undefined;
  /** The context the run's span started on (for a hidden run, the one it passes on). */
  startContext: Context;
  /**
   * The explicit attributes on `startContext`'s frame (what the run's metadata and the handler
   * options gave); a child run whose own are the same object starts on the same frame.
   */
  explicit: ResolvedAttributes | undefined;
  /** The observation type of the span (a chain becomes an agent when it reports agent actions). */
  type: ObservationType;
  /** The run's name, as its span is named. */
  name: string;
  /** The tags LangChain passed (own and inherited); children subtract them to find their own. */
  tags: readonly string[] | undefined;
  /** When the run started (`performance.now()`), for age-based eviction. */
  startedAt: number;
  /**
   * The last sign of life of the run or a descendant (`performance.now()`): its start, a
   * streamed token, a child starting or ending. An evicted span ends at this time, so a stream
   * its consumer stopped reading keeps a truthful duration.
   */
  lastActivity: number;
  /** The parent run's record, while this run is open. */
  parent: RunRecord | undefined;
  /** Child runs still open, made on the first child; a run that ends takes them along. */
  children?: Set<RunRecord>;
  /** Whether a streamed token was seen (first-token time is written once). */
  sawToken?: boolean;
  /** The tool span got its tool call id at the start. */
  toolCallId?: boolean;
}

/** Why the registry let a run go before LangChain ended it (a `threadline.end_reason` value). */
export type EvictionReason =
  | typeof END_REASONS.EVICTED_MAX_OPEN
  | typeof END_REASONS.EVICTED_MAX_AGE;

/** Options of {@link RunRegistry}. */
export interface RunRegistryOptions {
  /** Open runs kept at most; the oldest is evicted beyond it. */
  maxOpenRuns: number;
  /** Age in milliseconds after which an open run is evicted. */
  maxRunAgeMs: number;
  /** Called for every evicted run (after it left the registry). */
  onEvict: (record: RunRecord, reason: EvictionReason) => void;
  /** Monotonic clock in milliseconds; replaceable so eviction by age can be tested without waiting. */
  now?: () => number;
}

/** Records a sign of life of a run and of all its open ancestors. */
export function touch(record: RunRecord | undefined, now: number): void {
  for (let r = record; r !== undefined; r = r.parent) {
    if (r.lastActivity >= now) return;
    r.lastActivity = now;
  }
}

/**
 * Open runs by run id. Bounded: a run that LangChain never ends (a stream dropped without a
 * callback, a crashed worker) is evicted by age or when the registry is full, so the handler's
 * memory cannot grow without limit. A Map keeps insertion order, so the oldest runs are first
 * and eviction checks only the head.
 */
export class RunRegistry {
  private readonly runs = new Map<string, RunRecord>();
  private readonly maxOpenRuns: number;
  private readonly maxRunAgeMs: number;
  private readonly onEvict: RunRegistryOptions['onEvict'];
  readonly now: () => number;

  constructor({
    maxOpenRuns,
    maxRunAgeMs,
    onEvict,
    now = () => performance.now(),
  }: RunRegistryOptions) {
    this.maxOpenRuns = Math.max(1, Math.floor(maxOpenRuns));
    this.maxRunAgeMs = maxRunAgeMs;
    this.onEvict = onEvict;
    this.now = now;
  }

  /** Number of open runs. */
  get size(): number {
    return this.runs.size;
  }

  get(runId: string): RunRecord | undefined {
    return this.runs.get(runId);
  }

  /** Adds a run, first evicting runs that are too old or that no longer fit. */
  add(runId: string, record: RunRecord): void {
    this.evictOld(record.startedAt);
    while (this.runs.size >= this.maxOpenRuns) this.evictFirst(END_REASONS.EVICTED_MAX_OPEN);
    // A reused run id (never expected) must not leave the earlier span open forever: the
    // earlier run makes room for the new one, as the oldest does when the registry is full.
    const previous = this.runs.get(runId);
    if (previous) {
      this.runs.delete(runId);
      this.onEvict(previous, END_REASONS.EVICTED_MAX_OPEN);
    }
    this.runs.set(runId, record);
  }

  /** Removes and returns a run: the caller ends its span, so it can end only once. */
  take(runId: string): RunRecord | undefined {
    const record = this.runs.get(runId);
    if (record) this.runs.delete(runId);
    return record;
  }

  private evictOld(now: number): void {
    for (const [runId, record] of this.runs) {
      if (now - record.startedAt <= this.maxRunAgeMs) return;
      this.runs.delete(runId);
      this.onEvict(record, END_REASONS.EVICTED_MAX_AGE);
    }
  }

  private evictFirst(reason: EvictionReason): void {
    const first = this.runs.entries().next();
    if (first.done) return;
    const [runId, record] = first.value;
    this.runs.delete(runId);
    this.onEvict(record, reason);
  }
}
