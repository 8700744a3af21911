import type { Attributes } from '@opentelemetry/api';
import type { ObservationType } from '@threadline/core/adapter';

/** Reads the items of one streamed call and says what they showed when the span ends. */
export interface StreamRecorder {
  /** One item the SDK yielded to the caller. */
  onItem(item: unknown): void;
  /**
   * Writes what the items showed (whatever was seen, also when the stream stopped early).
   * Returns the message of a failure the stream reported in-band, if any.
   */
  flush(out: Attributes): string | undefined;
}

/** One kind of model call: what its request and its answer look like as span attributes. */
export interface Operation {
  /** `gen_ai.operation.name`. */
  readonly name: string;
  /** `langfuse.observation.type`. */
  readonly observationType: ObservationType;
  /** Request model, parameters and (when `capture`) input, known before the call. */
  requestAttributes(body: Record<string, any>, capture: boolean, out: Attributes): void;
  /**
   * Response id, model, finish reasons, usage and (when `capture`) output of a parsed answer.
   * Returns the message of a failure the answer itself reports (e.g. `status: 'failed'`).
   */
  responseAttributes(response: unknown, capture: boolean, out: Attributes): string | undefined;
  /** A recorder for a streamed answer. */
  streamRecorder(capture: boolean): StreamRecorder;
}
