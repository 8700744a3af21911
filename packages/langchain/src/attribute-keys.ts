/** Span attributes that only `@threadline/langchain` writes. */
export const LANGCHAIN_ATTRIBUTES = {
  /**
   * On a span the handler ended itself because LangChain never ended its run:
   * `max_open_runs` (too many open runs) or `max_run_age` (open longer than `maxRunAgeMs`).
   */
  EVICTED: 'threadline.langchain.evicted',
  /**
   * On a graph span (LangGraph 1.7+): the ids of the interrupts the graph paused at, the ids a
   * `Command({ resume })` answers.
   */
  INTERRUPT_IDS: 'threadline.langchain.interrupt_ids',
  /** On a graph span (LangGraph 1.7+): the checkpoint the graph paused at. */
  INTERRUPTED_AT: 'threadline.langchain.interrupted_at',
  /**
   * On a graph or subgraph span (LangGraph 1.7+): the checkpoint the run resumed from, the
   * `interrupted_at` of the trace that paused it.
   */
  RESUMED_FROM: 'threadline.langchain.resumed_from',
} as const;
