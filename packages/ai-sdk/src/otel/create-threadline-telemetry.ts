import type { OpenTelemetryOptions } from '@ai-sdk/otel';
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import { recordingOf } from '../recording';
import { ThreadlineTelemetry } from './threadline-telemetry';

/**
 * The instrumentation scope of the spans when Threadline takes the tracer: the one
 * `@ai-sdk/otel` uses by default, so the spans look the same as without Threadline.
 */
const OTEL_TRACER_NAME = 'gen_ai';

/** Options of Threadline's ai 7 integration. Every field is optional. */
export interface ThreadlineTelemetryOptions {
  /** Tracer for the spans. Default: `tracerProvider`'s, else the global provider's. */
  tracer?: Tracer;
  /** Provider to take the tracer from when `tracer` is not given (scope name `gen_ai`). */
  tracerProvider?: TracerProvider;
  /**
   * Record prompts and tool arguments, for calls whose own settings leave it open. Default:
   * Threadline's content capture setting (on, unless `THREADLINE_CAPTURE_CONTENT=false`).
   */
  recordInputs?: boolean;
  /** Record completions and tool results, likewise. Default as for `recordInputs`. */
  recordOutputs?: boolean;
  /**
   * Options of `@ai-sdk/otel`'s `OpenTelemetry` integration (span names, extra attributes,
   * `enrichSpan`, …), its defaults otherwise. The tracer is the one above.
   */
  openTelemetry?: Omit<OpenTelemetryOptions, 'tracer'>;
}

/** A {@link ThreadlineTelemetry} made from options as a user passes them (never throws). */
export function createThreadlineTelemetry(options: unknown): ThreadlineTelemetry {
  const {
    tracer,
    tracerProvider,
    recordInputs,
    recordOutputs,
    openTelemetry,
  }: ThreadlineTelemetryOptions = typeof options === 'object' && options !== null ? options : {};
  return new ThreadlineTelemetry({
    tracer: tracer ?? tracerProvider?.getTracer(OTEL_TRACER_NAME),
    tracerName: OTEL_TRACER_NAME,
    recording: recordingOf(recordInputs, recordOutputs),
    openTelemetry: typeof openTelemetry === 'object' && openTelemetry !== null ? openTelemetry : {},
  });
}
