import type { SessionSummary, UserSummary } from './dev-view';
import { type ListOrder, timeKey } from './keyset-page';
import type { TraceSummary } from './trace-summary';

/** Sessions: bookmarked first, then the most recently active, ties by id. */
export const SESSION_ORDER: ListOrder<SessionSummary> = {
  shape: ['number', 'number', 'string'],
  key: (s) => [s.bookmarked ? 1 : 0, timeKey(s.end), s.id],
};

/** Traces: the newest start first, ties by id. */
export const TRACE_ORDER: ListOrder<TraceSummary> = {
  shape: ['number', 'string'],
  key: (t) => [timeKey(t.start), t.id],
};

/** Users: the most recently seen first, ties by id. */
export const USER_ORDER: ListOrder<UserSummary> = {
  shape: ['number', 'string'],
  key: (u) => [timeKey(u.lastSeen), u.id],
};
