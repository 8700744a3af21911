import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorBody } from './error-body';
import type {
  MockCompletionReply,
  MockOpenAI,
  MockOpenAIOptions,
  MockReply,
  MockRequest,
} from './mock-types';
import { Pauses } from './pauses';
import { findRoute } from './routes';
import { writeJson, writeSse } from './write-reply';

// Above Node's default of 511: tests open hundreds of streaming connections at once.
const LISTEN_BACKLOG = 2048;

/**
 * Starts an OpenAI-compatible HTTP server on 127.0.0.1: chat completions, the Responses API,
 * embeddings, legacy completions and models, as JSON or SSE streams, with scripted replies,
 * errors, mid-stream disconnects and latency. Point any OpenAI client at `baseURL`.
 *
 * Each request to a known endpoint takes the next `enqueue`d reply, else asks `respond`, else
 * answers the endpoint's default (`Echo: <last user text>`, usage counted in words).
 */
export async function startMockOpenAI({
  latencyMs = 0,
  chunkDelayMs = 0,
  port = 0,
  respond,
}: MockOpenAIOptions = {}): Promise<MockOpenAI> {
  const requests: MockRequest[] = [];
  const queue: MockReply[] = [];
  const sockets = new Set<Socket>();
  const pauses = new Pauses();

  const nextReply = async (request: MockRequest): Promise<MockReply> => {
    const scripted = queue.shift();
    if (scripted !== undefined) return scripted;
    if (respond === undefined) return {};
    try {
      return (await respond(request)) ?? {};
    } catch (error) {
      // A failing `respond` is a bug in the test: make it loud in the client as a 500.
      const message = error instanceof Error ? error.message : String(error);
      return { error: { status: 500, message: `mock respond() threw: ${message}` } };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    if (raw === undefined) return; // the client went away while sending
    let body: any;
    let invalidJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        invalidJson = true;
      }
    }
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const request: MockRequest = { method, path, headers: req.headers, body };
    requests.push(request);

    const route = findRoute(method, path);
    const reply: MockReply | undefined =
      route === undefined || invalidJson ? undefined : await nextReply(request);
    await pauses.pause(latencyMs);
    if (res.destroyed) return;

    if (route === undefined) {
      const message = `Invalid URL (${method} ${path})`;
      return writeJson(res, { status: 404, body: errorBody({ error: { status: 404, message } }) });
    }
    if (invalidJson || reply === undefined) {
      const message = 'We could not parse the JSON body of your request.';
      return writeJson(res, { status: 400, body: errorBody({ error: { status: 400, message } }) });
    }
    if ('error' in reply) {
      return writeJson(res, { status: reply.error.status, body: errorBody(reply) });
    }
    const disconnectAfter =
      'disconnectAfterChunks' in reply ? reply.disconnectAfterChunks : undefined;
    const completion: MockCompletionReply =
      'disconnectAfterChunks' in reply ? { content: reply.content } : reply;
    const plan = route({ body, reply: completion });
    if (plan.kind === 'json') {
      if (disconnectAfter !== undefined) req.socket.destroy();
      else writeJson(res, plan);
      return;
    }
    await writeSse(res, {
      events: plan.events,
      pause: () => pauses.pause(chunkDelayMs),
      disconnectAfter,
    });
  };

  const server = createServer({ noDelay: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Only a bug in the mock lands here: answer 500 if nothing was sent yet.
      const message = `mock server error: ${error instanceof Error ? error.message : error}`;
      if (!res.headersSent) {
        writeJson(res, { status: 500, body: errorBody({ error: { status: 500, message } }) });
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    baseURL: `${url}/v1`,
    url,
    requests,
    enqueue(...replies) {
      queue.push(...replies);
    },
    reset() {
      // In place: a test may hold on to `requests`.
      requests.length = 0;
      queue.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        pauses.cancelAll();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and streaming sockets would hold `close` open until they time out.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks);
}
