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
import { safely } from '@threadline/core';

/** Event added to a span that Threadline ended because its AI SDK call had ended. */
export const CLOSED_WITH_CALL_EVENT = 'threadline.closed_with_call';

/**
 * An AI SDK span as the AI SDK holds it: every call goes to the real span, but `end` runs once,
 * and the span that opens a call (its root) remembers its open descendants.
 *
 * Why: when a stream is aborted, the AI SDK ends the call's root span but leaves the current
 * step's `doStream` span open forever (ai 5 and 6), so it is never exported. Ending a call's
 * leftovers together with its root keeps SPEC §7's "every span ends exactly once".
 */
export class CallSpan implements Span {
  /** The root of the call this span belongs to; undefined when this span is the root. */
  private readonly root: CallSpan | undefined;
  /** The open spans of the call this span is the root of; undefined for a descendant. */
  private readonly open: Set<CallSpan> | undefined;
  private ended = false;

  /**
   * @param span the span the SDK made.
   * @param parent the tracked span it was started under, if any: it joins that span's call,
   *   unless the call's root has already ended (then it opens a call of its own).
   */
  constructor(
    readonly span: Span,
    parent: CallSpan | undefined,
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

  setAttribute(key: string, value: AttributeValue): this {
    this.span.setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    this.span.setAttributes(attributes);
    return this;
  }

  addEvent(
    name: string,
    attributesOrStartTime?: Attributes | TimeInput,
    startTime?: TimeInput,
  ): this {
    this.span.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.span.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.span.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.span.setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.span.updateName(name);
    return this;
  }

  isRecording(): boolean {
    return this.span.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.span.recordException(exception, time);
  }

  end(endTime?: TimeInput): void {
    if (this.ended) return;
    this.ended = true;
    if (this.open) {
      // Leftovers end before their root, so no child ends after its parent.
      if (this.open.size > 0)
        safely('closing spans left open by an AI SDK call', () => this.closeOpen());
    } else {
      this.root?.open?.delete(this);
    }
    this.span.end(endTime);
  }

  private closeOpen(): void {
    const open = [...this.open!];
    this.open!.clear();
    // Latest first: a child always started after its parent, so it ends before it.
    for (let i = open.length - 1; i >= 0; i--) {
      const span = open[i]!;
      if (span.ended) continue;
      span.ended = true;
      span.span.addEvent(CLOSED_WITH_CALL_EVENT);
      span.span.end();
    }
  }
}
