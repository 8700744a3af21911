import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_SCRIPT } from '../page/client-script';
import { exportFileName, exportSessionHtml } from '../page/export-session';
import { html, type SafeHtml } from '../page/html';
import { renderPage } from '../page/layout';
import { renderSessionPage } from '../page/session-page';
import { renderSessionsPage } from '../page/sessions-page';
import { STYLES } from '../page/styles';
import { renderTracePage } from '../page/trace-page';
import { renderTracesPage } from '../page/traces-page';
import { renderUsersPage } from '../page/users-page';
import type { PriceTable } from '../prices/price-table';
import type { DevStore } from '../store/dev-store';
import { InvalidScoreError, type Score } from '../store/score';
import type { DevView, SessionFilter } from '../view/dev-view';
import type { LiveEvents } from './live-events';
import { isAllowedHost, isSameOrigin } from './request-guard';

/** Options of {@link createPageHandler}. */
export interface PageHandlerOptions {
  store: DevStore;
  view: DevView;
  prices: PriceTable;
  live: LiveEvents;
  /** The interface the page is bound to, for the `Host` check. */
  host: string;
  /** The OTLP base URL, shown while the store is empty. */
  otlpUrl: string;
  /** Tells open pages that something they show changed (a score, a bookmark). */
  onChange: (update: { traceIds: string[]; sessionIds: string[] }) => void;
}

const MAX_JSON_BYTES = 64 * 1024;

// Styles only in the stylesheet, script only from /app.js; inline style attributes are kept for
// the waterfall's bar positions. Nothing may load from elsewhere.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function notFound(response: ServerResponse, what: string): void {
  send(
    response,
    404,
    'text/html; charset=utf-8',
    renderPage({
      title: 'Not found',
      live: 'none',
      content: htmlNotFound(what),
    }),
  );
}

function htmlNotFound(what: string) {
  return html`<h1>Not found</h1><p class="sub">${what}</p><p><a href="/">Back to the sessions</a></p>`;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new InvalidScoreError('body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new InvalidScoreError('body is not JSON');
  }
}

function filterOf(params: URLSearchParams): SessionFilter {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  return {
    q: text('q'),
    user: text('user'),
    tag: text('tag'),
    environment: text('environment'),
    bookmarkedOnly: params.get('bookmarked') === '1',
  };
}

function segments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/**
 * The page's HTTP routes: the HTML pages, the stylesheet and script, the live event stream, a
 * small JSON API (`/api/sessions`, `/api/users`, `/api/traces`) and the endpoints for scores and
 * bookmarks.
 */
