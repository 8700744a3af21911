import type { Span } from '@opentelemetry/api';
import { LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
import { LANGCHAIN_ATTRIBUTES } from '../attribute-keys';

/**
 * The mark LangGraph 1.7+ looks for on a callback handler (`GraphCallbackHandler.isInstance`)
 * before it reports a graph's interrupts and resumes to it. A registry symbol, so the handler
 * needs no import of LangGraph; older LangGraph releases never look.
 */
export const GRAPH_CALLBACK_HANDLER: unique symbol = Symbol.for('langgraph.graph_callback_handler');

/** LangGraph's `GraphResumeEvent`, as far as the handler reads it. */
export interface GraphResumeEvent {
  readonly runId: string | undefined;
  readonly checkpointId: string;
}

/** LangGraph's `GraphInterruptEvent`, as far as the handler reads it. */
export interface GraphInterruptEvent extends GraphResumeEvent {
  readonly interrupts: ReadonlyArray<{ readonly id?: string }>;
}

/**
 * Marks a graph span as paused: the interrupt ids and the checkpoint, and the same status
 * message its interrupted node got. Not an error: the graph waits for an answer.
 */
export function recordInterrupt(span: Span, event: GraphInterruptEvent): void {
  span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.STATUS_MESSAGE, 'GraphInterrupt');
  const ids: string[] = [];
  if (Array.isArray(event.interrupts)) {
    for (const pending of event.interrupts) {
      if (typeof pending?.id === 'string' && pending.id) ids.push(pending.id);
    }
  }
  if (ids.length > 0) span.setAttribute(LANGCHAIN_ATTRIBUTES.INTERRUPT_IDS, ids);
  if (typeof event.checkpointId === 'string' && event.checkpointId) {
    span.setAttribute(LANGCHAIN_ATTRIBUTES.INTERRUPTED_AT, event.checkpointId);
  }
}

/** Marks a graph span as the continuation of the run that paused at this checkpoint. */
export function recordResume(span: Span, event: GraphResumeEvent): void {
  if (typeof event.checkpointId === 'string' && event.checkpointId) {
    span.setAttribute(LANGCHAIN_ATTRIBUTES.RESUMED_FROM, event.checkpointId);
  }
}
