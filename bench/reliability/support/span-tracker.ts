import { type Context, type DiagLogger, diag } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Follows every span from start to end: which are still open, which ended, and whether any was
 * ended twice (the SDK refuses a second end with a diag warning, which is caught here).
 */
export class SpanTracker implements SpanProcessor {
  readonly open = new Map<string, Span>();
  readonly ended: ReadableSpan[] = [];
  readonly doubleEnds: string[] = [];
  private readonly logger: DiagLogger;

  constructor() {
    const note = (message: string) => {
      if (/ended span/i.test(message)) this.doubleEnds.push(message);
    };
    this.logger = {
      error: note,
      warn: note,
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
  }

  /** Starts listening to diag (warnings about spans ended twice). */
  install(): void {
    diag.setLogger(this.logger, { logLevel: 60, suppressOverrideMessage: true } as never);
  }

  reset(): void {
    this.open.clear();
    this.ended.length = 0;
    this.doubleEnds.length = 0;
  }

  onStart(span: Span, _parentContext: Context): void {
    this.open.set(span.spanContext().spanId, span);
  }

  onEnd(span: ReadableSpan): void {
    this.open.delete(span.spanContext().spanId);
    this.ended.push(span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
