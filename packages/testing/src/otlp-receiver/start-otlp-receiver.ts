import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  acceptOtlpRequest,
  BadBodyError,
  BodyTooLargeError,
  decodeOtlpTraces,
  OTLP_TRACES_PATH,
  OtlpDecodeError,
  type OtlpEncoding,
  otlpProtoTypes,
  type ReceivedSpan,
  readRequestBody,
  sendText,
  UnsupportedEncodingError,
} from '@threadline/read-model';

/** Options of {@link startOtlpReceiver}. */
export interface OtlpReceiverOptions {
  /** Port to listen on. Default 0: a free port chosen by the OS. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`: never reachable from outside the machine. */
  host?: string;
  /** Largest body accepted, compressed and again inflated. Default 8 MiB. */
  maxBodyBytes?: number;
}

/** A running OTLP/HTTP trace receiver. */
export interface OtlpReceiver {
  /** Base URL, e.g. `http://127.0.0.1:43123` (what `OTEL_EXPORTER_OTLP_ENDPOINT` takes). */
  url: string;
  /** `${url}/v1/traces` (what an exporter's `url` option takes). */
  tracesUrl: string;
  /** Every span received so far, in arrival order. */
  spans(): ReceivedSpan[];
  /**
   * Resolves with all spans once at least `count` have arrived; rejects after `timeoutMs`
   * (default 5000) naming how many did, so a lost export fails the test instead of hanging it.
   */
  waitForSpans(count: number, timeoutMs?: number): Promise<ReceivedSpan[]>;
  /** Forgets the spans received so far. */
  reset(): void;
  /** Stops listening and drops open connections; pending waits reject. */
  close(): Promise<void>;
}

interface Waiter {
  count: number;
  resolve(spans: ReceivedSpan[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
// google.rpc.Code INVALID_ARGUMENT, the code OTLP asks for with a 400.
const RPC_INVALID_ARGUMENT = 3;

/** OTLP/HTTP: an error body is a google.rpc.Status in the encoding of the request. */
function sendStatus(
  response: ServerResponse,
  status: number,
  encoding: OtlpEncoding,
  message: string,
): void {
  if (encoding === 'json') {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code: RPC_INVALID_ARGUMENT, message }));
    return;
  }
  const { RpcStatus } = otlpProtoTypes();
  const body = RpcStatus.encode(RpcStatus.create({ code: RPC_INVALID_ARGUMENT, message })).finish();
  response.writeHead(status, { 'content-type': 'application/x-protobuf' });
  response.end(body);
}

/** Full success: an empty ExportTraceServiceResponse (`{}` in JSON, zero bytes in protobuf). */
function sendSuccess(response: ServerResponse, encoding: OtlpEncoding): void {
  if (encoding === 'json') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  } else {
    response.writeHead(200, { 'content-type': 'application/x-protobuf' });
    response.end();
  }
}

function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Starts an OTLP/HTTP trace receiver on loopback, for tests that send spans through a real
 * exporter (`@opentelemetry/exporter-trace-otlp-http` or `-proto`) and assert on what arrived.
 *
 * `POST /v1/traces` takes `application/json` or `application/x-protobuf`, optionally
 * `content-encoding: gzip`, and answers 200 with an empty ExportTraceServiceResponse. A body
 * that cannot be decoded gets 400 with the reason (a google.rpc.Status in the request's
 * encoding) and none of its spans are kept; more than `maxBodyBytes` gets 413, other media
 * types 415, other methods 405, other paths 404. An empty protobuf body is a valid empty
 * request (zero spans, 200); an empty JSON body is not JSON (400).
 *
 * @example
 * const receiver = await startOtlpReceiver();
 * const exporter = new OTLPTraceExporter({ url: receiver.tracesUrl });
 * // … run code, flush the provider …
 * const spans = await receiver.waitForSpans(2);
 * await receiver.close();
 */
export async function startOtlpReceiver({
  port = 0,
  host = '127.0.0.1',
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
}: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  let received: ReceivedSpan[] = [];
  let waiters: Waiter[] = [];

  const settle = () => {
    const ready = waiters.filter((w) => received.length >= w.count);
    if (ready.length === 0) return;
    waiters = waiters.filter((w) => received.length < w.count);
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve(received.slice());
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const head = acceptOtlpRequest(request, response);
    if (!head) return;
    const { contentType, encoding } = head;
    let body: Buffer;
    try {
      body = await readRequestBody(request, { maxBodyBytes });
    } catch (error) {
      if (error instanceof BodyTooLargeError) sendStatus(response, 413, encoding, error.message);
      else if (error instanceof UnsupportedEncodingError) sendText(response, 415, error.message);
      else if (error instanceof BadBodyError) sendStatus(response, 400, encoding, error.message);
      else throw error;
      return;
    }
    let spans: ReceivedSpan[];
    try {
      spans = decodeOtlpTraces(body, contentType);
    } catch (error) {
      if (!(error instanceof OtlpDecodeError)) throw error;
      sendStatus(response, 400, encoding, error.message);
      return;
    }
    // All or nothing: a rejected request leaves no partial batch behind.
    for (const span of spans) received.push(span);
    sendSuccess(response, encoding);
    settle();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the receiver must show up in the test, not as a hung export.
      if (!response.headersSent) sendText(response, 500, `receiver error: ${String(error)}`);
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = formatUrl(host, address.port);

  return {
    url,
    tracesUrl: `${url}${OTLP_TRACES_PATH}`,
    spans: () => received.slice(),
    waitForSpans(count, timeoutMs = 5000) {
      if (received.length >= count) return Promise.resolve(received.slice());
      return new Promise<ReceivedSpan[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w.timer !== timer);
          reject(
            new Error(
              `OTLP receiver: expected ${count} spans within ${timeoutMs} ms, received ${received.length}`,
            ),
          );
        }, timeoutMs);
        timer.unref();
        waiters.push({ count, resolve, reject, timer });
      });
    },
    reset() {
      received = [];
    },
    close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('OTLP receiver closed while waiting for spans'));
      }
      waiters = [];
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
