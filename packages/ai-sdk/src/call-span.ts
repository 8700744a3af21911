import type {
  Attributes,
  AttributeValue,
  Exception,
  Link,
  Span,
  SpanContext,
  SpanStatus,
  TimeInput,
} from '@opentelemetry/api';
import {
  END_REASONS,
  type EndReason,
  recordSpanError,
  safely,
  THREADLINE_SPAN_ATTRIBUTES,
} from '@threadline/core/adapter';
import { CONTENT_KEYS, GEN_AI_CONTENT_ATTRIBUTES } from './content/content-keys';
import { maskContentAttributes, maskedValue } from './content/mask-content';
import type { ModelCallOutput } from './content/model-call-output';
import type { StreamWatch } from './stream-watch';

/**
 * An AI SDK span as the AI SDK holds it: calls go to the SDK's span, `end` runs once, and the
 * span that opens a call (its root) knows the call's open spans, so it can end them. The
 * content the SDK writes goes through the configured mask, and a model call's answer becomes
 * `gen_ai.output.messages` when it ends.
 *
 * Why: ai 5 and 6 leave spans open when a call does not run to its end. On abort they end the
 * root but not the current step's `doStream` span (ai 6 ends nothing at all when nobody reads
 * the stream any more), and when the model's stream fails they end neither. A span that never
 * ends is never exported, and every span ends exactly once (docs/contract.md#adapter-spans).
 * A span Threadline ends itself carries `threadline.end_reason`.
 */
export class CallSpan implements Span, StreamWatch {
  /** The root of the call this span belongs to; undefined when this span is the root. */
  private readonly root: CallSpan | undefined;
  /** The open spans of the call this span is the root of; undefined for a descendant. */
  private readonly open: Set<CallSpan> | undefined;
  private ended = false;
  private stopWatchingAbort: (() => void) | undefined;

  /**
   * @param span the span the SDK made.
   * @param parent the tracked span it was started under, if any: it joins that span's call,
   *   unless the call's root has already ended (then it opens a call of its own).
   * @param output for a model call, where its answer is gathered.
   */
  constructor(
    readonly span: Span,
    parent: CallSpan | undefined,
    private readonly output?: ModelCallOutput,
  ) {
    const root = parent?.callRoot;
    if (root && !root.ended) {
      this.root = root;
      root.open!.add(this);
    } else {
      this.open = new Set();
    }
  }

  /** The root of this span's call (itself for a root). */
  get callRoot(): CallSpan {
    return this.root ?? this;
  }

  spanContext(): SpanContext {
    return this.span.spanContext();
  }

  // After Threadline ended a span the SDK may still write to it: those writes are dropped
  // here rather than warned about by the OpenTelemetry SDK.

  setAttribute(key: string, value: AttributeValue): this {
    if (this.ended) return this;
    const masked = CONTENT_KEYS.has(key) && value !== undefined ? maskedValue(value) : value;
    if (masked === undefined) return this;
    this.output?.note(key, masked, masked === value);
    this.span.setAttribute(key, masked);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (this.ended) return this;
    const masked = maskContentAttributes(attributes);
    this.output?.noteAll(masked, masked === attributes);
    this.span.setAttributes(masked);
    return this;
  }

  addEvent(
    name: string,
    attributesOrStartTime?: Attributes | TimeInput,
    startTime?: TimeInput,
  ): this {
    if (!this.ended) this.span.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    if (!this.ended) this.span.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    if (!this.ended) this.span.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (!this.ended) this.span.setStatus(status);
    return this;
  }

  updateName(name: string): this {
    if (!this.ended) this.span.updateName(name);
    return this;
  }

  isRecording(): boolean {
    return this.span.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    if (!this.ended) this.span.recordException(exception, time);
  }

  end(endTime?: TimeInput): void {
    if (this.ended) return;
    this.ended = true;
    if (this.open) {
      // Leftovers end before their root, so no child ends after its parent.
      this.closeDescendants(END_REASONS.PARENT_ENDED);
      this.stopWatchingAbort?.();
    } else {
      this.root!.open?.delete(this);
    }
    this.writeOutput();
    this.span.end(endTime);
  }

  /**
   * Ends the whole call now: its open spans, then its root. With an error, this span and the
   * root are marked failed first.
   */
  closeCall(reason: EndReason, error?: unknown): void {
    const root = this.callRoot;
    if (root.ended) return;
    if (error !== undefined) {
      if (!this.ended) recordSpanError(this.span, error);
      if (root !== this) recordSpanError(root.span, error);
    }
    root.closeDescendants(reason);
    root.stopWatchingAbort?.();
    root.close(reason);
  }

  /** Marks this span and its call's root failed, leaving both open for the SDK to end. */
  markFailed(error: unknown): void {
    if (!this.ended) recordSpanError(this.span, error);
    const root = this.callRoot;
    if (root !== this && !root.ended) recordSpanError(root.span, error);
  }

  /**
   * The model's stream of this (`doStream`) span failed: an abort ends the call, anything else
   * ends it failed.
   */
  streamFailed(error: unknown): void {
    // An abort is the caller's decision, not a failure of the call.
    if (isAbort(error)) this.closeCall(END_REASONS.ABORTED);
    else this.closeCall(END_REASONS.STREAM_ERROR, error);
  }

  /**
   * The model's stream of this span carried an error part: the SDK goes on and ends the spans
   * itself, but marks none failed.
   */
  streamErrorPart(error: unknown): void {
    this.markFailed(error);
  }

  /** Ends the call when `signal` aborts, unless the call has ended by then. */
  closeOnAbort(signal: AbortSignal | undefined): void {
    const root = this.callRoot;
    // Already aborted: the SDK is ending the call and Threadline sees the rest of it.
    if (!signal || signal.aborted || root.ended || root.stopWatchingAbort) return;
    const onAbort = () =>
      safely('closing an aborted AI SDK call', () => root.closeCall(END_REASONS.ABORTED));
    signal.addEventListener('abort', onAbort, { once: true });
    // Removed when the call ends: a long-lived signal must not collect one listener per call.
    root.stopWatchingAbort = () => signal.removeEventListener('abort', onAbort);
  }

  private closeDescendants(reason: EndReason): void {
    if (!this.open || this.open.size === 0) return;
    const open = [...this.open];
    this.open.clear();
    // Latest first: a child always started after its parent, so it ends before it.
    for (let i = open.length - 1; i >= 0; i--) open[i]!.close(reason);
  }

  private close(reason: EndReason): void {
    if (this.ended) return;
    this.ended = true;
    safely('ending a span left open by an AI SDK call', () => {
      this.span.setAttribute(THREADLINE_SPAN_ATTRIBUTES.END_REASON, reason);
      this.writeOutput();
      this.span.end();
    });
  }

  /** A model call's answer as `gen_ai.output.messages`, before the span ends. */
  private writeOutput(): void {
    if (!this.output) return;
    const json = this.output.messagesJson();
    if (json !== undefined) this.span.setAttribute(GEN_AI_CONTENT_ATTRIBUTES.OUTPUT_MESSAGES, json);
  }
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}
