import type { ServerResponse } from 'node:http';
import type { SafeHtml } from '../page/html';
import type { NavTab } from '../page/layout';
import { renderSessionsPage } from '../page/sessions-page';
import { renderTracesPage } from '../page/traces-page';
import { renderUsersPage } from '../page/users-page';
import type { DevStore } from '../store/dev-store';
import type { Score } from '../store/score';
import type { DevView, SessionFilter } from '../view/dev-view';
import { InvalidCursorError, type ListOrder, type ListPage, pageOf } from '../view/keyset-page';
import { SESSION_ORDER, TRACE_ORDER, USER_ORDER } from '../view/list-orders';
import { sendJson, sendText } from './http-response';
import { pageHeaders, pageLinks, pageRequestOf } from './list-params';
import { type Route, route } from './route-table';

/** Options of {@link listRoutes}. */
export interface ListRoutesOptions {
  store: DevStore;
  view: DevView;
  /** The OTLP base URL, shown while the store is empty. */
  otlpUrl: string;
  /** The token exporters must send, shown with the URL; only someone who sent it sees it. */
  token?: string;
  /** Sends a page of the viewer with its navigation. */
  page(response: ServerResponse, title: string, live: string, content: SafeHtml, tab: NavTab): void;
}

/** The session filters of a list address: `q`, `user`, `tag`, `environment`, `bookmarked=1`. */
export function sessionFilterOf(params: URLSearchParams): SessionFilter {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  return {
    q: text('q'),
    user: text('user'),
    tag: text('tag'),
    environment: text('environment'),
    bookmarkedOnly: params.get('bookmarked') === '1',
  };
}

function isFiltered(filter: SessionFilter): boolean {
  return Boolean(
    filter.q || filter.user || filter.tag || filter.environment || filter.bookmarkedOnly,
  );
}

/** One page of `rows` as the address asks; a cursor of another list answers 400. */
function paged<T>(
  response: ServerResponse,
  url: URL,
  rows: () => readonly T[],
  order: ListOrder<T>,
  then: (page: ListPage<T>) => void,
): void {
  let request: ReturnType<typeof pageRequestOf>;
  try {
    request = pageRequestOf(url.searchParams, order.shape);
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    sendText(response, 400, error.message);
    return;
  }
  then(pageOf(rows(), order, request));
}

function sendJsonPage(response: ServerResponse, url: URL, page: ListPage<unknown>): void {
  const headers = pageHeaders(url, page);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  sendJson(response, 200, page.items);
}

function traceScores(store: DevStore): Map<string, Score[]> {
  const scores = new Map<string, Score[]>();
  for (const score of store.scores()) {
    if (score.targetType !== 'trace') continue;
    scores.set(score.targetId, [...(scores.get(score.targetId) ?? []), score]);
  }
  return scores;
}

/**
 * The three lists (sessions, users, traces) as pages and as JSON, one page at a time: keyset
 * cursors `after`/`before` on each list's (time, id) order, `limit` rows (default 50). JSON
 * pages are plain arrays with `Link` and `X-Total-Count` headers.
 */
export function listRoutes({ store, view, otlpUrl, token, page }: ListRoutesOptions): Route[] {
  return [
    route({
      method: 'GET',
      path: '/',
      handle({ response, url }) {
        const filter = sessionFilterOf(url.searchParams);
        paged(
          response,
          url,
          () => view.sessions(filter),
          SESSION_ORDER,
          (list) => {
            const content = renderSessionsPage({
              page: list,
              links: pageLinks(url, list),
              // Filtering is the exception; count the whole list only then.
              total: isFiltered(filter) ? view.sessions().length : list.total,
              facets: view.facets(),
              filter,
              otlpUrl,
              ...(token !== undefined ? { token } : {}),
            });
            page(response, 'Sessions', 'all', content, 'sessions');
          },
        );
      },
    }),
    route({
      method: 'GET',
      path: '/users',
      handle({ response, url }) {
        paged(
          response,
          url,
          () => view.users(),
          USER_ORDER,
          (list) =>
            page(
              response,
              'Users',
              'all',
              renderUsersPage({ page: list, links: pageLinks(url, list) }),
              'users',
            ),
        );
      },
    }),
    route({
      method: 'GET',
      path: '/traces',
      handle({ response, url }) {
        paged(
          response,
          url,
          () => view.traces(),
          TRACE_ORDER,
          (list) =>
            page(
              response,
              'Traces',
              'all',
              renderTracesPage({
                page: list,
                links: pageLinks(url, list),
                scores: traceScores(store),
              }),
              'traces',
            ),
        );
      },
    }),
    route({
      method: 'GET',
      path: '/api/sessions',
      handle({ response, url }) {
        const filter = sessionFilterOf(url.searchParams);
        paged(
          response,
          url,
          () => view.sessions(filter),
          SESSION_ORDER,
          (list) => sendJsonPage(response, url, list),
        );
      },
    }),
    route({
      method: 'GET',
      path: '/api/users',
      handle({ response, url }) {
        paged(
          response,
          url,
          () => view.users(),
          USER_ORDER,
          (list) => sendJsonPage(response, url, list),
        );
      },
    }),
    route({
      method: 'GET',
      path: '/api/traces',
      handle({ response, url }) {
        paged(
          response,
          url,
          () => view.traces(),
          TRACE_ORDER,
          (list) => sendJsonPage(response, url, list),
        );
      },
    }),
  ];
}
