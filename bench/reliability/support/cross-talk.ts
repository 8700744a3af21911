import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

interface Expected {
  index: number;
  sessionId: string;
  userId: string;
}

const MARKER = /marker-(\d+)\b/g;
const CONTENT_KEYS = ['langfuse.observation.input', 'langfuse.observation.output'];

/**
 * Checks every ended span against the conversation its trace belongs to: its session and user,
 * and any conversation marker in its recorded input or output. It keeps no span: only the
 * expectations of the conversations in flight, and counts.
 */
export class CrossTalkChecker implements SpanProcessor {
  private readonly expected = new Map<string, Expected>();
  checked = 0;
  orphans = 0;
  readonly problems: string[] = [];

  /** The conversation whose root span has `traceId`. */
  expect(traceId: string, expected: Expected): void {
    this.expected.set(traceId, expected);
  }

  /** Forgets a conversation once it ended. */
  forget(traceId: string): void {
    this.expected.delete(traceId);
  }

  /** Conversations in flight: bounded by the concurrency when nothing leaks here. */
  get inFlight(): number {
    return this.expected.size;
  }

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    const expected = this.expected.get(span.spanContext().traceId);
    if (!expected) {
      this.orphans++;
      return;
    }
    this.checked++;
    const a = span.attributes;
    const problem = (what: string) => {
      if (this.problems.length < 20) {
        this.problems.push(`conversation ${expected.index}, span ${span.name}: ${what}`);
      }
    };
    if (a['session.id'] !== expected.sessionId) problem(`session.id ${String(a['session.id'])}`);
    if (a['user.id'] !== expected.userId) problem(`user.id ${String(a['user.id'])}`);
    for (const key of CONTENT_KEYS) {
      const value = a[key];
      if (typeof value !== 'string') continue;
      for (const match of value.matchAll(MARKER)) {
        if (Number(match[1]) !== expected.index) problem(`${key} mentions ${match[0]}`);
      }
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
