import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanLimits,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

/**
 * packages/core/test/trace-sdk.ts over SDK 3, which the `core-otel-sdk-3` project puts in its
 * place: `TracerProvider` is SDK 2's `BasicTracerProvider`, and processors take `{ exporter }`.
 */
export { InMemorySpanExporter, type ReadableSpan, type SpanProcessor };

/** The SDK package registerThreadline should find installed, and its major. */
export const INSTALLED_SDK = { packageName: '@opentelemetry/sdk-trace', major: 3 };

/** A tracer provider with these processors (and span limits, when given). */
export function createTracerProvider({
  spanProcessors,
  spanLimits,
}: {
  spanProcessors: SpanProcessor[];
  spanLimits?: SpanLimits;
}) {
  return new TracerProvider({ spanProcessors, spanLimits });
}

/** A processor that hands each ended span to `exporter`. */
export function exportEach(exporter: InMemorySpanExporter): SpanProcessor {
  return new SimpleSpanProcessor({ exporter });
}
