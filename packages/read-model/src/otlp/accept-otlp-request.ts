import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OtlpEncoding, otlpEncodingOf } from './otlp-encoding';

/** Where OTLP/HTTP exporters send spans. */
export const OTLP_TRACES_PATH = '/v1/traces';

/** Answers `status` with a plain-text `message`. */
export function sendText(
  response: ServerResponse,
  status: number,
  message: string,
  headers = {},
): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(message);
}

/** What {@link acceptOtlpRequest} found out about an OTLP trace export before its body. */
export interface OtlpRequestHead {
  /** The request's `Content-Type`, as sent (what `decodeOtlpTraces` takes). */
  contentType: string;
  /** The encoding it names, for the answer. */
  encoding: OtlpEncoding;
}

/**
 * Checks that a request is an OTLP/HTTP trace export (`POST /v1/traces` with
 * `application/json` or `application/x-protobuf`) before its body is read. Anything else is
 * drained and answered here in plain text: 404 for another path, 405 for another method, 415
 * for another media type; then it returns `undefined` and the caller has nothing left to do.
 *
 * @example
 * const head = acceptOtlpRequest(request, response);
 * if (!head) return;
 * const body = await readRequestBody(request, { maxBodyBytes });
 * const spans = decodeOtlpTraces(body, head.contentType);
 */
export function acceptOtlpRequest(
  request: IncomingMessage,
  response: ServerResponse,
): OtlpRequestHead | undefined {
  const path = new URL(request.url ?? '/', 'http://receiver').pathname;
  if (path !== OTLP_TRACES_PATH) {
    request.resume();
    sendText(response, 404, `not found: ${path} (spans go to POST ${OTLP_TRACES_PATH})`);
    return undefined;
  }
  if (request.method !== 'POST') {
    request.resume();
    sendText(response, 405, `method ${request.method} not allowed`, { allow: 'POST' });
    return undefined;
  }
  const contentType = request.headers['content-type'] ?? '';
  const encoding = otlpEncodingOf(contentType);
  if (!encoding) {
    request.resume();
    sendText(
      response,
      415,
      `unsupported content type "${contentType}" (expected application/json or application/x-protobuf)`,
    );
    return undefined;
  }
  return { contentType, encoding };
}
