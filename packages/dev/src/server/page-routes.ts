import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_SCRIPT } from '../page/client-script';
import { exportFileName, exportSessionHtml } from '../page/export-session';
import type { SafeHtml } from '../page/html';
import { type NavTab, renderPage } from '../page/layout';
import { renderSessionPage } from '../page/session-page';
import { STYLES } from '../page/styles';
import { renderTracePage } from '../page/trace-page';
import type { Pricing } from '../prices/pricing';
import type { DevStore } from '../store/dev-store';
import { type Score, validateScore } from '../store/score';
import type { DevView } from '../view/dev-view';
import { contentRoutes } from './content-routes';
import { deleteRoutes } from './delete-routes';
import { redirect, send, sendHtml, sendJson, sendNotFoundPage, sendText } from './http-response';
import { listRoutes } from './list-routes';
import type { LiveEvents } from './live-events';
import { BadRequestError, jsonBody } from './read-json-body';
import { type RequestGuard, TOKEN_PARAM, tokenCookieName } from './request-guard';
import { matchRoute, pathSegments, type Route, route } from './route-table';

/** Options of {@link createPageHandler}. */
export interface PageHandlerOptions {
  store: DevStore;
  view: DevView;
  prices: Pricing;
  live: LiveEvents;
  /** The checks every request passes first: `Host`, the token, `Origin` of writes. */
  guard: RequestGuard;
  /** The OTLP base URL, shown while the store is empty. */
  otlpUrl: string;
  /** Tells open pages that something they show changed (a score, a bookmark). */
  onChange: (update: { traceIds: string[]; sessionIds: string[] }) => void;
}

// Declared apart from the table: inline, its type would be inferred from the route's instead.
const scoreBody = jsonBody(validateScore);

/**
 * The page's routes as one table: HTML pages, the stylesheet and script, the live event stream,
 * and the JSON API (`/api/…`) with the endpoints for scores and bookmarks.
 */
export function pageRoutes({
  store,
  view,
  prices,
  live,
  guard,
  otlpUrl,
  onChange,
}: PageHandlerOptions): Route[] {
  const page = (
    response: ServerResponse,
    title: string,
    liveScope: string,
    content: SafeHtml,
    tab?: NavTab,
  ) => sendHtml(response, renderPage({ title, live: liveScope, content, ...(tab ? { tab } : {}) }));

  const scoreTargetsChanged = (score: Pick<Score, 'targetType' | 'targetId'>) =>
    onChange(
      score.targetType === 'trace'
        ? { traceIds: [score.targetId], sessionIds: view.sessionIdsOf([score.targetId]) }
        : { traceIds: [], sessionIds: [score.targetId] },
    );

  const setBookmark = (response: ServerResponse, sessionId: string, bookmarked: boolean) => {
    // A bookmark of a session that is gone can still be removed; nothing else is kept for one.
    const known = view.traceIdsOfSession(sessionId).length > 0;
    if (!known && !(bookmarked === false && store.bookmarks().has(sessionId))) {
      return sendJson(response, 404, { error: 'no such session' });
    }
    store.setBookmark(sessionId, bookmarked);
    sendJson(response, 200, { sessionId, bookmarked });
    onChange({ traceIds: [], sessionIds: [sessionId] });
  };

  return [
    // Pages.
    ...listRoutes({
      store,
      view,
      otlpUrl,
      ...(guard.token !== undefined ? { token: guard.token } : {}),
      page,
    }),
    ...contentRoutes({ view, prices }),
    route({
      method: 'GET',
      path: '/traces/:id',
      handle({ response, params }) {
        const detail = view.trace(params.id);
        if (!detail) return sendNotFoundPage(response, `No trace ${params.id} in the store.`);
        page(
          response,
          detail.trace.name,
          `trace:${detail.trace.id}`,
          renderTracePage({ detail, prices }),
          'traces',
        );
      },
    }),
    route({
      method: 'GET',
      path: '/sessions/:id',
      handle({ response, params }) {
        const detail = view.session(params.id);
        if (!detail) return sendNotFoundPage(response, `No session ${params.id} in the store.`);
        page(
          response,
          `Session ${detail.summary.id}`,
          `session:${detail.summary.id}`,
          renderSessionPage({ detail, prices }),
          'sessions',
        );
      },
    }),
    route({
      method: 'GET',
      path: '/sessions/:id/export',
      handle({ response, params }) {
        const detail = view.session(params.id);
        if (!detail) return sendNotFoundPage(response, `No session ${params.id} in the store.`);
        sendHtml(response, exportSessionHtml({ detail, prices }), {
          headers: {
            'content-disposition': `attachment; filename="${exportFileName(detail.summary.id)}"`,
          },
        });
      },
    }),
    route({
      method: 'GET',
      path: '/styles.css',
      handle: ({ response }) => send(response, 200, 'text/css; charset=utf-8', STYLES),
    }),
    route({
      method: 'GET',
      path: '/app.js',
      handle: ({ response }) =>
        send(response, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT),
    }),
    route({
      method: 'GET',
      path: '/events',
      handle: ({ request, response }) => live.handle(request, response),
    }),

    // The JSON API.
    route({
      method: 'GET',
      path: '/api/sessions/:id',
      handle({ response, params }) {
        const detail = view.session(params.id);
        if (!detail) return sendJson(response, 404, { error: 'no such session' });
        sendJson(response, 200, { ...detail, traceScores: Object.fromEntries(detail.traceScores) });
      },
    }),
    route({
      method: 'GET',
      path: '/api/traces/:id',
      handle({ response, params }) {
        const detail = view.trace(params.id);
        if (!detail) return sendJson(response, 404, { error: 'no such trace' });
        sendJson(response, 200, detail);
      },
    }),
    route({
      method: 'POST',
      path: '/api/scores',
      body: scoreBody,
      handle({ response, body }) {
        const known =
          body.targetType === 'trace'
            ? view.hasTrace(body.targetId)
            : view.traceIdsOfSession(body.targetId).length > 0;
        if (!known) return sendJson(response, 404, { error: `no such ${body.targetType}` });
        const score = store.addScore(body);
        sendJson(response, 201, score);
        scoreTargetsChanged(score);
      },
    }),
    route({
      method: 'DELETE',
      path: '/api/scores/:id',
      handle({ response, params }) {
        const id = Number(params.id);
        const score = Number.isSafeInteger(id)
          ? store.scores().find((s) => s.id === id)
          : undefined;
        if (!score || !store.deleteScore(id)) {
          return sendJson(response, 404, { error: 'no such score' });
        }
        sendJson(response, 200, { deleted: id });
        scoreTargetsChanged(score);
      },
    }),
    route({
      method: 'PUT',
      path: '/api/sessions/:id/bookmark',
      handle: ({ response, params }) => setBookmark(response, params.id, true),
    }),
    route({
      method: 'DELETE',
      path: '/api/sessions/:id/bookmark',
      handle: ({ response, params }) => setBookmark(response, params.id, false),
    }),
    ...deleteRoutes({ store, view, onChange }),
  ];
}

