import { diag } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import {
  ThreadlineSpanProcessor,
  type ThreadlineSpanProcessorOptions,
} from '../processor/threadline-span-processor';
import { exportersFromEnv } from './exporter-from-env';

/** Options of {@link registerThreadline}. */
export interface RegisterThreadlineOptions extends ThreadlineSpanProcessorOptions {
  /** `service.name` of the resource. */
  serviceName?: string;
  /** `service.version` of the resource (Langfuse's fallback for the version). */
  serviceVersion?: string;
  /** Where spans go; default: from `LANGFUSE_*` and `OTEL_EXPORTER_OTLP_*` variables. */
  exporter?: SpanExporter | SpanExporter[];
  /** Extra processors, after Threadline's and before the exporting ones. */
  spanProcessors?: SpanProcessor[];
  /** Export in batches (default) or span by span (for scripts and tests). */
  batch?: boolean;
  /** Register globally: tracer provider, AsyncLocalStorage context manager, W3C propagators. Default true. */
  register?: boolean;
}

/** What {@link registerThreadline} set up. */
export interface ThreadlineRegistration {
  provider: NodeTracerProvider;
  processor: ThreadlineSpanProcessor;
  /** Exports what is pending. */
  forceFlush(): Promise<void>;
  /** Exports what is pending and stops. */
  shutdown(): Promise<void>;
}

/**
 * One-call setup for Node: a tracer provider with `ThreadlineSpanProcessor` first, OTLP export,
 * the AsyncLocalStorage context manager and the W3C trace-context and baggage propagators.
 *
 * @example
 * registerThreadline({ serviceName: 'support-bot' });
 */
export function registerThreadline(
  options: RegisterThreadlineOptions = {},
): ThreadlineRegistration {
  const {
    serviceName,
    serviceVersion,
    exporter,
    spanProcessors = [],
    batch = true,
    register = true,
    ...processorOptions
  } = typeof options === 'object' && options !== null ? options : {};
  const processor = new ThreadlineSpanProcessor(processorOptions);
  const exporters = exporter === undefined ? exportersFromEnv() : [exporter].flat();
  const extra = Array.isArray(spanProcessors) ? spanProcessors : [];
  const exporting = exporters.map((e) =>
    batch ? new BatchSpanProcessor(e) : new SimpleSpanProcessor(e),
  );
  const resource = resourceFromAttributes({
    ...(typeof serviceName === 'string' && serviceName ? { 'service.name': serviceName } : {}),
    ...(typeof serviceVersion === 'string' && serviceVersion
      ? { 'service.version': serviceVersion }
      : {}),
  });
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [processor, ...extra, ...exporting],
  });
  if (register) {
    try {
      provider.register();
    } catch (error) {
      diag.warn('threadline: could not register the tracer provider globally', error);
    }
  }
  return {
    provider,
    processor,
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
