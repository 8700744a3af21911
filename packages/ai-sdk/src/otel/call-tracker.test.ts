import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../test/harness';
import { CallTracker, type OpenCall } from './call-tracker';

const harness = useHarness();

describe('CallTracker', () => {
  it('writes each span down under the call whose hook runs, and under none outside', () => {
    const tracker = new CallTracker(undefined, 'gen_ai');
    const call: OpenCall = { spans: [] };
    tracker.call = call;
    const root = tracker.startSpan('invoke_agent');
    const step = tracker.startSpan('step 1', {}, trace.setSpan(context.active(), root));
    tracker.call = undefined;
    const other = tracker.startSpan('unrelated');
    expect(call.spans).toEqual([root, step]);
    for (const span of [step, root, other]) span.end();
    // The application's spans, unwrapped, on the global provider's tracer of that name.
    const spans = harness.capture.spans();
    expect(spans.map((span) => [span.name, span.instrumentationScope.name])).toEqual([
      ['step 1', 'gen_ai'],
      ['invoke_agent', 'gen_ai'],
      ['unrelated', 'gen_ai'],
    ]);
    expect(spans[0]!.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
  });

  it('startActiveSpan: the span is active in the callback, which returns through', () => {
    const tracker = new CallTracker(harness.capture.tracer('mine'), 'gen_ai');
    const call: OpenCall = { spans: [] };
    tracker.call = call;
    const result = tracker.startActiveSpan('work', (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      span.end();
      return 42;
    });
    expect(result).toBe(42);
    expect(call.spans).toHaveLength(1);
    expect(harness.capture.spans()[0]?.instrumentationScope.name).toBe('mine');
  });
});
