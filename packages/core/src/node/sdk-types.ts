import type { TracerProvider } from '@opentelemetry/api';

/**
 * A span exporter of the OpenTelemetry JS SDK, major 2 or 3 (an OTLP exporter, the in-memory
 * one, your own), typed with the API alone so that these types name no SDK package.
 */
export interface SpanExporter {
  export(spans: object[], resultCallback: (result: { code: number; error?: Error }) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/** The SDK's tracer provider that `registerThreadline` made, of the major installed. */
export interface ThreadlineTracerProvider extends TracerProvider {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}
