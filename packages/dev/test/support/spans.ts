import type { ReceivedSpan } from '@threadline/testing';

/** Options of {@link makeSpan}. */
export interface MakeSpanOptions {
  trace: number;
  span: number;
  parent?: number;
  name?: string;
  attributes?: ReceivedSpan['attributes'];
  /** Start, ms after 2025-01-01. */
  startMs?: number;
  durationMs?: number;
  error?: string;
}

const BASE_NANOS = 1_735_689_600_000n * 1_000_000n;

/** A plain span as the receiver decodes it, with ids made from small numbers. */
export function makeSpan({
  trace,
  span,
  parent,
  name = `span ${span}`,
  attributes = {},
  startMs = 0,
  durationMs = 10,
  error,
}: MakeSpanOptions): ReceivedSpan {
  const start = BASE_NANOS + BigInt(Math.round(startMs * 1e6));
  return {
    traceId: trace.toString(16).padStart(32, '0'),
    spanId: span.toString(16).padStart(16, '0'),
    ...(parent !== undefined ? { parentSpanId: parent.toString(16).padStart(16, '0') } : {}),
    name,
    kind: 1,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: (start + BigInt(Math.round(durationMs * 1e6))).toString(),
    attributes,
    status: error ? { code: 2, message: error } : { code: 0 },
    events: [],
    resource: { 'service.name': 'unit' },
    scope: { name: 'unit' },
  };
}
