import type { MockErrorReply } from './mock-types';

/** The body of an API error: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: null; code: string | null };
}

// What the real API answers by default for the statuses tests script most often.
function defaultsFor(status: number): { type: string; code: string | null; message: string } {
  if (status === 401) {
    return { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key' };
  }
  if (status === 429) {
    return { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached' };
  }
  if (status >= 500) {
    return { type: 'server_error', code: null, message: 'The server had an error' };
  }
  return { type: 'invalid_request_error', code: null, message: `Request failed (${status})` };
}

/** The status and body for a scripted error reply, with the real API's defaults filled in. */
export function errorBody({ error }: MockErrorReply): OpenAIErrorBody {
  const defaults = defaultsFor(error.status);
  return {
    error: {
      message: error.message ?? defaults.message,
      type: error.type ?? defaults.type,
      param: null,
      code: error.code ?? defaults.code,
    },
  };
}
