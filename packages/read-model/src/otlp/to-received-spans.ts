import { setOwn } from '../set-own';
import { toAttributeRecord } from './attribute-value';
import type { ReceivedSpan } from './received-span';
import type { HrTimeLike, SdkReadableSpan } from './sdk-span';

const NANOS_PER_SECOND = 1_000_000_000n;

function hrTimeToNanos([seconds, nanos]: HrTimeLike): string {
  return (BigInt(Math.trunc(seconds)) * NANOS_PER_SECOND + BigInt(Math.trunc(nanos))).toString();
}

function plainRecord(attributes: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value !== undefined) setOwn(out, key, value);
  }
  return out;
}

function isValidParentId(spanId: string | undefined): spanId is string {
  return typeof spanId === 'string' && spanId !== '' && !/^0+$/.test(spanId);
}

/**
 * In-memory SDK spans in the shape the OTLP receiver gives, so the same assertions (and
 * `resolveLangfuse`) work on both. Mirrors what the OTLP exporters send: API `SpanKind`
 * (0 = internal) becomes the OTLP number (1 = internal), times become decimal nanoseconds.
 */
export function toReceivedSpans(spans: readonly SdkReadableSpan[]): ReceivedSpan[] {
  return spans.map((span) => {
    const context = span.spanContext();
    // SDK 2.x names the parent by its span context; 1.x had `parentSpanId`.
    const parentSpanId =
      span.parentSpanContext?.spanId ?? (span as { parentSpanId?: string }).parentSpanId;
    const scope =
      span.instrumentationScope ??
      (span as { instrumentationLibrary?: SdkReadableSpan['instrumentationScope'] })
        .instrumentationLibrary;
    return {
      traceId: context.traceId.toLowerCase(),
      spanId: context.spanId.toLowerCase(),
      ...(isValidParentId(parentSpanId) ? { parentSpanId: parentSpanId.toLowerCase() } : {}),
      name: span.name,
      kind: span.kind + 1,
      startTimeUnixNano: hrTimeToNanos(span.startTime),
      endTimeUnixNano: hrTimeToNanos(span.endTime),
      attributes: toAttributeRecord(span.attributes),
      status: {
        code: span.status.code,
        ...(span.status.message ? { message: span.status.message } : {}),
      },
      events: span.events.map((event) => ({
        name: event.name,
        timeUnixNano: hrTimeToNanos(event.time),
        attributes: toAttributeRecord(event.attributes ?? {}),
      })),
      resource: plainRecord(span.resource?.attributes),
      scope: {
        name: scope?.name ?? '',
        ...(scope?.version ? { version: scope.version } : {}),
      },
    };
  });
}
