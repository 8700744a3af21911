import type { ReceivedAttributeValue, ReceivedSpan } from '@threadline/testing';

type JsonValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: JsonValue[] } };

function anyValue(value: ReceivedAttributeValue | unknown): JsonValue {
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  }
  return { stringValue: String(value) };
}

function keyValues(attributes: Record<string, unknown>) {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

/**
 * An OTLP/JSON `ExportTraceServiceRequest` holding these spans, one resource and scope per
 * span (the receiver regroups nothing by resource, so this is as good as the SDK's grouping).
 */
export function otlpJsonBody(spans: readonly ReceivedSpan[]): string {
  return JSON.stringify({
    resourceSpans: spans.map((span) => ({
      resource: { attributes: keyValues(span.resource) },
      scopeSpans: [
        {
          scope: span.scope,
          spans: [
            {
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: span.kind,
              startTimeUnixNano: span.startTimeUnixNano,
              endTimeUnixNano: span.endTimeUnixNano,
              attributes: keyValues(span.attributes),
              status: span.status,
            },
          ],
        },
      ],
    })),
  });
}

/**
 * Sends spans to a running receiver as OTLP/JSON in batches of `batch` (the exporter's
 * default batch size), one request at a time; throws unless each answers 200.
 */
export async function postSpans(
  tracesUrl: string,
  spans: readonly ReceivedSpan[],
  batch = 512,
): Promise<void> {
  for (let n = 0; n < spans.length; n += batch) {
    const response = await fetch(tracesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: otlpJsonBody(spans.slice(n, n + batch)),
    });
    if (response.status !== 200) {
      throw new Error(`receiver answered ${response.status}: ${await response.text()}`);
    }
  }
}
