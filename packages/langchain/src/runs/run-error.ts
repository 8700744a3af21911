/**
 * Whether an error is LangGraph's control flow rather than a failure: interrupts
 * (`GraphInterrupt`, `NodeInterrupt`) and `Command` hand-offs to a parent graph travel as
 * errors that say `is_bubble_up`. Their spans end without status ERROR.
 */
export function isGraphBubbleUp(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { is_bubble_up?: unknown }).is_bubble_up === true
  );
}

/** A short name for an error, for a status message. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  if (typeof error === 'object' && error !== null) {
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return typeof error;
}
