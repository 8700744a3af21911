import type { Attributes } from '@opentelemetry/api';
import type { SdkSpanProcessor } from '../processor/sdk-span-processor';
import type { SpanExporter, ThreadlineTracerProvider } from './sdk-types';

/** Which SDK package `registerThreadline` built on, and its version. */
export interface TraceSdkInfo {
  /** `@opentelemetry/sdk-trace` (SDK 3), `@opentelemetry/sdk-trace-node` or `-base` (SDK 2). */
  packageName: string;
  /** The SDK's version, e.g. `3.1.1`. */
  version: string;
}

/** What `registerThreadline` needs of the installed SDK, the same over its majors. */
export interface TraceSdk {
  readonly info: TraceSdkInfo;
  createProvider(options: {
    attributes: Attributes;
    spanProcessors: SdkSpanProcessor[];
    /** A sampler for the provider; the SDK's default when absent. */
    sampler?: object;
  }): ThreadlineTracerProvider;
  /** A processor that exports each span when it ends. */
  exportEach(exporter: SpanExporter): SdkSpanProcessor;
  /** A processor that exports spans in batches. */
  exportInBatches(exporter: SpanExporter): SdkSpanProcessor;
  /**
   * Loads what global registration needs (throwing if a package is missing) and returns the
   * function that registers a provider, the AsyncLocalStorage context manager and the W3C
   * trace-context and baggage propagators.
   */
  globalRegistration(): (provider: ThreadlineTracerProvider) => void;
}
