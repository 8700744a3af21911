import { diag } from '@opentelemetry/api';
import {
  configureThreadlineIfAbsent,
  resetThreadlineConfiguration,
} from '../configuration/configure-threadline';
import type { SdkSpanProcessor } from '../processor/sdk-span-processor';
import {
  ThreadlineSpanProcessor,
  type ThreadlineSpanProcessorOptions,
} from '../processor/threadline-span-processor';
import { SessionSampler } from '../sampling/session-sampler';
import { installDiagLogger, type LogLevel, logLevelOf } from './diagnostics';
import { exportersFromEnv } from './exporter-from-env';
import { loadTraceSdk } from './load-trace-sdk';
import type { SpanExporter, ThreadlineTracerProvider } from './sdk-types';
import type { TraceSdkInfo } from './trace-sdk';

/** Options of {@link registerThreadline}. */
export interface RegisterThreadlineOptions extends ThreadlineSpanProcessorOptions {
  /** `service.name` of the resource. */
  serviceName?: string;
  /** `service.version` of the resource (Langfuse's fallback for the version). */
  serviceVersion?: string;
  /** Where spans go; default: from `LANGFUSE_*` and `OTEL_EXPORTER_OTLP_*` variables. */
  exporter?: SpanExporter | SpanExporter[];
  /** Extra processors, after Threadline's and before the exporting ones. */
  spanProcessors?: SdkSpanProcessor[];
  /**
   * Export in batches (default) or span by span (for scripts and tests). `exportMode` says the
   * same in Langfuse's words and wins when both are given.
   */
  batch?: boolean;
  /**
   * `'batched'` (default) or `'immediate'`: each span exported as it ends, for serverless
   * handlers that return before a batch would be sent (call `forceFlush()` before returning).
   */
  exportMode?: 'batched' | 'immediate';
  /**
   * Share of sessions to keep, 0 to 1: whole sessions are kept or dropped ({@link SessionSampler}).
   * Default: the SDK's sampler (everything, unless `OTEL_TRACES_SAMPLER` says otherwise on SDK 2).
   */
  sampleRate?: number;
  /**
   * What OpenTelemetry's `diag` prints to the console: `'threadline'` (default: Threadline's own
   * warnings, such as a dropped session id), an OpenTelemetry level (`'warn'`, `'debug'`, …), or
   * `'none'` to leave `diag` alone (then set your own with `diag.setLogger`). `OTEL_LOG_LEVEL`
   * is read when this is not given.
   */
  logLevel?: LogLevel;
  /**
   * Register globally: tracer provider, AsyncLocalStorage context manager, W3C propagators, and
   * (unless `configureThreadline` was called first) `sensitive`, `onInvalid` and
   * `maxMetadataCardinality` as the scopes' policy. Default true.
   */
  register?: boolean;
}

/** What {@link registerThreadline} set up. */
export interface ThreadlineRegistration {
  /** The SDK's tracer provider: SDK 3's `TracerProvider` or SDK 2's `NodeTracerProvider`. */
  provider: ThreadlineTracerProvider;
  processor: ThreadlineSpanProcessor;
  /** The SDK package it was built on, and its version. */
  sdk: TraceSdkInfo;
  /** Exports what is pending. Never rejects: a failed export is reported through `diag`. */
  forceFlush(): Promise<void>;
  /** Exports what is pending and stops. Never rejects, as `forceFlush`. */
  shutdown(): Promise<void>;
}

async function settle(pending: Promise<void>, what: string): Promise<void> {
  try {
    await pending;
  } catch (error) {
    diag.error(`threadline: could not ${what} the tracer provider; spans may be lost`, error);
  }
}

/**
 * One-call setup for Node: a tracer provider with `ThreadlineSpanProcessor` first, OTLP export,
 * the AsyncLocalStorage context manager and the W3C trace-context and baggage propagators.
 *
 * It builds on the OpenTelemetry SDK the application installed, an optional peer:
 * `@opentelemetry/sdk-trace` 3.x, else `@opentelemetry/sdk-trace-node` or `-base` 2.x, else
 * `@opentelemetry/sdk-trace` 2.9+. It throws, naming the install lines, when no SDK (or, for the
 * default export, no OTLP exporter package) is installed.
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
    exportMode,
    sampleRate,
    logLevel,
    register = true,
    ...processorOptions
  } = typeof options === 'object' && options !== null ? options : {};
  installDiagLogger(logLevelOf(logLevel));
  const batched = exportMode === undefined ? batch !== false : exportMode !== 'immediate';
  // Everything that may be missing is loaded before anything is built or registered.
  const sdk = loadTraceSdk();
  const registerGlobally = register ? sdk.globalRegistration() : undefined;
  const exporters = exporter === undefined ? exportersFromEnv() : [exporter].flat();
  const processor = new ThreadlineSpanProcessor(processorOptions);
  const extra = Array.isArray(spanProcessors) ? spanProcessors : [];
  const exporting = exporters.map((e) => (batched ? sdk.exportInBatches(e) : sdk.exportEach(e)));
  const provider = sdk.createProvider({
    attributes: {
      ...(typeof serviceName === 'string' && serviceName ? { 'service.name': serviceName } : {}),
      ...(typeof serviceVersion === 'string' && serviceVersion
        ? { 'service.version': serviceVersion }
        : {}),
    },
    spanProcessors: [processor, ...extra, ...exporting],
    ...(sampleRate === undefined ? {} : { sampler: new SessionSampler({ sampleRate }) }),
  });
  let configured = false;
  if (registerGlobally) {
    try {
      registerGlobally(provider);
    } catch (error) {
      diag.warn('threadline: could not register the tracer provider globally', error);
    }
    configured = configureThreadlineIfAbsent(processorOptions);
  }
  return {
    provider,
    processor,
    sdk: sdk.info,
    // A flush awaited in a handler's `finally` must not fail the request because the collector
    // is down: a failed export is reported through `diag` (an error, printed by default).
    forceFlush: () => settle(provider.forceFlush(), 'flush'),
    shutdown: async () => {
      if (configured) resetThreadlineConfiguration();
      await settle(provider.shutdown(), 'shut down');
    },
  };
}
