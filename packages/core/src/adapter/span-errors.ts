import { diag, type Span, SpanStatusCode } from '@opentelemetry/api';
import { LANGFUSE_OBSERVATION_ATTRIBUTES } from '../keys/genai-keys';

/**
 * Marks a span as failed (status ERROR, an exception event, the Langfuse level) without ever
 * throwing: the caller's own error must reach it unchanged.
 */
export function recordSpanError(span: Span, error: unknown): void {
  const message = messageOf(error);
  const steps: Array<() => void> = [
    () => span.setStatus({ code: SpanStatusCode.ERROR, message }),
    () => span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.LEVEL, 'ERROR'),
    () => span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.STATUS_MESSAGE, message.slice(0, 1000)),
    () => span.recordException(error instanceof Error ? error : { message }),
  ];
  // Each step on its own: an odd error object must not cost the span its ERROR status.
  for (const step of steps) {
    try {
      step();
    } catch (failure) {
      diag.warn('threadline: could not record an error on a span', failure);
    }
  }
}

/** A message for anything thrown, even values whose `String()` throws. */
function messageOf(error: unknown): string {
  try {
    if (error instanceof Error) return String(error.message);
    return String(error);
  } catch {
    return 'a value that cannot be shown was thrown';
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
