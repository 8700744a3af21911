import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Knows which spans have started and not ended, so a test can wait until a call's last span
 * has ended (the AI SDK ends a stream's root span after the result promises resolve) and then
 * assert that none is left open.
 */
export class SpanTracker implements SpanProcessor {
  private readonly open = new Set<ReadableSpan>();
  private waiters: Array<() => void> = [];
  /** How many spans started since the last reset. */
  started = 0;

  onStart(span: Span): void {
    this.started++;
    this.open.add(span);
  }

  onEnd(span: ReadableSpan): void {
    this.open.delete(span);
    if (this.open.size === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Names of the spans still open. */
  openSpans(): string[] {
    return [...this.open].map((span) => span.name);
  }

  /**
   * Resolves once no span is open. Rejects, naming the open spans, if that has not happened
   * after `failAfterMs`: a bound on a failing test, not a measurement.
   */
  settled(failAfterMs = 5_000): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`spans never ended: ${this.openSpans().join(', ')}`));
      }, failAfterMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  reset(): void {
    this.open.clear();
    this.started = 0;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
