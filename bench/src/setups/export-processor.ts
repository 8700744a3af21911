import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * The exporting end of every setup, the same for all: it takes each ended span synchronously and
 * keeps only a count and the last one (to show what a setup wrote). A real exporter's cost is
 * the same with or without propagation, so it is left out of what is compared.
 */
export class CountingExportProcessor implements SpanProcessor {
  ended = 0;
  last: ReadableSpan | undefined;

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    this.ended++;
    this.last = span;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.last = undefined;
    return Promise.resolve();
  }
}

/**
 * A processor whose inner processors can be swapped between timed loops: libraries that use the
 * global tracer provider (the adapters, the AI SDK, Langfuse's wrappers) then run against the
 * setup under measurement without re-registering the global provider.
 */
export class SwitchProcessor implements SpanProcessor {
  current: readonly SpanProcessor[] = [];

  onStart(span: Span, parentContext: Context): void {
    const current = this.current;
    for (let i = 0; i < current.length; i++) current[i]!.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    const current = this.current;
    for (let i = 0; i < current.length; i++) current[i]!.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.current.map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.current.map((p) => p.shutdown()));
  }
}
