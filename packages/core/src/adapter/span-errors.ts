import { diag, type Span, SpanStatusCode } from '@opentelemetry/api';
import { LANGFUSE_OBSERVATION_ATTRIBUTES } from '../keys/genai-keys';

/**
 * Marks a span as failed (status ERROR, an exception event, the Langfuse level) without ever
 * throwing: the caller's own error must reach it unchanged.
 */
export function recordSpanError(span: Span, error: unknown): void {
  try {
    const message = error instanceof Error ? error.message : String(error);
    span.recordException(error instanceof Error ? error : { message });
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.LEVEL, 'ERROR');
    span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.STATUS_MESSAGE, message.slice(0, 1000));
  } catch (failure) {
    diag.warn('threadline: could not record an error on a span', failure);
  }
}

/**
 * Runs a telemetry hook so that it can never throw into the application; failures go to diag.
 */
export function safely<T>(what: string, hook: () => T): T | undefined {
  try {
    return hook();
  } catch (error) {
    try {
      diag.warn(`threadline: ${what} failed`, error);
    } catch {}
    return undefined;
  }
}