/**
 * Answers a request that may not reach the routes, and says so: a `Host` that is not this
 * machine (421), no token when one is required (401), a write from another origin (403). The
 * address printed at start carries the token once (`?token=…`): it is moved into an HttpOnly,
 * SameSite=Strict cookie and the page reloads without it.
 */
function checkAccess(
  guard: RequestGuard,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const method = request.method ?? 'GET';
  if (!guard.allowsHost(request)) {
    request.resume();
    sendText(response, 421, 'unexpected Host header: this server answers to its own names only');
    return true;
  }
  if (guard.token !== undefined) {
    const cookie = tokenCookieName(request.socket.localPort);
    const url = new URL(request.url ?? '/', 'http://page');
    const offered = url.searchParams.get(TOKEN_PARAM);
    if (offered !== null && (method === 'GET' || method === 'HEAD') && guard.isToken(offered)) {
      request.resume();
      url.searchParams.delete(TOKEN_PARAM);
      redirect(response, `${url.pathname}${url.search}`, {
        'set-cookie': `${cookie}=${offered}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return true;
    }
    if (!guard.hasToken(request, { cookie })) {
      request.resume();
      sendText(
        response,
        401,
        'threadline dev needs its token: open the page address it printed at start (…/?token=…), or send the header x-threadline-token.',
      );
      return true;
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && !guard.allowsOrigin(request)) {
    request.resume();
    sendText(response, 403, 'cross-origin request refused');
    return true;
  }
  return false;
}

/**
 * The page server's request handler: checks the request ({@link checkAccess}), then
 * dispatches it through {@link pageRoutes}. An address that matches no route is a 404 (JSON
 * under `/api`), a known address with another method a 405.
 */
export function createPageHandler(
  options: PageHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const routes = pageRoutes(options);
  return async (request, response) => {
    if (checkAccess(options.guard, request, response)) return;
    const url = new URL(request.url ?? '/', 'http://page');
    const method = request.method ?? 'GET';
    const segments = pathSegments(url.pathname);
    const match = segments ? matchRoute(routes, method, segments) : undefined;
    if (match?.kind !== 'found') {
      request.resume();
      if (match?.kind === 'method') {
        return sendText(response, 405, `${method} ${url.pathname} is not supported`, {
          allow: match.allow.join(', '),
        });
      }
      if (segments?.[0] === 'api') return sendJson(response, 404, { error: 'not found' });
      return sendNotFoundPage(
        response,
        segments ? 'There is no page at this address.' : 'That address is not valid.',
      );
    }
    let body: unknown;
    if (match.route.body) {
      try {
        body = await match.route.body(request);
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        return sendText(response, 400, error.message);
      }
    } else request.resume();
    await match.route.handle({ request, response, url, params: match.params, body });
  };
}
