import type { IncomingMessage, ServerResponse } from 'node:http';

/** What changed, sent to open pages. */
export interface LiveUpdate {
  traceIds: string[];
  sessionIds: string[];
}

/** Server-Sent Events to every open page. */
export interface LiveEvents {
  /** Answers `GET /events`: keeps the response open and streams updates. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  publish(update: LiveUpdate): void;
  /** How many pages listen. */
  listeners(): number;
  /** Ends every stream. */
  close(): void;
}

// Proxies and browsers drop a silent stream after a while; a comment line keeps it open.
const HEARTBEAT_MS = 20_000;

/** The Server-Sent Events hub of the page. */
export function createLiveEvents(): LiveEvents {
  const clients = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handle(_request, response) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // Reconnect quickly after `threadline dev` restarts.
      response.write('retry: 1000\n\n');
      clients.add(response);
      // The response, not the request: a request's 'close' comes once its (empty) body is read,
      // which the router does before any handler runs.
      response.on('close', () => clients.delete(response));
    },
    publish(update) {
      const message = `event: update\ndata: ${JSON.stringify(update)}\n\n`;
      for (const client of clients) client.write(message);
    },
    listeners: () => clients.size,
    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
