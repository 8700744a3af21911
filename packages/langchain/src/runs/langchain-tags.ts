/**
 * Tags that LangChain and LangGraph add for their own bookkeeping (`seq:step:2`,
 * `graph:step:1`, `langsmith:hidden`, `map:key:x`, `branch:to:y`, `retry:attempt:1`, …). They
 * say nothing about the conversation, so they never become trace tags (docs/contract.md#framework-values).
 */
const INTERNAL_TAG =
  /^(?:seq:step:|graph:step:|map:key:|branch:|retry:attempt:|langsmith:|langgraph:|lc:)/;

/** Whether LangChain or LangGraph added this tag for its own bookkeeping. */
export function isInternalTag(tag: string): boolean {
  return INTERNAL_TAG.test(tag);
}

/** The tag LangGraph and LangChain put on runs that tracing UIs should not show. */
export const HIDDEN_TAG = 'langsmith:hidden';

/**
 * A run's own tags: those its parent did not already have (LangChain passes inherited tags
 * down to every child run).
 */
export function ownTags(
  tags: readonly string[] | undefined,
  parentTags: readonly string[] | undefined,
): readonly string[] {
  if (!tags || tags.length === 0) return [];
  if (!parentTags || parentTags.length === 0) return tags;
  return tags.filter((tag) => !parentTags.includes(tag));
}
