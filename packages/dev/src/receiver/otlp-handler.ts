import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  acceptOtlpRequest,
  BadBodyError,
  BodyTooLargeError,
  decodeOtlpTraces,
  OtlpDecodeError,
  type OtlpEncoding,
  type ReceivedSpan,
  readRequestBody,
  UnsupportedEncodingError,
} from '@threadline/read-model';
import type { DevStore, InsertResult } from '../store/dev-store';

/** Options of {@link createOtlpHandler}. */
export interface OtlpHandlerOptions {
  store: DevStore;
  /** Largest body accepted, compressed and again inflated. */
  maxBodyBytes?: number;
  /** Called after a batch is committed, e.g. to tell open pages. */
  onIngest?: (result: InsertResult) => void;
}

/** Default body bound: well above an exporter's batch of 512 spans with their content. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

// google.rpc.Code values OTLP asks for in an error body.
const RPC_INVALID_ARGUMENT = 3;
const RPC_UNAVAILABLE = 14;

function sendText(response: ServerResponse, status: number, text: string, headers = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(text);
}

/**
 * OTLP/HTTP wants a google.rpc.Status in the request's encoding. For protobuf we send JSON
 * text all the same: a handwritten Status needs the proto types, and exporters only log it.
 */
function sendStatus(
  response: ServerResponse,
  status: number,
  encoding: OtlpEncoding,
  code: number,
  message: string,
): void {
  if (encoding === 'json') {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code, message }));
  } else sendText(response, status, message);
}

function sendSuccess(response: ServerResponse, encoding: OtlpEncoding): void {
  // An empty ExportTraceServiceResponse: `{}` in JSON, zero bytes in protobuf.
  response.writeHead(200, {
    'content-type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
  });
  response.end(encoding === 'json' ? '{}' : undefined);
}

/**
 * The OTLP/HTTP trace receiver: `POST /v1/traces` with `application/json` or
 * `application/x-protobuf` (optionally gzip). A batch is stored whole or not at all: a body
 * that does not decode gets 400 with the reason, one over `maxBodyBytes` 413, and neither
 * touches what was stored before. A store failure answers 503, which exporters retry.
 */
export function createOtlpHandler({
  store,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  onIngest,
}: OtlpHandlerOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const head = acceptOtlpRequest(request, response);
    if (!head) return;
    const { contentType, encoding } = head;
    let spans: ReceivedSpan[];
    try {
      spans = decodeOtlpTraces(await readRequestBody(request, { maxBodyBytes }), contentType);
    } catch (error) {
      if (error instanceof UnsupportedEncodingError) sendText(response, 415, error.message);
      else if (error instanceof BodyTooLargeError) {
        sendStatus(response, 413, encoding, RPC_INVALID_ARGUMENT, error.message);
      } else if (error instanceof BadBodyError || error instanceof OtlpDecodeError) {
        sendStatus(response, 400, encoding, RPC_INVALID_ARGUMENT, error.message);
      } else throw error;
      return;
    }
    if (spans.length === 0) {
      sendSuccess(response, encoding);
      return;
    }
    let result: InsertResult;
    try {
      result = store.insertSpans(spans);
    } catch (error) {
      sendStatus(response, 503, encoding, RPC_UNAVAILABLE, `store error: ${String(error)}`);
      return;
    }
    sendSuccess(response, encoding);
    onIngest?.(result);
  };
}
