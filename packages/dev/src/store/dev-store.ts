import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReceivedSpan } from '@threadline/read-model';
import Database from 'better-sqlite3';
import { migrate } from './schema';
import { type Score, type ScoreInput, type ScoreTarget, validateScore } from './score';

/** Options of {@link openDevStore}. */
export interface DevStoreOptions {
  /** The SQLite file; created with its folder when missing. `:memory:` keeps nothing. */
  path: string;
  /** Most spans kept; whole traces are pruned, least recently received first. 0: no bound. */
  maxSpans?: number;
  /** Traces that received nothing for longer than this are pruned. 0: no age bound. */
  maxAgeMs?: number;
  /** The clock, for retention by age. */
  now?: () => number;
}

/** What one call to {@link DevStore.insertSpans} changed. */
export interface InsertResult {
  /** Traces that gained or changed spans. */
  traceIds: string[];
  /** Traces removed by retention (possibly some of `traceIds`, when a batch is huge). */
  prunedTraceIds: string[];
}

/** The embedded store of `threadline dev`: raw spans, scores and bookmarks in one SQLite file. */
export interface DevStore {
  readonly path: string;
  /**
   * Stores spans in one transaction (all or none), then applies retention. A span already
   * stored (same trace and span id, e.g. an exporter retry) is replaced, as Langfuse upserts.
   */
  insertSpans(spans: readonly ReceivedSpan[]): InsertResult;
  /** The spans of one trace, in arrival order. */
  spansOfTrace(traceId: string): ReceivedSpan[];
  /** Every stored trace id, least recently received first. */
  traceIds(): string[];
  /** How many spans are stored. */
  spanCount(): number;
  /** Applies the age bound now (insertSpans applies both bounds on its own). */
  prune(): string[];
  /** Removes these traces with their spans and scores; returns the ids that were stored. */
  deleteTraces(traceIds: readonly string[]): string[];
  /** Removes a session's scores and bookmark (its traces go with {@link deleteTraces}). */
  forgetSession(sessionId: string): void;
  /** Empties the store: spans, scores, bookmarks. */
  reset(): void;
  /** @throws {InvalidScoreError} */
  addScore(input: ScoreInput): Score;
  /** Whether a score with that id existed. */
  deleteScore(id: number): boolean;
  /** Every score, oldest first. */
  scores(): Score[];
  setBookmark(sessionId: string, bookmarked: boolean): void;
  bookmarks(): Set<string>;
  close(): void;
}

interface ScoreRow {
  id: number;
  target_type: ScoreTarget;
  target_id: string;
  name: string;
  number_value: number | null;
  string_value: string | null;
  comment: string | null;
  created_ms: number;
}

function toScore(row: ScoreRow): Score {
  return {
    id: row.id,
    targetType: row.target_type,
    targetId: row.target_id,
    name: row.name,
    value: row.number_value ?? row.string_value ?? '',
    ...(row.comment ? { comment: row.comment } : {}),
    createdAt: row.created_ms,
  };
}

/**
 * Opens (or creates) the store. WAL journaling: a write is committed before the receiver
 * answers 200, so a crash or restart of `threadline dev` loses nothing it acknowledged.
 */
