import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { PriceTable } from '../prices/price-table';
import { createPricing } from '../prices/pricing';
import { createOtlpHandler, DEFAULT_MAX_BODY_BYTES } from '../receiver/otlp-handler';
import { defaultDbPath } from '../store/default-db-path';
import { openDevStore } from '../store/dev-store';
import { createDevView } from '../view/dev-view';
import { closeServer, formatUrl, listen } from './listen';
import { createLiveEvents, type LiveUpdate } from './live-events';
import { withOtlpAccess } from './otlp-access';
import { createPageHandler } from './page-routes';
import { createRequestGuard, generateToken, isLoopbackName } from './request-guard';
import { warmView } from './warm-view';

/** Options of {@link startDevServer}. */
export interface DevServerOptions {
  /** OTLP/HTTP receiver port. Default 4318, the OTLP/HTTP standard; 0 picks a free one. */
  port?: number;
  /** Page port. Default 4319, next to the receiver; 0 picks a free one. */
  uiPort?: number;
  /** Interface for both. Default `127.0.0.1`: nothing outside this machine can reach them. */
  host?: string;
  /**
   * More `Host` names both servers answer to, besides loopback names and the `host` address
   * (with a wildcard `host`: this machine's addresses and name). Anything else is refused, so a
   * web page whose DNS name was pointed at this machine (DNS rebinding) reaches nothing.
   */
  allowedHosts?: readonly string[];
  /**
   * The token every page, API and OTLP request must carry. Default: none on a loopback `host`,
   * else a random one made at start (see {@link DevServer.token}).
   */
  token?: string;
  /** Empty the store first: spans, scores and bookmarks. */
  reset?: boolean;
  /** The SQLite store. Default: the user's data folder (see `defaultDbPath`). */
  db?: string;
  /**
   * Model prices that win over the bundled price data of `@pydantic/genai-prices` (see
   * `loadPrices`). Default none: costs come from that data alone.
   */
  prices?: PriceTable;
  /** Most spans kept (whole traces pruned, oldest first). Default 100 000; 0 keeps all. */
  maxSpans?: number;
  /** Traces idle longer than this are pruned. Default 0: no age bound. */
  maxAgeMs?: number;
  /** Largest OTLP body accepted (413 above). Default 16 MiB. */
  maxBodyBytes?: number;
}

/** A running `threadline dev`. */
export interface DevServer {
  /** What `OTEL_EXPORTER_OTLP_ENDPOINT` takes, e.g. `http://127.0.0.1:4318`. */
  otlpUrl: string;
  /** What an exporter's `url` option takes: `${otlpUrl}/v1/traces`. */
  tracesUrl: string;
  /** The page. */
  uiUrl: string;
  /** The store file. */
  dbPath: string;
  /**
   * The token both servers require, when they do (a `host` that is not loopback). The page
   * takes it once as `?token=` and keeps it in a cookie; OTLP exporters send it as the header
   * `x-threadline-token` (or `authorization: Bearer …`).
   */
  token?: string;
  /** Spans in the store now. */
  spanCount(): number;
  /** Stops both servers, ends open pages' streams and closes the store. */
  close(): Promise<void>;
}

// Many small export batches arrive together; pages refresh once for all of them.
const UPDATE_COALESCE_MS = 150;

function guarded(
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handler(request, response).catch((error: unknown) => {
      // A bug must show up as a 500 with its reason, not a hung exporter or page.
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`threadline dev error: ${String(error)}`);
      } else response.destroy();
    });
  };
}

/**
 * Starts `threadline dev`: an OTLP/HTTP receiver (`POST /v1/traces`, JSON and protobuf) that
 * keeps spans in a SQLite store, and a page that shows them as Langfuse would group them:
 * sessions, session replay, users, traces with a timeline. Both listen on loopback by default.
 *
 * @example
 * const dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
 * const exporter = new OTLPTraceExporter({ url: dev.tracesUrl });
 * // … later
 * await dev.close();
 */
export async function startDevServer({
  port = 4318,
  uiPort = 4319,
  host = '127.0.0.1',
  allowedHosts = [],
  token = isLoopbackName(host) ? undefined : generateToken(),
  reset = false,
  db = defaultDbPath(),
  prices = {},
  maxSpans = 100_000,
  maxAgeMs = 0,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
}: DevServerOptions = {}): Promise<DevServer> {
  const store = openDevStore({ path: db, maxSpans, maxAgeMs });
  if (reset) store.reset();
  const guard = createRequestGuard({
    host,
    allowedHosts,
    ...(token !== undefined ? { token } : {}),
  });
  const pricing = createPricing({ table: prices });
  const view = createDevView({ store, prices: pricing });
  const live = createLiveEvents();

  const pendingTraces = new Set<string>();
  const pendingSessions = new Set<string>();
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    flushTimer = undefined;
    const update: LiveUpdate = {
      traceIds: [...pendingTraces],
      sessionIds: [...new Set([...pendingSessions, ...view.sessionIdsOf(pendingTraces)])],
    };
    pendingTraces.clear();
    pendingSessions.clear();
    live.publish(update);
  };
  const changed = (update: LiveUpdate) => {
    view.markChanged(update.traceIds);
    for (const id of update.traceIds) pendingTraces.add(id);
    for (const id of update.sessionIds) pendingSessions.add(id);
    if (live.listeners() === 0) {
      pendingTraces.clear();
      pendingSessions.clear();
      return;
    }
    flushTimer ??= setTimeout(flush, UPDATE_COALESCE_MS);
    flushTimer.unref();
  };

  // Age-based retention also runs while nothing arrives.
  const pruneTimer =
    maxAgeMs > 0
      ? setInterval(
          () => {
            const pruned = store.prune();
            if (pruned.length > 0) changed({ traceIds: pruned, sessionIds: [] });
          },
          Math.min(maxAgeMs, 60_000),
        )
      : undefined;
  pruneTimer?.unref();

  const receiver = createServer(
    guarded(
      withOtlpAccess(
        guard,
        createOtlpHandler({
          store,
          maxBodyBytes,
          onIngest: ({ traceIds, prunedTraceIds }) =>
            changed({ traceIds: [...traceIds, ...prunedTraceIds], sessionIds: [] }),
        }),
      ),
    ),
  );
  const pageServer = createServer();

  try {
    const otlpPort = await listen(receiver, port, host, '--port');
    const otlpUrl = formatUrl(host, otlpPort);
    pageServer.on(
      'request',
      guarded(
        createPageHandler({
          store,
          view,
          prices: pricing,
          live,
          guard,
          otlpUrl,
          onChange: changed,
        }),
      ),
    );
    const pagePort = await listen(pageServer, uiPort, host, '--ui-port');
    // Ready means fast: the first page view must not have to read the whole store.
    await warmView(view);
    let closing: Promise<void> | undefined;
    return {
      otlpUrl,
      tracesUrl: `${otlpUrl}/v1/traces`,
      uiUrl: formatUrl(host, pagePort),
      dbPath: db,
      ...(token !== undefined ? { token } : {}),
      spanCount: () => store.spanCount(),
      close() {
        closing ??= (async () => {
          if (flushTimer) clearTimeout(flushTimer);
          if (pruneTimer) clearInterval(pruneTimer);
          live.close();
          await Promise.all([closeServer(receiver), closeServer(pageServer)]);
          store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    live.close();
    if (pruneTimer) clearInterval(pruneTimer);
    await Promise.all([closeServer(receiver), closeServer(pageServer)]);
    store.close();
    throw error;
  }
}
