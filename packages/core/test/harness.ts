import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import {
  ThreadlineSpanProcessor,
  type ThreadlineSpanProcessorOptions,
} from '../src/processor/threadline-span-processor';
import {
  createTracerProvider,
  exportEach,
  InMemorySpanExporter,
  type ReadableSpan,
  type SpanProcessor,
} from './trace-sdk';

/**
 * Core's own in-memory harness (core cannot depend on @threadline/testing, which depends on it).
 */
export function createHarness(
  options: ThreadlineSpanProcessorOptions = {},
  extra: SpanProcessor[] = [],
) {
  const exporter = new InMemorySpanExporter();
  const processor = new ThreadlineSpanProcessor(options);
  const provider = createTracerProvider({
    spanProcessors: [processor, ...extra, exportEach(exporter)],
  });
  return {
    processor,
    provider,
    tracer: (name = 'test') => provider.getTracer(name),
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    span: (name: string): ReadableSpan => {
      const found = exporter.getFinishedSpans().find((s) => s.name === name);
      if (!found) throw new Error(`no span named ${name}`);
      return found;
    },
    reset: () => exporter.reset(),
    shutdown: () => provider.shutdown(),
  };
}

/** Installs the AsyncLocalStorage context manager and W3C propagators globally. */
export function installGlobals(): () => void {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  return () => {
    context.disable();
    propagation.disable();
    trace.disable();
  };
}
