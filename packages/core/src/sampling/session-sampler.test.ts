import { context, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installGlobals } from '../../test/harness';
import { ThreadlineSpanProcessor } from '../processor/threadline-span-processor';
import { propagateAttributes } from '../scope/propagate-attributes';
import { sessionHashFraction, traceIdFraction } from './session-hash';
import { SessionSampler } from './session-sampler';

function providerAt(sampleRate: number) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    sampler: new SessionSampler({ sampleRate }),
    spanProcessors: [new ThreadlineSpanProcessor(), new SimpleSpanProcessor(exporter)],
  });
  return { tracer: provider.getTracer('sampling'), exporter, provider };
}

describe('SessionSampler', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installGlobals();
  });
  afterAll(() => uninstall());

  it('keeps 10% ± 1.5% of 10,000 sessions at 0.1, and every session whole or not at all', async () => {
    const { tracer, exporter, provider } = providerAt(0.1);
    const sessions = 10_000;
    for (let s = 0; s < sessions; s++) {
      // Three turns, each its own trace, each with a child span.
      for (let turn = 0; turn < 3; turn++) {
        propagateAttributes({ sessionId: `conv-${s}` }, () => {
          tracer.startActiveSpan('turn', (root) => {
            tracer.startSpan('model call').end();
            root.end();
          });
        });
      }
    }
    const spansPerSession = new Map<string, number>();
    for (const span of exporter.getFinishedSpans()) {
      const id = span.attributes['session.id'] as string;
      spansPerSession.set(id, (spansPerSession.get(id) ?? 0) + 1);
    }
    const kept = spansPerSession.size / sessions;
    expect(kept).toBeGreaterThanOrEqual(0.085);
    expect(kept).toBeLessThanOrEqual(0.115);
    // No session partly kept: each kept session has all 3 traces × 2 spans.
    expect([...new Set(spansPerSession.values())]).toEqual([6]);
    await provider.shutdown();
  });

  it('decides by the session an adapter or another library names at span start', () => {
    const sampler = new SessionSampler({ sampleRate: 0.5 });
    const ids = Array.from({ length: 200 }, (_, i) => `s-${i}`);
    const kept = ids.filter((id) => sessionHashFraction(id) < 0.5);
    for (const id of ids) {
      const expected = kept.includes(id) ? 2 : 0;
      for (const key of ['session.id', 'langfuse.session.id', 'ai.telemetry.metadata.sessionId']) {
        const { decision } = sampler.shouldSample(
          ROOT_CONTEXT,
          'a'.repeat(32),
          'x',
          0,
          { [key]: id },
          [],
        );
        expect(decision).toBe(expected);
      }
    }
  });

  it('follows the parent (a remote one too), so a service downstream keeps the same sessions', () => {
    const sampler = new SessionSampler({ sampleRate: 0 });
    const parent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: 'b'.repeat(32),
      spanId: 'c'.repeat(16),
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(sampler.shouldSample(parent, 'b'.repeat(32), 'x', 0, {}, []).decision).toBe(2);
    const unsampled = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: 'b'.repeat(32),
      spanId: 'c'.repeat(16),
      traceFlags: TraceFlags.NONE,
      isRemote: true,
    });
    const keepAll = new SessionSampler({ sampleRate: 1 });
    expect(keepAll.shouldSample(unsampled, 'b'.repeat(32), 'x', 0, {}, []).decision).toBe(0);
  });

  it('falls back to a trace-id ratio for root spans without a session', () => {
    const { tracer, exporter, provider } = providerAt(0.2);
    context.with(ROOT_CONTEXT, () => {
      for (let i = 0; i < 10_000; i++) tracer.startSpan('no session').end();
    });
    const kept = exporter.getFinishedSpans().length / 10_000;
    expect(kept).toBeGreaterThanOrEqual(0.185);
    expect(kept).toBeLessThanOrEqual(0.215);
    return provider.shutdown();
  });

  it('takes out-of-range rates as the nearest bound, and a bad one as keep-all', () => {
    const root = (rate: unknown) =>
      new SessionSampler({ sampleRate: rate as number }).shouldSample(
        ROOT_CONTEXT,
        'f'.repeat(32),
        'x',
        0,
        { 'session.id': 'conv-1' },
        [],
      ).decision;
    expect(root(7)).toBe(2);
    expect(root(-1)).toBe(0);
    expect(root(Number.NaN)).toBe(2);
    expect(traceIdFraction('0'.repeat(32))).toBe(0);
  });
});
