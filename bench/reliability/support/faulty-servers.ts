import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How a fake OTLP collector misbehaves. */
export type CollectorFault = 'refuses connections' | 'answers 500' | 'hangs';

/** A loopback endpoint that fails the way it was told to. */
export interface FaultyEndpoint {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Requests that reached it (none when it refuses connections). */
  requests: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

/**
 * Starts a loopback server that behaves like a broken collector (or model server: the same
 * faults). `refuses connections` binds a port and closes it again, so connecting is refused.
 */
export async function startFaultyEndpoint(fault: CollectorFault): Promise<FaultyEndpoint> {
  const sockets = new Set<Socket>();
  const endpoint: FaultyEndpoint = { url: '', requests: 0, close: async () => {} };
  const server = createServer((req, res) => {
    endpoint.requests++;
    req.resume();
    if (fault === 'answers 500') {
      req.on('end', () => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('collector exploded');
      });
    }
    // 'hangs': read the request, never answer.
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  endpoint.url = await listen(server);
  endpoint.close = closer(server, sockets);
  if (fault === 'refuses connections') await endpoint.close();
  return endpoint;
}

/** What a broken model server answers instead of an OpenAI response. */
export type GarbageKind = 'garbage JSON body' | 'garbage SSE stream';

/**
 * A loopback server that answers every request 200 with a body that is not what the OpenAI API
 * sends: bytes that are not JSON, or an SSE stream whose events are not JSON.
 */
export async function startGarbageModelServer(kind: GarbageKind): Promise<FaultyEndpoint> {
  const sockets = new Set<Socket>();
  const endpoint: FaultyEndpoint = { url: '', requests: 0, close: async () => {} };
  const server = createServer((req, res) => {
    endpoint.requests++;
    req.resume();
    req.on('end', () => {
      if (kind === 'garbage JSON body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-1", "choices": [ \u0000\u00ff not json');
      } else {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(
          'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n',
        );
        res.end('data: {this is not json\n\n');
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  endpoint.url = await listen(server);
  endpoint.close = closer(server, sockets);
  return endpoint;
}
