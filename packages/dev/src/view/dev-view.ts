import type { LangfuseTrace } from '@threadline/read-model';
import type { Pricing } from '../prices/pricing';
import type { DevStore } from '../store/dev-store';
import type { Score, ScoreTarget } from '../store/score';
import { resolveTrace } from './resolve-trace';
import { createResolvedCache } from './resolved-cache';
import {
  addCost,
  type CostTotal,
  noCost,
  summarizeTrace,
  type TokenTotals,
  type TraceSummary,
} from './trace-summary';

/** One row of the sessions list. */
export interface SessionSummary {
  id: string;
  /** In order of first appearance. */
  userIds: string[];
  start: number;
  end: number;
  /** From the first trace's start to the last one's end, in milliseconds. */
  durationMs: number;
  traces: number;
  tokens: TokenTotals;
  cost: CostTotal;
  errors: number;
  tags: string[];
  environments: string[];
  bookmarked: boolean;
  scores: Score[];
  /** The first thing the user said. */
  preview?: string;
}

/** One row of the users list: Langfuse's per-observation figures, plus sessions and cost. */
export interface UserSummary {
  id: string;
  traces: number;
  observations: number;
  sessions: number;
  tokens: TokenTotals;
  errors: number;
  cost: CostTotal;
  firstSeen: number;
  lastSeen: number;
}

/** Filters of the sessions list; every given one must match. */
export interface SessionFilter {
  /** Case-insensitive text in the session id, users, tags, trace names or first message. */
  q?: string;
  user?: string;
  tag?: string;
  environment?: string;
  bookmarkedOnly?: boolean;
}

/** Values the filters can take, for the filter menus. */
export interface Facets {
  users: string[];
  tags: string[];
  environments: string[];
}

/** A session with its traces resolved in full, for the replay. */
export interface SessionDetail {
  summary: SessionSummary;
  /** In time order. */
  traces: LangfuseTrace[];
  traceScores: Map<string, Score[]>;
}

/** A trace resolved in full, for the trace page. */
export interface TraceDetail {
  trace: LangfuseTrace;
  summary: TraceSummary;
  scores: Score[];
}

/** Options of {@link createDevView}. */
export interface DevViewOptions {
  store: DevStore;
  prices: Pricing;
}

/** What the page shows, computed from the store with `resolveLangfuse`'s grouping rules. */
export interface DevView {
  /** Marks traces as changed (new spans or pruned); they are resolved again when next read. */
  markChanged(traceIds: Iterable<string>): void;
  /**
   * Reads up to `max` changed (or, after opening, all stored) traces ahead of the next page
   * view; returns how many are left, so a caller can warm the view in slices.
   */
  warm(max: number): number;
  /** The session ids of these traces, before and after their latest change. */
  sessionIdsOf(traceIds: Iterable<string>): string[];
  /** The traces of a session (none for a session that does not exist). */
  traceIdsOfSession(sessionId: string): string[];
  /** Whether a trace is stored. */
  hasTrace(traceId: string): boolean;
  /** Every trace, newest first. */
  traces(): TraceSummary[];
  /** Sessions matching the filter: bookmarked first, then the most recently active. */
  sessions(filter?: SessionFilter): SessionSummary[];
  facets(): Facets;
  /** Users, the most recently active first. */
  users(): UserSummary[];
  session(id: string): SessionDetail | undefined;
  trace(id: string): TraceDetail | undefined;
}

function scoresBy(scores: readonly Score[], type: ScoreTarget): Map<string, Score[]> {
  const out = new Map<string, Score[]>();
  for (const score of scores) {
    if (score.targetType !== type) continue;
    const list = out.get(score.targetId) ?? [];
    list.push(score);
    out.set(score.targetId, list);
  }
  return out;
}

function addTokens(into: TokenTotals, more: TokenTotals): void {
  into.input += more.input;
  into.output += more.output;
  into.total += more.total;
}