export function createPageHandler({
  store,
  view,
  prices,
  live,
  host,
  otlpUrl,
  onChange,
}: PageHandlerOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const page = (
    response: ServerResponse,
    title: string,
    liveScope: string,
    content: SafeHtml,
    tab?: 'sessions' | 'users' | 'traces',
  ) =>
    send(
      response,
      200,
      'text/html; charset=utf-8',
      renderPage({ title, live: liveScope, content, ...(tab ? { tab } : {}) }),
    );

  const scoreTargetsChanged = (score: Pick<Score, 'targetType' | 'targetId'>) =>
    onChange(
      score.targetType === 'trace'
        ? { traceIds: [score.targetId], sessionIds: view.sessionIdsOf([score.targetId]) }
        : { traceIds: [], sessionIds: [score.targetId] },
    );

  return async (request, response) => {
    if (!isAllowedHost(request, host)) {
      request.resume();
      send(response, 421, 'text/plain; charset=utf-8', 'unexpected Host header');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://page');
    const parts = segments(url.pathname);
    if (!parts) {
      notFound(response, 'That address is not valid.');
      return;
    }
    const method = request.method ?? 'GET';
    const route = `${method} /${parts.length > 0 ? parts[0] : ''}`;

    if (method !== 'GET' && method !== 'HEAD' && !isSameOrigin(request)) {
      request.resume();
      send(response, 403, 'text/plain; charset=utf-8', 'cross-origin request refused');
      return;
    }

    switch (route) {
      case 'GET /': {
        const filter = filterOf(url.searchParams);
        const all = view.sessions();
        page(
          response,
          'Sessions',
          'all',
          renderSessionsPage({
            sessions: view.sessions(filter),
            total: all.length,
            facets: view.facets(),
            filter,
            otlpUrl,
          }),
          'sessions',
        );
        return;
      }
      case 'GET /users':
        page(response, 'Users', 'all', renderUsersPage({ users: view.users() }), 'users');
        return;
      case 'GET /traces': {
        if (parts.length === 1) {
          const scores = new Map<string, Score[]>();
          for (const score of store.scores()) {
            if (score.targetType !== 'trace') continue;
            scores.set(score.targetId, [...(scores.get(score.targetId) ?? []), score]);
          }
          page(
            response,
            'Traces',
            'all',
            renderTracesPage({ traces: view.traces(), scores }),
            'traces',
          );
          return;
        }
        const detail = parts.length === 2 ? view.trace(parts[1]!) : undefined;
        if (!detail) {
          notFound(response, `No trace ${parts[1]} in the store.`);
          return;
        }
        page(
          response,
          detail.trace.name,
          `trace:${detail.trace.id}`,
          renderTracePage({ detail, prices }),
          'traces',
        );
        return;
      }
      case 'GET /sessions': {
        const detail = parts.length >= 2 ? view.session(parts[1]!) : undefined;
        if (!detail || parts.length > 3 || (parts.length === 3 && parts[2] !== 'export')) {
          notFound(response, `No session ${parts[1] ?? ''} in the store.`);
          return;
        }
        if (parts[2] === 'export') {
          send(response, 200, 'text/html; charset=utf-8', exportSessionHtml({ detail, prices }), {
            'content-disposition': `attachment; filename="${exportFileName(detail.summary.id)}"`,
          });
          return;
        }
        page(
          response,
          `Session ${detail.summary.id}`,
          `session:${detail.summary.id}`,
          renderSessionPage({ detail, prices }),
          'sessions',
        );
        return;
      }
      case 'GET /styles.css':
        send(response, 200, 'text/css; charset=utf-8', STYLES);
        return;
      case 'GET /app.js':
        send(response, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
        return;
      case 'GET /events':
        live.handle(request, response);
        return;
      case 'GET /api':
        if (parts[1] === 'sessions' && parts.length === 2) {
          sendJson(response, 200, view.sessions(filterOf(url.searchParams)));
        } else if (parts[1] === 'sessions' && parts.length === 3) {
          const detail = view.session(parts[2]!);
          if (detail)
            sendJson(response, 200, {
              ...detail,
              traceScores: Object.fromEntries(detail.traceScores),
            });
          else sendJson(response, 404, { error: 'no such session' });
        } else if (parts[1] === 'users' && parts.length === 2) {
          sendJson(response, 200, view.users());
        } else if (parts[1] === 'traces' && parts.length === 2) {
          sendJson(response, 200, view.traces());
        } else if (parts[1] === 'traces' && parts.length === 3) {
          const detail = view.trace(parts[2]!);
          if (detail) sendJson(response, 200, detail);
          else sendJson(response, 404, { error: 'no such trace' });
        } else sendJson(response, 404, { error: 'not found' });
        return;
      case 'POST /api':
        if (parts[1] === 'scores' && parts.length === 2) {
          try {
            const score = store.addScore((await readJson(request)) as never);
            sendJson(response, 201, score);
            scoreTargetsChanged(score);
          } catch (error) {
            if (!(error instanceof InvalidScoreError)) throw error;
            send(response, 400, 'text/plain; charset=utf-8', error.message);
          }
          return;
        }
        break;
      case 'DELETE /api':
        if (parts[1] === 'scores' && parts.length === 3) {
          const id = Number(parts[2]);
          const score = store.scores().find((s) => s.id === id);
          if (!Number.isSafeInteger(id) || !score || !store.deleteScore(id)) {
            sendJson(response, 404, { error: 'no such score' });
            return;
          }
          sendJson(response, 200, { deleted: id });
          scoreTargetsChanged(score);
          return;
        }
        if (parts[1] === 'sessions' && parts[3] === 'bookmark' && parts.length === 4) {
          store.setBookmark(parts[2]!, false);
          sendJson(response, 200, { sessionId: parts[2], bookmarked: false });
          onChange({ traceIds: [], sessionIds: [parts[2]!] });
          return;
        }
        break;
      case 'PUT /api':
        if (parts[1] === 'sessions' && parts[3] === 'bookmark' && parts.length === 4) {
          store.setBookmark(parts[2]!, true);
          sendJson(response, 200, { sessionId: parts[2], bookmarked: true });
          onChange({ traceIds: [], sessionIds: [parts[2]!] });
          return;
        }
        break;
    }
    request.resume();
    if (method === 'GET') notFound(response, 'There is no page at this address.');
    else
      send(
        response,
        405,
        'text/plain; charset=utf-8',
        `${method} ${url.pathname} is not supported`,
      );
  };
}