export function openDevStore({
  path,
  maxSpans = 100_000,
  maxAgeMs = 0,
  now = Date.now,
}: DevStoreOptions): DevStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a crash of this process; only a power cut can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const insertSpan = db.prepare(
    'INSERT INTO spans (trace_id, span_id, data) VALUES (?, ?, ?) ON CONFLICT (trace_id, span_id) DO NOTHING',
  );
  const replaceSpan = db.prepare('UPDATE spans SET data = ? WHERE trace_id = ? AND span_id = ?');
  const upsertTrace = db.prepare(
    `INSERT INTO traces (trace_id, span_count, last_seq, first_received_ms, last_received_ms)
     VALUES (@traceId, @added, @lastSeq, @now, @now)
     ON CONFLICT (trace_id) DO UPDATE SET
       span_count = span_count + @added,
       last_seq = MAX(last_seq, @lastSeq),
       last_received_ms = @now`,
  );
  const selectTraceSpans = db.prepare('SELECT data FROM spans WHERE trace_id = ? ORDER BY seq');
  const selectTraceIds = db.prepare('SELECT trace_id FROM traces ORDER BY last_seq');
  const selectOldest = db.prepare('SELECT trace_id, span_count FROM traces ORDER BY last_seq');
  const selectExpired = db.prepare('SELECT trace_id FROM traces WHERE last_received_ms < ?');
  const deleteTraceSpans = db.prepare('DELETE FROM spans WHERE trace_id = ?');
  const deleteTrace = db.prepare('DELETE FROM traces WHERE trace_id = ?');
  const deleteTraceScores = db.prepare(
    "DELETE FROM scores WHERE target_type = 'trace' AND target_id = ?",
  );
  const insertScore = db.prepare(
    `INSERT INTO scores (target_type, target_id, name, number_value, string_value, comment, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const removeScore = db.prepare('DELETE FROM scores WHERE id = ?');
  const selectScores = db.prepare('SELECT * FROM scores ORDER BY id');
  const insertBookmark = db.prepare(
    'INSERT INTO bookmarks (session_id, created_ms) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const removeBookmark = db.prepare('DELETE FROM bookmarks WHERE session_id = ?');
  const selectBookmarks = db.prepare('SELECT session_id FROM bookmarks');
  const selectTrace = db.prepare('SELECT 1 FROM traces WHERE trace_id = ?');
  const deleteSessionScores = db.prepare(
    "DELETE FROM scores WHERE target_type = 'session' AND target_id = ?",
  );

  // Kept in memory so the bound is checked per batch without counting rows.
  let count = (db.prepare('SELECT COUNT(*) AS n FROM spans').get() as { n: number }).n;

  const removeTraces = (ids: readonly string[]) => {
    for (const id of ids) {
      count -= deleteTraceSpans.run(id).changes;
      deleteTrace.run(id);
      // A trace score means nothing once its trace is gone; session scores and bookmarks stay,
      // since a session can gain new traces.
      deleteTraceScores.run(id);
    }
  };

  const pruneByAge = (): string[] => {
    if (maxAgeMs <= 0) return [];
    const ids = (selectExpired.all(now() - maxAgeMs) as Array<{ trace_id: string }>).map(
      (row) => row.trace_id,
    );
    removeTraces(ids);
    return ids;
  };

  const pruneBySize = (): string[] => {
    if (maxSpans <= 0 || count <= maxSpans) return [];
    const ids: string[] = [];
    let excess = count - maxSpans;
    for (const row of selectOldest.iterate() as Iterable<{
      trace_id: string;
      span_count: number;
    }>) {
      if (excess <= 0) break;
      ids.push(row.trace_id);
      excess -= row.span_count;
    }
    removeTraces(ids);
    return ids;
  };

  const insertBatch = db.transaction((spans: readonly ReceivedSpan[]): InsertResult => {
    const receivedAt = now();
    const perTrace = new Map<string, { added: number; lastSeq: number }>();
    for (const span of spans) {
      const data = JSON.stringify(span);
      const result = insertSpan.run(span.traceId, span.spanId, data);
      let entry = perTrace.get(span.traceId);
      if (!entry) {
        entry = { added: 0, lastSeq: 0 };
        perTrace.set(span.traceId, entry);
      }
      if (result.changes === 1) {
        entry.added += 1;
        entry.lastSeq = Number(result.lastInsertRowid);
      } else {
        replaceSpan.run(data, span.traceId, span.spanId);
      }
    }
    for (const [traceId, { added, lastSeq }] of perTrace) {
      upsertTrace.run({ traceId, added, lastSeq, now: receivedAt });
    }
    count += [...perTrace.values()].reduce((sum, entry) => sum + entry.added, 0);
    const prunedTraceIds = [...pruneByAge(), ...pruneBySize()];
    return { traceIds: [...perTrace.keys()], prunedTraceIds };
  });

  return {
    path,
    insertSpans: (spans) => insertBatch(spans),
    spansOfTrace: (traceId) =>
      (selectTraceSpans.all(traceId) as Array<{ data: string }>).map(
        (row) => JSON.parse(row.data) as ReceivedSpan,
      ),
    traceIds: () =>
      (selectTraceIds.all() as Array<{ trace_id: string }>).map((row) => row.trace_id),
    spanCount: () => count,
    prune: () => db.transaction(pruneByAge)(),
    deleteTraces: db.transaction((traceIds: readonly string[]) => {
      const stored = traceIds.filter((id) => selectTrace.get(id) !== undefined);
      removeTraces(stored);
      return stored;
    }),
    forgetSession: db.transaction((sessionId: string) => {
      deleteSessionScores.run(sessionId);
      removeBookmark.run(sessionId);
    }),
    reset: db.transaction(() => {
      db.exec('DELETE FROM spans; DELETE FROM traces; DELETE FROM scores; DELETE FROM bookmarks;');
      count = 0;
    }),
    addScore(input) {
      const score = validateScore(input);
      const row = insertScore.get(
        score.targetType,
        score.targetId,
        score.name,
        typeof score.value === 'number' ? score.value : null,
        typeof score.value === 'string' ? score.value : null,
        score.comment ?? null,
        now(),
      ) as ScoreRow;
      return toScore(row);
    },
    deleteScore: (id) => removeScore.run(id).changes > 0,
    scores: () => (selectScores.all() as ScoreRow[]).map(toScore),
    setBookmark(sessionId, bookmarked) {
      if (bookmarked) insertBookmark.run(sessionId, now());
      else removeBookmark.run(sessionId);
    },
    bookmarks: () =>
      new Set(
        (selectBookmarks.all() as Array<{ session_id: string }>).map((row) => row.session_id),
      ),
    close: () => db.close(),
  };
}
