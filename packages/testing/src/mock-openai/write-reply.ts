import type { ServerResponse } from 'node:http';
import { mockId } from './mock-ids';
import type { SseEvent } from './reply-plan';

/** Sends a JSON body with its status. */
export function writeJson(
  res: ServerResponse,
  { status, body }: { status: number; body: unknown },
) {
  if (res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': mockId('req_'),
  });
  res.end(payload);
}

// Resolves once the chunk reached the socket (or the socket is gone): a client that reads slowly
// slows its own stream down instead of filling the server's memory.
function writeChunk(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      res.off('close', finish);
      resolve();
    };
    res.once('close', finish);
    res.write(chunk, finish);
  });
}

function formatEvent({ event, data }: SseEvent): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

/**
 * Streams SSE events, waiting `pause()` between two of them. With `disconnectAfter`, only that
 * many events go out before the socket is destroyed mid-response (the client sees a network
 * error, not an HTTP status).
 */
export async function writeSse(
  res: ServerResponse,
  {
    events,
    pause,
    disconnectAfter,
  }: { events: SseEvent[]; pause: () => Promise<void>; disconnectAfter?: number },
): Promise<void> {
  if (res.destroyed) return;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': mockId('req_'),
  });
  res.flushHeaders();
  const count =
    disconnectAfter === undefined ? events.length : Math.min(disconnectAfter, events.length);
  for (let index = 0; index < count; index++) {
    if (index > 0) await pause();
    if (res.destroyed) return;
    await writeChunk(res, formatEvent(events[index]!));
  }
  if (disconnectAfter !== undefined) res.socket?.destroy();
  else if (!res.destroyed) res.end();
}
