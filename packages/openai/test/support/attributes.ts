import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A JSON attribute of `span`, parsed. */
export function jsonAttribute(span: ReadableSpan, key: string): unknown {
  const value = span.attributes[key];
  return typeof value === 'string' ? JSON.parse(value) : undefined;
}

/** Milliseconds since the epoch of an OpenTelemetry HrTime. */
export function hrMillis([seconds, nanos]: [number, number]): number {
  return seconds * 1000 + nanos / 1e6;
}
