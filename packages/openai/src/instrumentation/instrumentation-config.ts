import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** Options of {@link ThreadlineOpenAIInstrumentation}. */
export interface ThreadlineOpenAIInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record prompts and completions, as `observeOpenAI`'s option of the same name. Default: on,
   * unless `THREADLINE_CAPTURE_CONTENT=false` when a client makes its first call.
   */
  captureContent?: boolean;
}
