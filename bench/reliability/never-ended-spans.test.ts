/**
 * A span that never ends (a leaked stream, a request whose handler hung) must not keep memory
 * alive through Threadline: its record rides on the span object itself (span-record.ts), so once
 * the application drops the span, the record goes with it.
 */
import { context, type Span, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes, ThreadlineSpanProcessor } from '@threadline/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heapAfterGc, mb } from './support/heap';

const processor = new ThreadlineSpanProcessor();
const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('leaky');

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => {
  context.disable();
});

/** 20,000 spans that never end, each in its own conversation, some stamped, some parents. */
function startNeverEnded(count: number): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < count; i++) {
    const fields = {
      sessionId: `never-ended-${i}`,
      userId: `user-${i}`,
      tags: [`t${i}`],
      metadata: { turn: i },
    };
    propagateAttributes(fields, () => {
      const parent = tracer.startSpan('request');
      spans.push(parent);
      context.with(trace.setSpan(context.active(), parent), () => {
        // A scope entered under a live span stamps it; a child resolves through the parent.
        propagateAttributes({ traceName: `turn-${i}` }, () => spans.push(tracer.startSpan('llm')));
      });
    });
  }
  return spans;
}

describe('spans that never end', () => {
  it('20,000 never-ended spans in distinct sessions (stamped parents and children), three times: heap returns to its baseline once the application drops them, and nothing accumulates round after round', async () => {
    // One round first, so code, caches and the JIT are in the baseline.
    startNeverEnded(2_000).length = 0;
    const baseline = await heapAfterGc();
    const residuals: number[] = [];
    let held = 0;
    for (let round = 0; round < 3; round++) {
      let spans: Span[] | undefined = startNeverEnded(20_000);
      held = (await heapAfterGc()) - baseline;
      expect(spans).toHaveLength(40_000);
      spans = undefined;
      residuals.push((await heapAfterGc()) - baseline);
    }
    const report = `held ${mb(held)} while alive; after dropping: ${residuals.map(mb).join(', ')}`;
    // They do take memory while the application holds them...
    expect(held, report).toBeGreaterThan(20 * 1024 * 1024);
    // ...and it comes back: what stays is the capacity weak tables keep after their entries
    // died (about 75 bytes per live scope at the peak, see the report), never more per round.
    expect(residuals[0]!, report).toBeLessThan(held * 0.06);
    expect(residuals[2]! - residuals[0]!, report).toBeLessThan(512 * 1024);
  });
});
