import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestGuard } from './request-guard';

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(message);
}

/**
 * The OTLP receiver behind the same checks as the page: a `Host` that is not this machine is
 * refused (421), so a web page rebound to 127.0.0.1 cannot write spans; with a token, a request
 * without it (`x-threadline-token` or `authorization: Bearer`) gets 401.
 */
export function withOtlpAccess(guard: RequestGuard, handler: Handler): Handler {
  return async (request, response) => {
    if (!guard.allowsHost(request)) {
      request.resume();
      return refuse(
        response,
        421,
        'unexpected Host header: this receiver answers to its own names only',
      );
    }
    if (!guard.hasToken(request)) {
      request.resume();
      return refuse(
        response,
        401,
        'this receiver needs the token threadline dev printed at start: send it as x-threadline-token (OTEL_EXPORTER_OTLP_HEADERS=x-threadline-token=…)',
      );
    }
    return handler(request, response);
  };
}
