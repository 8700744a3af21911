/** A span attribute value as it arrives: a primitive or a flat array of primitives. */
export type ReceivedAttributeValue = string | number | boolean | Array<string | number | boolean>;

/**
 * One span as an OTLP backend sees it, decoded from OTLP/JSON, OTLP/protobuf or taken from the
 * in-memory SDK. Plain data, so tests can compare it with `toEqual` and print it.
 */
export interface ReceivedSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  /** 16 lowercase hex digits; absent on a root span. */
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Nanoseconds since the epoch, as a decimal string (int64 does not fit a JS number). */
  startTimeUnixNano: string;
  /** Nanoseconds since the epoch, as a decimal string. */
  endTimeUnixNano: string;
  attributes: Record<string, ReceivedAttributeValue>;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  events: Array<{ name: string; timeUnixNano: string; attributes: Record<string, unknown> }>;
  /** Attributes of the resource that produced the span. */
  resource: Record<string, unknown>;
  /** The instrumentation scope (tracer) that made the span. */
  scope: { name: string; version?: string };
}

/** OTLP SpanKind numbers. */
export const OTLP_SPAN_KIND = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;

/** OTLP StatusCode numbers. */
export const OTLP_STATUS_CODE = {
  UNSET: 0,
  OK: 1,
  ERROR: 2,
} as const;
