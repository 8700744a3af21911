import type { Context, Span } from '@opentelemetry/api';

/**
 * A span processor as the OpenTelemetry JS trace SDK calls it, major 2 and 3 alike, typed with
 * the API alone. Threadline's published types name no SDK package: they compile whichever SDK
 * major the application installs, or none. The SDK hands `onStart` its own span class, which is
 * an API `Span` with the readable fields besides.
 */
export interface SdkSpanProcessor {
  onStart(span: Span, parentContext: Context): void;
  /** Called while a span ends, before it becomes read-only (SDK 2.3+ and 3). */
  onEnding?(span: Span): void;
  onEnd(span: object): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}
