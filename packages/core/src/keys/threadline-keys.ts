/**
 * Keys of Threadline's own, on spans that adapters make (docs/contract.md#adapter-spans).
 */
export const THREADLINE_SPAN_ATTRIBUTES = {
  /**
   * Set on a span that Threadline ended itself because its framework would have left it open
   * (or ended it without saying why); the value is one of {@link END_REASONS}.
   */
  END_REASON: 'threadline.end_reason',
} as const;

/** Values of `threadline.end_reason`, the same in every adapter. */
export const END_REASONS = {
  /** The caller's AbortSignal fired. */
  ABORTED: 'aborted',
  /** The consumer stopped reading a stream (a `break`, a `return()`, a cancelled reader). */
  CONSUMER_STOPPED: 'consumer_stopped',
  /** The result was dropped unread and garbage collected. */
  ABANDONED: 'abandoned',
  /** The framework's stream failed (a reset connection) and the framework ended nothing. */
  STREAM_ERROR: 'stream_error',
  /** The operation this span belongs to ended while this span was still open. */
  PARENT_ENDED: 'parent_ended',
  /** Too many runs were open at once: the oldest was ended. */
  EVICTED_MAX_OPEN: 'evicted_max_open',
  /** The run stayed open longer than the adapter's age limit. */
  EVICTED_MAX_AGE: 'evicted_max_age',
} as const;

/** Why Threadline ended a span itself. */
export type EndReason = (typeof END_REASONS)[keyof typeof END_REASONS];

/**
 * Keys of `langfuse.observation.usage_details`, the same in every adapter: Langfuse prices a
 * generation by matching these names against the model's price keys (OpenAI's naming).
 */
export const USAGE_DETAIL_KEYS = {
  /**
   * Input (prompt) tokens other than the cached and cache-write ones below: as Langfuse's own
   * integrations count them, the details add up to the total.
   */
  INPUT: 'input',
  /** Output (completion) tokens other than the reasoning ones below. */
  OUTPUT: 'output',
  /** Input and output together. */
  TOTAL: 'total',
  /** Input tokens read from the provider's prompt cache. */
  INPUT_CACHED: 'input_cached_tokens',
  /** Input tokens written to the provider's prompt cache. */
  INPUT_CACHE_CREATION: 'input_cache_creation_tokens',
  /** Output tokens spent on reasoning. */
  OUTPUT_REASONING: 'output_reasoning_tokens',
} as const;
