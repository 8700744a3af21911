import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Counts starts and ends of every span, and catches the SDK's complaint about a second
 * `end()` (it logs an error through diag and drops the call), so a test can assert that each
 * span ended exactly once and that none is left open.
 */
export class SpanLedger implements SpanProcessor {
  private readonly started = new Map<string, Span>();
  private readonly ends = new Map<string, number>();
  /** Diag errors and warnings seen since the last reset. */
  readonly diagnostics: string[] = [];

  /** Routes diag warnings and errors into `diagnostics`. */
  listen(): void {
    const record = (message: string) => this.diagnostics.push(message);
    const logger: DiagLogger = {
      error: record,
      warn: record,
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  }

  onStart(span: Span): void {
    this.started.set(span.spanContext().spanId, span);
  }

  onEnd(span: ReadableSpan): void {
    const id = span.spanContext().spanId;
    this.ends.set(id, (this.ends.get(id) ?? 0) + 1);
  }

  /** Spans started and not ended. */
  open(): Span[] {
    return [...this.started].filter(([id]) => !this.ends.has(id)).map(([, span]) => span);
  }

  /** Spans ended more than once, by the processor's count or the SDK's own complaint. */
  endedTwice(): string[] {
    const twice = [...this.ends].filter(([, n]) => n > 1).map(([id]) => id);
    const complaints = this.diagnostics.filter((m) => m.includes('only call end() on a span once'));
    return [...twice, ...complaints];
  }

  startedCount(): number {
    return this.started.size;
  }

  reset(): void {
    this.started.clear();
    this.ends.clear();
    this.diagnostics.length = 0;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
