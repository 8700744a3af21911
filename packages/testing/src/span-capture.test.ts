import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSpanCapture, type SpanCapture } from './span-capture';

/** Records which processor saw a span start and what the span carried at that moment. */
class SeenAtStart implements SpanProcessor {
  readonly sessions: unknown[] = [];
  onStart(span: Span): void {
    this.sessions.push((span as unknown as ReadableSpan).attributes['session.id']);
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('createSpanCapture', () => {
  let capture: SpanCapture | undefined;
  afterEach(async () => {
    await capture?.uninstall();
    capture = undefined;
  });

  it('captures finished spans of its own tracer without installing anything', () => {
    capture = createSpanCapture();
    capture.tracer().startSpan('one').end();
    capture.tracer('other').startSpan('two', { kind: SpanKind.CLIENT }).end();
    expect(capture.spans().map((s) => [s.name, s.instrumentationScope.name])).toEqual([
      ['one', 'threadline-test'],
      ['two', 'other'],
    ]);
    capture.reset();
    expect(capture.spans()).toEqual([]);
  });

  it('install() makes the global API reach the provider, with async context and Threadline first', async () => {
    const seen = new SeenAtStart();
    capture = createSpanCapture({ processors: [seen] });
    capture.install();
    await propagateAttributes({ sessionId: 'conv-1', userId: 'u-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await trace.getTracer('app').startActiveSpan('parent', async (parent) => {
        await Promise.resolve();
        trace.getTracer('app').startSpan('child').end();
        parent.end();
      });
    });
    const spans = capture.spans();
    expect(spans.map((s) => [s.name, s.attributes['session.id'], s.attributes['user.id']])).toEqual(
      [
        ['child', 'conv-1', 'u-1'],
        ['parent', 'conv-1', 'u-1'],
      ],
    );
    expect(spans[0]?.parentSpanContext?.spanId).toBe(spans[1]?.spanContext().spanId);
    // Extra processors run after Threadline's, so they already see the session.
    expect(seen.sessions).toEqual(['conv-1', 'conv-1']);
  });

  it('install() sets the W3C trace-context and baggage propagators', () => {
    capture = createSpanCapture();
    capture.install();
    const span = capture.tracer().startSpan('outbound');
    const ctx = propagation.setBaggage(
      trace.setSpan(ROOT_CONTEXT, span),
      propagation.createBaggage({ k: { value: 'v' } }),
    );
    const headers: Record<string, string> = {};
    propagation.inject(ctx, headers);
    span.end();
    expect(headers.traceparent).toBe(
      `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
    );
    expect(headers.baggage).toBe('k=v');
  });

  it('uninstall() restores the no-op globals and shuts the provider down', async () => {
    const installed = createSpanCapture();
    installed.install();
    await installed.uninstall();

    trace.getTracer('app').startSpan('after uninstall').end();
    installed.tracer().startSpan('after shutdown').end();
    expect(installed.spans()).toEqual([]);
    expect(trace.getTracer('app').startSpan('noop').isRecording()).toBe(false);
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    expect(headers).toEqual({});
    // The context manager is gone too: context.with no longer carries a value into callbacks.
    const key = Symbol('k');
    const carried = context.with(ROOT_CONTEXT.setValue(key, 1), () =>
      context.active().getValue(key),
    );
    expect(carried).toBeUndefined();
  });

  it('install() replaces a capture that was installed before', async () => {
    const first = createSpanCapture();
    first.install();
    capture = createSpanCapture();
    capture.install();
    trace.getTracer('app').startSpan('to the second').end();
    expect(first.spans()).toEqual([]);
    expect(capture.spans().map((s) => s.name)).toEqual(['to the second']);
    await first.provider.shutdown();
  });

  it('threadline: false leaves spans as libraries made them', async () => {
    capture = createSpanCapture({ threadline: false });
    capture.install();
    propagateAttributes({ sessionId: 'conv-1' }, () => trace.getTracer('app').startSpan('x').end());
    expect(capture.spans()[0]?.attributes).toEqual({});
  });

  it('passes processor options and the resource through', () => {
    capture = createSpanCapture({
      threadline: { dialects: ['openinference'] },
      resource: resourceFromAttributes({ 'service.version': '2.0.0' }),
    });
    capture.install();
    propagateAttributes({ sessionId: 'conv-1', tags: ['t'] }, () =>
      trace.getTracer('app').startSpan('x').end(),
    );
    const [span] = capture.spans();
    expect(span?.attributes).toEqual({ 'session.id': 'conv-1', 'tag.tags': ['t'] });
    expect(span?.resource.attributes['service.version']).toBe('2.0.0');
  });
});
