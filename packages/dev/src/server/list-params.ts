import {
  decodeCursor,
  InvalidCursorError,
  type KeyShape,
  type ListPage,
  type PageRequest,
} from '../view/keyset-page';

/** Rows on a page of a list unless `limit` says otherwise. */
export const DEFAULT_PAGE_ROWS = 50;
/** Most rows `limit` may ask for. */
export const MAX_PAGE_ROWS = 500;

/**
 * The page a request asks for: `after=<cursor>` (next), `before=<cursor>` (previous),
 * `limit=<rows>`; none of them is the first page.
 *
 * @throws {InvalidCursorError} for a cursor of another list or a limit out of range.
 */
export function pageRequestOf(params: URLSearchParams, shape: KeyShape): PageRequest {
  const after = params.get('after');
  const before = params.get('before');
  const limitText = params.get('limit');
  let limit = DEFAULT_PAGE_ROWS;
  if (limitText !== null) {
    limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_PAGE_ROWS) {
      throw new InvalidCursorError(`limit must be a whole number from 1 to ${MAX_PAGE_ROWS}`);
    }
  }
  if (after !== null && before !== null) {
    throw new InvalidCursorError('give after or before, not both');
  }
  return {
    limit,
    ...(after !== null ? { after: decodeCursor(after, shape) } : {}),
    ...(before !== null ? { before: decodeCursor(before, shape) } : {}),
  };
}

/** Links to the pages before and after `page`: the same address and filters, another cursor. */
export interface PageLinks {
  previous?: string;
  next?: string;
}

/** Addresses of the neighbouring pages, relative to the host (`/traces?after=…`). */
export function pageLinks(url: URL, page: ListPage<unknown>): PageLinks {
  const link = (name: 'after' | 'before', cursor: string) => {
    const params = new URLSearchParams(url.searchParams);
    params.delete('after');
    params.delete('before');
    params.set(name, cursor);
    return `${url.pathname}?${params}`;
  };
  return {
    ...(page.previous ? { previous: link('before', page.previous) } : {}),
    ...(page.next ? { next: link('after', page.next) } : {}),
  };
}

/**
 * Headers for a page of a JSON list: `Link` (RFC 8288, `rel="prev"` and `rel="next"`) and
 * `X-Total-Count` (rows in the whole filtered list), so the body stays a plain array.
 */
export function pageHeaders(url: URL, page: ListPage<unknown>): Record<string, string> {
  const links = pageLinks(url, page);
  const parts = [
    ...(links.previous ? [`<${links.previous}>; rel="prev"`] : []),
    ...(links.next ? [`<${links.next}>; rel="next"`] : []),
  ];
  return {
    'x-total-count': String(page.total),
    ...(parts.length > 0 ? { link: parts.join(', ') } : {}),
  };
}
