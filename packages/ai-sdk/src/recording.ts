import { isContentCaptureEnabled } from '@threadline/core/adapter';

/** Whether the AI SDK records prompts and tool arguments, and completions and tool results. */
export interface Recording {
  recordInputs: boolean;
  recordOutputs: boolean;
}

/**
 * The recording settings for the given options: what they set, else Threadline's content
 * capture setting (on, unless `THREADLINE_CAPTURE_CONTENT=false`), read once and only when
 * needed.
 */
export function recordingOf(recordInputs: unknown, recordOutputs: unknown): Recording {
  const capture =
    typeof recordInputs === 'boolean' && typeof recordOutputs === 'boolean'
      ? true
      : isContentCaptureEnabled();
  return {
    recordInputs: typeof recordInputs === 'boolean' ? recordInputs : capture,
    recordOutputs: typeof recordOutputs === 'boolean' ? recordOutputs : capture,
  };
}
