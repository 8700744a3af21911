import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Stands in for an exporting processor: takes every ended span and drops it at once, so the
 * benchmark measures making spans, not shipping them. (SimpleSpanProcessor would add a promise
 * per span and measure itself.)
 */
export class DiscardProcessor implements SpanProcessor {
  ended = 0;

  onStart(): void {}

  onEnd(_span: ReadableSpan): void {
    this.ended++;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
