/**
 * A row's place in a list, compared element by element (numbers as numbers, strings by code
 * unit). Lists run from the greatest key down, so the newest row comes first and the last
 * element (an id) breaks ties: no two rows share a key.
 */
export type ListKey = ReadonlyArray<number | string>;

/** The types of a list's key elements, to check a cursor that came from a URL. */
export type KeyShape = ReadonlyArray<'number' | 'string'>;

/** How a list is ordered: the key of a row, and the shape every key has. */
export interface ListOrder<T> {
  shape: KeyShape;
  key(row: T): ListKey;
}

/** Which page of a list: the rows after a cursor, the rows before one, or the first rows. */
export interface PageRequest {
  /** The rows after the row with this key (the next page). */
  after?: ListKey;
  /** The rows before the row with this key (the previous page). */
  before?: ListKey;
  /** Rows on a page. */
  limit: number;
}

/** One page of a list, with what the page needs to say where it is and to link on. */
export interface ListPage<T> {
  items: T[];
  /** Rows in the whole list (after filtering). */
  total: number;
  /** Position of the first item in the whole list, from 0. */
  offset: number;
  /** Cursor of the page after this one, when rows follow. */
  next?: string;
  /** Cursor of the page before this one, when rows precede. */
  previous?: string;
}

/** A cursor that no list of this kind could have made. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** Negative when `a` sorts before `b` in ascending order. */
export function compareKeys(a: ListKey, b: ListKey): number {
  for (let n = 0; n < a.length; n++) {
    const x = a[n]!;
    const y = b[n]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** A time as a key element: JSON has no NaN or Infinity, and a missing time sorts last. */
export function timeKey(millis: number): number {
  return Number.isFinite(millis) ? millis : -Number.MAX_VALUE;
}

/** A key as an opaque URL-safe cursor. */
export function encodeCursor(key: ListKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** @throws {InvalidCursorError} when the text is not a cursor of this shape. */
export function decodeCursor(text: string, shape: KeyShape): ListKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not valid');
  }
  const fits =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((part, n) =>
      shape[n] === 'number'
        ? typeof part === 'number' && Number.isFinite(part)
        : typeof part === 'string',
    );
  if (!fits) throw new InvalidCursorError('the cursor is not valid');
  return key as ListKey;
}

/** The first index in `keys` (greatest first) whose key is below `bound` (or at it, `inclusive`). */
function firstBelow(keys: readonly ListKey[], bound: ListKey, inclusive: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareKeys(keys[mid]!, bound);
    if (order < 0 || (inclusive && order === 0)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * One page of `rows` in the list's order (greatest key first), found by key rather than by
 * position, so rows that arrive or go while someone pages neither repeat nor skip a row. A
 * page emptied by rows that went away shows the rows next to it instead: a next page past the
 * end the last page, a previous page shorter than `limit` a whole first page.
 */
export function pageOf<T>(
  rows: readonly T[],
  order: ListOrder<T>,
  { after, before, limit }: PageRequest,
): ListPage<T> {
  const sorted = rows
    .map((row) => ({ row, key: order.key(row) }))
    .sort((a, b) => compareKeys(b.key, a.key));
  const keys = sorted.map((entry) => entry.key);
  let start = 0;
  let end = Math.min(limit, sorted.length);
  if (after) {
    start = firstBelow(keys, after, false);
    end = Math.min(start + limit, sorted.length);
    if (start === end) start = Math.max(0, end - limit);
  } else if (before) {
    end = firstBelow(keys, before, true);
    start = end - limit;
    if (start < 0) {
      start = 0;
      end = Math.min(limit, sorted.length);
    }
  }
  return {
    items: sorted.slice(start, end).map((entry) => entry.row),
    total: sorted.length,
    offset: start,
    ...(end < sorted.length && end > start ? { next: encodeCursor(keys[end - 1]!) } : {}),
    ...(start > 0 ? { previous: encodeCursor(keys[start]!) } : {}),
  };
}
