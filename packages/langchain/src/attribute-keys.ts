/** Span attributes that only `@threadline/langchain` writes. */
export const LANGCHAIN_ATTRIBUTES = {
  /**
   * On a span the handler ended itself because LangChain never ended its run:
   * `max_open_runs` (too many open runs) or `max_run_age` (open longer than `maxRunAgeMs`).
   */
  EVICTED: 'threadline.langchain.evicted',
} as const;
