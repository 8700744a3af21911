import { context, propagation, type Tracer, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanProcessor,
  type TracerConfig,
} from '@opentelemetry/sdk-trace-base';
import { ThreadlineSpanProcessor, type ThreadlineSpanProcessorOptions } from '@threadline/core';

/** Options of {@link createSpanCapture}. */
export interface SpanCaptureOptions {
  /**
   * Options of the `ThreadlineSpanProcessor` registered first, or `false` for none (to see what
   * a library emits on its own). Default `{}`.
   */
  threadline?: ThreadlineSpanProcessorOptions | false;
  /** Processors to run after Threadline's and before the capturing one. Default none. */
  processors?: SpanProcessor[];
  /** Resource of the provider, e.g. with `service.version`. Default: the SDK's default resource. */
  resource?: TracerConfig['resource'];
  /** Tracer name used by `tracer()` without an argument. Default `'threadline-test'`. */
  defaultTracerName?: string;
}

/** An in-memory tracer provider whose finished spans a test can read back. */
export interface SpanCapture {
  /**
   * The provider: `ThreadlineSpanProcessor` first (unless `threadline: false`), then the extra
   * processors, then a `SimpleSpanProcessor` on an in-memory exporter.
   */
  provider: BasicTracerProvider;
  /** A tracer of this provider (works without `install()`). */
  tracer(name?: string): Tracer;
  /** Finished spans, in the order they ended. */
  spans(): ReadableSpan[];
  /** Forgets finished spans. */
  reset(): void;
  /**
   * Makes this provider the global one, with the AsyncLocalStorage context manager and the
   * W3C trace-context and baggage propagators, so code that calls `trace.getTracer()` and
   * `propagateAttributes` (which needs a context manager) behaves as in production.
   */
  install(): void;
  /** Undoes `install()` (global tracer provider, context manager, propagator) and shuts down. */
  uninstall(): Promise<void>;
}

/**
 * Creates an in-memory span harness with Threadline's processor registered the way an
 * application registers it.
 *
 * @example
 * const capture = createSpanCapture();
 * capture.install();
 * await propagateAttributes({ sessionId: 's-1' }, async () => {
 *   trace.getTracer('app').startActiveSpan('work', (span) => span.end());
 * });
 * expect(capture.spans()[0]?.attributes['session.id']).toBe('s-1');
 * await capture.uninstall();
 */
export function createSpanCapture({
  threadline = {},
  processors = [],
  resource,
  defaultTracerName = 'threadline-test',
}: SpanCaptureOptions = {}): SpanCapture {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    ...(resource ? { resource } : {}),
    spanProcessors: [
      ...(threadline === false ? [] : [new ThreadlineSpanProcessor(threadline)]),
      ...processors,
      new SimpleSpanProcessor(exporter),
    ],
  });
  return {
    provider,
    tracer: (name = defaultTracerName) => provider.getTracer(name),
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    install() {
      // The API refuses to replace a registered global; clear first so a test that forgot to
      // uninstall does not silently keep the previous provider.
      trace.disable();
      context.disable();
      propagation.disable();
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      trace.setGlobalTracerProvider(provider);
      propagation.setGlobalPropagator(
        new CompositePropagator({
          propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
        }),
      );
    },
    async uninstall() {
      trace.disable();
      context.disable();
      propagation.disable();
      await provider.shutdown();
    },
  };
}
