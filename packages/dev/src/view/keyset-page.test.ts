import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  type ListOrder,
  type ListPage,
  pageOf,
} from './keyset-page';

interface Row {
  time: number;
  id: string;
}

const ORDER: ListOrder<Row> = { shape: ['number', 'string'], key: (r) => [r.time, r.id] };

/** 23 rows whose times tie in threes, in a shuffled order. */
const ROWS: Row[] = Array.from({ length: 23 }, (_, n) => ({
  time: Math.floor(n / 3),
  id: `r${String(n).padStart(2, '0')}`,
})).sort((a, b) => ((a.id.charCodeAt(2) * 7) % 11) - ((b.id.charCodeAt(2) * 7) % 11));

const ids = (page: ListPage<Row>) => page.items.map((r) => r.id);

describe('pageOf', () => {
  it('pages forward and back through ties with no row twice and none left out', () => {
    const expected = [...ROWS]
      .sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    const seen: string[] = [];
    const pages: ListPage<Row>[] = [];
    let page = pageOf(ROWS, ORDER, { limit: 5 });
    for (;;) {
      pages.push(page);
      expect(page.total).toBe(23);
      expect(page.offset).toBe(seen.length);
      seen.push(...ids(page));
      if (!page.next) break;
      page = pageOf(ROWS, ORDER, { limit: 5, after: decodeCursor(page.next, ORDER.shape) });
    }
    expect(seen).toEqual(expected);
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages[0]!.previous).toBeUndefined();

    // Back from the last page gives the same pages in reverse.
    for (let n = pages.length - 1; n > 0; n--) {
      const back = pageOf(ROWS, ORDER, {
        limit: 5,
        before: decodeCursor(pages[n]!.previous!, ORDER.shape),
      });
      expect(ids(back)).toEqual(ids(pages[n - 1]!));
      expect(back.offset).toBe(pages[n - 1]!.offset);
    }
  });

  it('keeps its place when newer rows arrive between two pages', () => {
    const first = pageOf(ROWS, ORDER, { limit: 4 });
    const grown = [...ROWS, { time: 100, id: 'new-1' }, { time: 100, id: 'new-2' }];
    const second = pageOf(grown, ORDER, {
      limit: 4,
      after: decodeCursor(first.next!, ORDER.shape),
    });
    const plain = pageOf(ROWS, ORDER, { limit: 4, after: decodeCursor(first.next!, ORDER.shape) });
    expect(ids(second)).toEqual(ids(plain));
    expect(second.offset).toBe(6);
    expect(second.total).toBe(25);
  });

  it('shows the last page for a next page whose rows went away, a first page for a short previous one', () => {
    const last = pageOf(ROWS, ORDER, { limit: 5, after: [-1, ''] });
    expect(ids(last)).toHaveLength(5);
    expect(last.offset).toBe(18);
    expect(last.next).toBeUndefined();
    const short = pageOf(ROWS, ORDER, { limit: 5, before: [7, 'r21'] });
    expect(short.offset).toBe(0);
    expect(ids(short)).toEqual(ids(pageOf(ROWS, ORDER, { limit: 5 })));
    expect(pageOf([], ORDER, { limit: 5, after: [1, 'x'] })).toEqual({
      items: [],
      total: 0,
      offset: 0,
    });
  });
});

describe('cursors', () => {
  it('round-trip a key and refuse text of another shape', () => {
    const key = [1_735_689_600_123.5, 'session "ü" / ?&'];
    expect(decodeCursor(encodeCursor(key), ORDER.shape)).toEqual(key);
    for (const bad of ['', 'not a cursor', encodeCursor(['x', 'y']), encodeCursor([1]), 'e30']) {
      expect(() => decodeCursor(bad, ORDER.shape)).toThrow(InvalidCursorError);
    }
  });
});
