import { context, type Span, trace } from '@opentelemetry/api';
import { BasicTracerProvider, SamplingDecision } from '@opentelemetry/sdk-trace-base';
import {
  configureThreadline,
  propagateAttributes,
  resetThreadlineConfiguration,
} from '@threadline/core';
import {
  END_REASONS,
  THREADLINE_SPAN_ATTRIBUTES,
  validateExplicitAttributes,
} from '@threadline/core/adapter';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test/harness';
import { CallSpan } from './call-span';
import { CallTracer } from './call-tracer';

const harness = useHarness();

/** `threadline.end_reason` of each span, by name (undefined where the SDK ended it). */
function endReasons(): Record<string, unknown> {
  return Object.fromEntries(
    harness.capture
      .spans()
      .map((span) => [span.name, span.attributes[THREADLINE_SPAN_ATTRIBUTES.END_REASON]]),
  );
}

/** A fake AbortSignal that counts its listeners. */
function countingSignal() {
  const listeners = new Set<() => void>();
  const signal = {
    aborted: false,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  return {
    signal: signal as unknown as AbortSignal,
    listeners,
    abort() {
      signal.aborted = true;
      for (const listener of [...listeners]) listener();
    },
  };
}

describe('CallTracer', () => {
  it('a mask configured while a span is open rewrites the content that span records from then on', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    try {
      tracer.startActiveSpan('ai.generateText', (span) => {
        span.setAttributes({ 'ai.prompt': 'before the secret' });
        configureThreadline({
          mask: ({ data }) => (typeof data === 'string' ? data.replaceAll('secret', '***') : data),
        });
        span.setAttributes({ 'ai.response.text': 'the secret answer' });
        span.setAttribute('ai.response.object', 'a secret object');
        span.end();
      });
    } finally {
      resetThreadlineConfiguration();
    }
    const [recorded] = harness.capture.spans();
    expect(recorded!.attributes).toMatchObject({
      'ai.prompt': 'before the secret',
      'ai.response.text': 'the *** answer',
      'ai.response.object': 'a *** object',
    });
  });

  it('startActiveSpan: the callback gets the tracked span, the context the SDK span', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    const seen: Array<[boolean, boolean, number]> = [];
    const fn = (span: Span) => {
      const active = trace.getActiveSpan();
      seen.push([span instanceof CallSpan, active instanceof CallSpan, seen.length]);
      expect(active?.spanContext()).toEqual(span.spanContext());
      span.end();
      return seen.length;
    };
    expect(tracer.startActiveSpan('a', fn)).toBe(1);
    expect(tracer.startActiveSpan('b', {}, fn)).toBe(2);
    expect(tracer.startActiveSpan('c', {}, context.active(), fn)).toBe(3);
    expect(seen).toEqual([
      [true, false, 0],
      [true, false, 1],
      [true, false, 2],
    ]);
    expect(harness.capture.spans().map((span) => span.name)).toEqual(['a', 'b', 'c']);
  });

  it('startActiveSpan with an explicit context parents the span there', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    const parent = harness.capture.tracer('app').startSpan('parent');
    const parentContext = trace.setSpan(context.active(), parent);
    tracer.startActiveSpan('child', {}, parentContext, (span) => span.end());
    parent.end();
    const child = harness.capture.spans().find((span) => span.name === 'child')!;
    expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it('per-call options are explicit on its spans and on their children (docs/contract.md#precedence, levels 1 and 2)', () => {
    const explicit = validateExplicitAttributes({ sessionId: 'call', metadata: { tier: 'gold' } });
    const tracer = new CallTracer(harness.capture.tracer('ai'), explicit);
    propagateAttributes({ sessionId: 'scope', userId: 'user-1' }, () =>
      tracer.startActiveSpan('ai.generateText', (span) => {
        harness.capture.tracer('app').startSpan('child').end();
        span.end();
      }),
    );
    const byName = Object.fromEntries(harness.capture.spans().map((s) => [s.name, s.attributes]));
    for (const name of ['ai.generateText', 'child']) {
      expect(byName[name], name).toMatchObject({
        'session.id': 'call',
        'user.id': 'user-1',
        'langfuse.trace.metadata.tier': 'gold',
      });
    }
  });

  it("ending a call's root ends its open spans first, once, with the reason", () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    let step: Span | undefined;
    let tool: Span | undefined;
    tracer.startActiveSpan('root', (root) => {
      tracer.startActiveSpan('step', (s) => {
        step = s;
        tool = tracer.startSpan('tool');
      });
      tracer.startActiveSpan('done', (s) => s.end());
      root.end();
    });
    // The SDK ending them later changes nothing, and nothing is reported.
    step!.setAttribute('late', true);
    step!.end();
    tool!.end();
    expect(harness.capture.spans().map((span) => span.name)).toEqual([
      'done',
      'tool',
      'step',
      'root',
    ]);
    expect(endReasons()).toEqual({
      done: undefined,
      tool: 'parent_ended',
      step: 'parent_ended',
      root: undefined,
    });
    expect(harness.capture.spans()[2]?.attributes.late).toBeUndefined();
    expect(harness.diagnostics).toEqual([]);
  });

  it('calls are separate: ending one root leaves another call open', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    const first = tracer.startSpan('first');
    const second = tracer.startSpan('second');
    const child = tracer.startSpan('child', {}, trace.setSpan(context.active(), second));
    first.end();
    expect(harness.tracker.openSpans().sort()).toEqual(['child', 'second']);
    child.end();
    second.end();
    expect(endReasons()).toEqual({ first: undefined, child: undefined, second: undefined });
  });

  it('a span started after its call ended opens a call of its own', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    const root = tracer.startSpan('root');
    const step = tracer.startSpan('step', {}, trace.setSpan(context.active(), root));
    root.end();
    const late = tracer.startSpan(
      'late',
      {},
      trace.setSpan(context.active(), (step as CallSpan).span),
    );
    const lateChild = tracer.startSpan(
      'late-child',
      {},
      trace.setSpan(context.active(), (late as CallSpan).span),
    );
    late.end();
    expect(endReasons()).toMatchObject({ step: 'parent_ended', 'late-child': 'parent_ended' });
    expect(lateChild.isRecording()).toBe(false);
  });

  it('closeCall with an error marks the failing span and the root, then ends the call', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    tracer.startActiveSpan('root', () => {
      tracer.startActiveSpan('step', (step) => {
        tracer.startSpan('sibling');
        (step as CallSpan).closeCall(END_REASONS.STREAM_ERROR, new Error('connection reset'));
      });
    });
    const spans = Object.fromEntries(harness.capture.spans().map((span) => [span.name, span]));
    expect(spans.step?.status).toEqual({ code: 2, message: 'connection reset' });
    expect(spans.root?.status).toEqual({ code: 2, message: 'connection reset' });
    expect(spans.sibling?.status.code).toBe(0);
    expect(endReasons()).toEqual({
      sibling: 'stream_error',
      step: 'stream_error',
      root: 'stream_error',
    });
  });

  it('watchAbort: the abort ends the call; a call that ends first drops its listener', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    const aborted = countingSignal();
    tracer.startActiveSpan('aborted-root', () => {
      tracer.watchAbort({ abortSignal: aborted.signal });
      tracer.startSpan('step');
    });
    expect(aborted.listeners.size).toBe(1);
    aborted.abort();
    expect(endReasons()).toEqual({ step: 'aborted', 'aborted-root': 'aborted' });

    const finished = countingSignal();
    tracer.startActiveSpan('finished-root', (root) => {
      tracer.watchAbort({ abortSignal: finished.signal });
      expect(finished.listeners.size).toBe(1);
      root.end();
    });
    expect(finished.listeners.size).toBe(0);
  });

  it('watchAbort ignores a missing signal, an aborted one, and a context without a call', () => {
    const tracer = new CallTracer(harness.capture.tracer('ai'), undefined);
    const signal = countingSignal();
    tracer.watchAbort({ abortSignal: signal.signal });
    tracer.watchAbort(undefined);
    tracer.watchAbort({});
    signal.abort();
    tracer.startActiveSpan('root', (root) => {
      tracer.watchAbort({ abortSignal: signal.signal });
      root.end();
    });
    expect(signal.listeners.size).toBe(0);
  });

  it('passes spans that are not recorded through untouched', () => {
    const unsampled = new BasicTracerProvider({
      sampler: {
        shouldSample: () => ({ decision: SamplingDecision.NOT_RECORD }),
        toString: () => 'never',
      },
    });
    const tracer = new CallTracer(unsampled.getTracer('ai'), undefined);
    const span = tracer.startSpan('x');
    expect(span).not.toBeInstanceOf(CallSpan);
    expect(span.isRecording()).toBe(false);
  });
});
