import { diag } from '@opentelemetry/api';

let warned = false;

/** Whether an integration's `onStart` event comes from ai 7: its events carry a `callId`. */
export function isAi7Event(event: unknown): boolean {
  return typeof (event as { callId?: unknown } | null | undefined)?.callId === 'string';
}

/**
 * Says once that the ai 5/6 `telemetry()` reached ai 7: there its settings replace the
 * registered integrations with one that makes no spans.
 */
export function warnAi7Once(): void {
  if (warned) return;
  warned = true;
  diag.warn(
    "threadline: telemetry() from '@threadline/ai-sdk' is for ai 5 and 6; ai 7 makes no spans with it. Use telemetry() and registerThreadlineTelemetry() from '@threadline/ai-sdk/otel'.",
  );
}
