import type { Attributes, Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The name of the floor case of the span workloads. */
export const SET_ATTRIBUTES_FLOOR = 'setAttributes floor';

/**
 * The floor of a propagating processor: it sets the attributes Threadline writes, precomputed,
 * with one `setAttributes` call, and reads nothing from the context. Any processor that puts
 * the same keys on a span pays at least this.
 */
export class FloorProcessor implements SpanProcessor {
  constructor(private readonly attributes: Attributes) {}

  onStart(span: Span, _parentContext: Context): void {
    span.setAttributes(this.attributes);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
