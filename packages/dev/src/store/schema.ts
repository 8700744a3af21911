import type Database from 'better-sqlite3';

/**
 * The store's tables. `spans` keeps each span as received (JSON), so the page can regroup them
 * with `resolveLangfuse` whenever the grouping rules change; `traces` keeps per-trace
 * bookkeeping so retention never has to scan every span.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE spans (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     trace_id TEXT NOT NULL,
     span_id TEXT NOT NULL,
     data TEXT NOT NULL,
     UNIQUE (trace_id, span_id)
   );
   CREATE TABLE traces (
     trace_id TEXT PRIMARY KEY,
     span_count INTEGER NOT NULL,
     last_seq INTEGER NOT NULL,
     first_received_ms INTEGER NOT NULL,
     last_received_ms INTEGER NOT NULL
   );
   CREATE INDEX traces_last_seq ON traces (last_seq);
   CREATE INDEX traces_last_received ON traces (last_received_ms);
   CREATE TABLE scores (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     target_type TEXT NOT NULL CHECK (target_type IN ('session', 'trace')),
     target_id TEXT NOT NULL,
     name TEXT NOT NULL,
     number_value REAL,
     string_value TEXT,
     comment TEXT,
     created_ms INTEGER NOT NULL
   );
   CREATE INDEX scores_target ON scores (target_type, target_id);
   CREATE TABLE bookmarks (
     session_id TEXT PRIMARY KEY,
     created_ms INTEGER NOT NULL
   );`,
];

/** Brings a database up to the newest schema; `user_version` counts the migrations applied. */
export function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(
      `the store was written by a newer @threadline/dev (schema ${applied}, this one knows ${MIGRATIONS.length}); use another --db`,
    );
  }
  for (let n = applied; n < MIGRATIONS.length; n++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[n]!);
      db.pragma(`user_version = ${n + 1}`);
    })();
  }
}