function matches(
  session: SessionSummary,
  names: readonly string[],
  filter: SessionFilter,
): boolean {
  if (filter.bookmarkedOnly && !session.bookmarked) return false;
  if (filter.user && !session.userIds.includes(filter.user)) return false;
  if (filter.tag && !session.tags.includes(filter.tag)) return false;
  if (filter.environment && !session.environments.includes(filter.environment)) return false;
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    const haystack = [session.id, ...session.userIds, ...session.tags, ...names, session.preview]
      .filter((s): s is string => typeof s === 'string')
      .map((s) => s.toLowerCase());
    if (!haystack.some((s) => s.includes(q))) return false;
  }
  return true;
}

/**
 * The page's model. Each trace is resolved on its own with `resolveLangfuse` and summarised;
 * sessions and users are sums of those summaries (Langfuse groups sessions by the trace's
 * session and counts a user's figures per observation, so per-trace sums are exact). Summaries
 * are cached and only changed traces are read again, so a page view does not re-read every span.
 */
export function createDevView({ store, prices }: DevViewOptions): DevView {
  const summaries = new Map<string, TraceSummary>();
  // Everything in the store is unread at first.
  const dirty = new Set<string>(store.traceIds());

  const resolved = createResolvedCache();

  const resolve = (traceId: string): LangfuseTrace | undefined => {
    const cached = resolved.get(traceId);
    if (cached) return cached;
    const spans = store.spansOfTrace(traceId);
    if (spans.length === 0) return undefined;
    const trace = resolveTrace(traceId, spans)?.trace;
    if (trace) resolved.set(traceId, trace);
    return trace;
  };

  const refresh = (max = Number.POSITIVE_INFINITY) => {
    let done = 0;
    for (const traceId of dirty) {
      if (done++ >= max) break;
      dirty.delete(traceId);
      const spans = store.spansOfTrace(traceId);
      if (spans.length === 0) summaries.delete(traceId);
      else {
        const { trace, users } = resolveTrace(traceId, spans)!;
        // Big traces stay resolved for their page, which would otherwise resolve them again.
        resolved.set(traceId, trace);
        summaries.set(traceId, summarizeTrace(trace, users, prices));
      }
    }
    return dirty.size;
  };

  const allSessions = (): Map<string, { summary: SessionSummary; names: string[] }> => {
    refresh();
    const bookmarks = store.bookmarks();
    const sessionScores = scoresBy(store.scores(), 'session');
    const traces = [...summaries.values()].sort((a, b) => a.start - b.start);
    const sessions = new Map<string, { summary: SessionSummary; names: string[] }>();
    for (const trace of traces) {
      if (trace.sessionId === undefined) continue;
      let entry = sessions.get(trace.sessionId);
      if (!entry) {
        entry = {
          summary: {
            id: trace.sessionId,
            userIds: [],
            start: trace.start,
            end: trace.end,
            durationMs: trace.end - trace.start,
            traces: 0,
            tokens: { input: 0, output: 0, total: 0 },
            cost: noCost(),
            errors: 0,
            tags: [],
            environments: [],
            bookmarked: bookmarks.has(trace.sessionId),
            scores: sessionScores.get(trace.sessionId) ?? [],
            ...(trace.preview !== undefined ? { preview: trace.preview } : {}),
          },
          names: [],
        };
        sessions.set(trace.sessionId, entry);
      }
      const session = entry.summary;
      session.traces += 1;
      session.end = Math.max(session.end, trace.end);
      session.durationMs = session.end - session.start;
      addTokens(session.tokens, trace.tokens);
      addCost(session.cost, trace.cost);
      session.errors += trace.errors;
      if (session.preview === undefined && trace.preview !== undefined) {
        session.preview = trace.preview;
      }
      if (trace.userId !== undefined && !session.userIds.includes(trace.userId)) {
        session.userIds.push(trace.userId);
      }
      for (const tag of trace.tags) if (!session.tags.includes(tag)) session.tags.push(tag);
      if (!session.environments.includes(trace.environment)) {
        session.environments.push(trace.environment);
      }
      entry.names.push(trace.name);
    }
    return sessions;
  };

  return {
    markChanged(traceIds) {
      for (const id of traceIds) {
        dirty.add(id);
        resolved.delete(id);
      }
    },

    warm: (max) => refresh(max),

    sessionIdsOf(traceIds) {
      const ids = new Set<string>();
      const wanted = [...traceIds];
      for (const id of wanted) {
        const before = summaries.get(id)?.sessionId;
        if (before !== undefined) ids.add(before);
      }
      refresh();
      for (const id of wanted) {
        const after = summaries.get(id)?.sessionId;
        if (after !== undefined) ids.add(after);
      }
      return [...ids];
    },

    traceIdsOfSession(sessionId) {
      refresh();
      return [...summaries.values()].filter((t) => t.sessionId === sessionId).map((t) => t.id);
    },

    hasTrace(traceId) {
      refresh();
      return summaries.has(traceId);
    },

    traces() {
      refresh();
      return [...summaries.values()].sort((a, b) => b.start - a.start);
    },

    sessions(filter = {}) {
      return [...allSessions().values()]
        .filter(({ summary, names }) => matches(summary, names, filter))
        .map(({ summary }) => summary)
        .sort((a, b) => Number(b.bookmarked) - Number(a.bookmarked) || b.end - a.end);
    },

    facets() {
      refresh();
      const users = new Set<string>();
      const tags = new Set<string>();
      const environments = new Set<string>();
      for (const trace of summaries.values()) {
        if (trace.sessionId === undefined) continue;
        if (trace.userId !== undefined) users.add(trace.userId);
        for (const tag of trace.tags) tags.add(tag);
        environments.add(trace.environment);
      }
      const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
      return { users: sorted(users), tags: sorted(tags), environments: sorted(environments) };
    },

    users() {
      refresh();
      const users = new Map<string, UserSummary & { sessionIds: Set<string> }>();
      for (const trace of summaries.values()) {
        for (const figures of trace.users) {
          let user = users.get(figures.id);
          if (!user) {
            user = {
              id: figures.id,
              traces: 0,
              observations: 0,
              sessions: 0,
              tokens: { input: 0, output: 0, total: 0 },
              errors: 0,
              cost: noCost(),
              firstSeen: trace.start,
              lastSeen: trace.end,
              sessionIds: new Set(),
            };
            users.set(figures.id, user);
          }
          user.traces += figures.traces;
          user.observations += figures.observations;
          addTokens(user.tokens, {
            input: figures.inputTokens,
            output: figures.outputTokens,
            total: figures.totalTokens,
          });
          user.errors += figures.errors;
          addCost(user.cost, figures.cost);
          user.firstSeen = Math.min(user.firstSeen, trace.start);
          user.lastSeen = Math.max(user.lastSeen, trace.end);
          if (trace.sessionId !== undefined) user.sessionIds.add(trace.sessionId);
        }
      }
      return [...users.values()]
        .map(({ sessionIds, ...user }) => ({ ...user, sessions: sessionIds.size }))
        .sort((a, b) => b.lastSeen - a.lastSeen);
    },

    session(id) {
      const entry = allSessions().get(id);
      if (!entry) return undefined;
      // Langfuse puts a trace in a session by the trace's own session id, so resolving each trace
      // on its own gives the session's traces.
      const traces = [...summaries.values()]
        .filter((trace) => trace.sessionId === id)
        .map((trace) => resolve(trace.id))
        .filter((trace) => trace !== undefined)
        .sort((a, b) => a.timestamp - b.timestamp);
      if (traces.length === 0) return undefined;
      return {
        summary: entry.summary,
        traces,
        traceScores: scoresBy(store.scores(), 'trace'),
      };
    },

    trace(id) {
      refresh();
      const summary = summaries.get(id);
      const trace = summary && resolve(id);
      if (!summary || !trace) return undefined;
      return {
        trace,
        summary,
        scores: store.scores().filter((s) => s.targetType === 'trace' && s.targetId === id),
      };
    },
  };
}
