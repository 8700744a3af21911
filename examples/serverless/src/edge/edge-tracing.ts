import type { Tracer } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ThreadlineSpanProcessor } from '@threadline/core';

/** Options of {@link createEdgeTracing}. */
export interface EdgeTracingOptions {
  /** Where spans go: any exporter that works in the runtime. */
  exporter: SpanExporter;
}

/** The provider and tracer an edge handler uses. */
export interface EdgeTracing {
  provider: BasicTracerProvider;
  tracer: Tracer;
}

/**
 * A tracer provider for a runtime without AsyncLocalStorage: `ThreadlineSpanProcessor` first,
 * then the exporting processor. No context manager and no global registration: every span is
 * started with an explicit parent context, and what the processor reads is on that context.
 */
export function createEdgeTracing({ exporter }: EdgeTracingOptions): EdgeTracing {
  const provider = new BasicTracerProvider({
    spanProcessors: [new ThreadlineSpanProcessor(), new SimpleSpanProcessor(exporter)],
  });
  return { provider, tracer: provider.getTracer('support-edge') };
}
