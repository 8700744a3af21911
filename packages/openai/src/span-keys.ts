/**
 * Keys this adapter writes beside the GenAI and Langfuse keys of `@threadline/core`.
 */
export const OPENAI_SPAN_ATTRIBUTES = {
  /**
   * `true` when the caller did not read the call's result to its end: it left a stream early
   * (`break`, `return`, a cancelled `ReadableStream`), aborted it, or dropped it unread.
   * Absent otherwise. Status stays UNSET: stopping early is the caller's choice, not a failure.
   */
  CANCELLED: 'threadline.cancelled',
  /** Why the call was cancelled: see {@link CancelReason}. */
  CANCEL_REASON: 'threadline.cancel_reason',
  /** OpenTelemetry `error.type`: the HTTP status, or the error's class name. */
  ERROR_TYPE: 'error.type',
  /** Host of the client's `baseURL`. */
  SERVER_ADDRESS: 'server.address',
  /** Port of the client's `baseURL`. */
  SERVER_PORT: 'server.port',
  /** `dimensions` of an embeddings request. */
  EMBEDDINGS_DIMENSION_COUNT: 'gen_ai.embeddings.dimension.count',
  /** Service tier that answered (OpenAI-specific GenAI key). */
  RESPONSE_SERVICE_TIER: 'openai.response.service_tier',
  /** System fingerprint of the answer (OpenAI-specific GenAI key). */
  RESPONSE_SYSTEM_FINGERPRINT: 'openai.response.system_fingerprint',
} as const;

/**
 * - `break`: the consumer stopped iterating (`break`, `return` or a throw in `for await`, or
 *   `cancel()` on the stream from `toReadableStream()`).
 * - `abort`: `stream.controller.abort()`, or the request's own `signal` fired.
 * - `abandoned`: the stream or the request's promise was garbage-collected before anyone read
 *   it to the end; the span ends when it was last seen alive (response head or first item).
 */
export type CancelReason = 'break' | 'abort' | 'abandoned';
