import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanLimits,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * The trace SDK core's tests run on: SDK 2 here. The `core-otel-sdk-3` project replaces this
 * module with compat/otel-sdk-3/test/trace-sdk.ts, which has the same exports over SDK 3, so
 * the same tests run against both majors.
 */
export { InMemorySpanExporter, type ReadableSpan, type SpanProcessor };

/** The SDK package registerThreadline should find installed, and its major. */
export const INSTALLED_SDK = { packageName: '@opentelemetry/sdk-trace-node', major: 2 };

/** A tracer provider with these processors (and span limits, when given). */
export function createTracerProvider({
  spanProcessors,
  spanLimits,
}: {
  spanProcessors: SpanProcessor[];
  spanLimits?: SpanLimits;
}) {
  return new BasicTracerProvider({ spanProcessors, spanLimits });
}

/** A processor that hands each ended span to `exporter`. */
export function exportEach(exporter: InMemorySpanExporter): SpanProcessor {
  return new SimpleSpanProcessor(exporter);
}
