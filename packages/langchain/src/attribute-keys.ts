/**
 * Span attributes that only `@threadline/langchain` writes. A span the handler ended itself
 * carries core's `threadline.end_reason` instead (`THREADLINE_SPAN_ATTRIBUTES.END_REASON`).
 */
export const LANGCHAIN_ATTRIBUTES = {
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
