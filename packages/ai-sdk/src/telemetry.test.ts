import { trace } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { createSpanCapture } from '@threadline/testing';
import type { TelemetrySettings as TelemetrySettings6 } from 'ai';
import type { TelemetrySettings as TelemetrySettings5 } from 'ai-v5';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { useHarness } from '../test/harness';
import { CallTracer } from './call-tracer';
import { type ThreadlineTelemetrySettings, telemetry } from './telemetry';

const harness = useHarness();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('telemetry', () => {
  it('is typed as the TelemetrySettings of ai 6 and of ai 5', () => {
    expectTypeOf(telemetry()).toExtend<TelemetrySettings6>();
    expectTypeOf(telemetry()).toExtend<TelemetrySettings5>();
    const settings: ThreadlineTelemetrySettings = telemetry();
    const v6: TelemetrySettings6 = settings;
    const v5: TelemetrySettings5 = settings;
    expect(v6).toBe(v5);
  });

  it('outside any scope: enabled, content recorded, empty metadata, a tracer', () => {
    const settings = telemetry();
    expect(settings).toMatchObject({
      isEnabled: true,
      recordInputs: true,
      recordOutputs: true,
      metadata: {},
    });
    expect(settings).not.toHaveProperty('functionId');
    expect(settings.tracer).toBeInstanceOf(CallTracer);
    expect(typeof settings.integrations?.onStart).toBe('function');
  });

  it('records content by Threadline’s setting unless told otherwise', () => {
    vi.stubEnv('THREADLINE_CAPTURE_CONTENT', 'false');
    expect(telemetry()).toMatchObject({ recordInputs: false, recordOutputs: false });
    expect(telemetry({ recordInputs: true })).toMatchObject({
      recordInputs: true,
      recordOutputs: false,
    });
    vi.unstubAllEnvs();
    expect(telemetry({ recordOutputs: false })).toMatchObject({
      recordInputs: true,
      recordOutputs: false,
    });
  });

  it('passes functionId on', () => {
    expect(telemetry({ functionId: 'support-chat' }).functionId).toBe('support-chat');
  });

  it('fills metadata from the active scope', () => {
    const settings = propagateAttributes(
      {
        sessionId: 'conv-1',
        userId: 'user-1',
        tags: ['a'],
        metadata: { tier: 'gold', beta: true },
        traceName: 'chat',
        environment: 'production',
      },
      () => telemetry(),
    );
    expect(settings.metadata).toEqual({
      sessionId: 'conv-1',
      userId: 'user-1',
      tags: ['a'],
      tier: 'gold',
      beta: 'true',
    });
  });

  it('options win over the scope, field by field; tags and metadata merge', () => {
    const settings = propagateAttributes(
      { sessionId: 'scope', userId: 'user-1', tags: ['a'], metadata: { tier: 'gold', x: 1 } },
      () => telemetry({ sessionId: 'conv-2', tags: ['b', 'a'], metadata: { tier: 'free' } }),
    );
    expect(settings.metadata).toEqual({
      sessionId: 'conv-2',
      userId: 'user-1',
      tags: ['a', 'b'],
      tier: 'free',
      x: '1',
    });
  });

  it('inside a span that named its session explicitly, inherits it (docs/contract.md#precedence, level 2)', () => {
    const settings = propagateAttributes({ sessionId: 'scope' }, () =>
      harness.capture
        .tracer('ai')
        .startActiveSpan(
          'ai.toolCall',
          { attributes: { 'ai.telemetry.metadata.sessionId': 'outer-call' } },
          (span) => {
            const settings = telemetry();
            span.end();
            return settings;
          },
        ),
    );
    expect(settings.metadata.sessionId).toBe('outer-call');
  });

  it('drops an invalid value on its own, reports it, and keeps the rest', () => {
    const settings = telemetry({
      sessionId: 'conv\n3',
      userId: 'user-3',
      tags: ['ok', ''],
      environment: 'Production!',
      metadata: { 'bad key': 'x', good: 'y' },
    });
    expect(settings.metadata).toEqual({ userId: 'user-3', tags: ['ok'], good: 'y' });
    expect(harness.diagnostics.join('\n')).toMatch(/sessionId/);
  });

  it('never throws: unusable options still give working settings', () => {
    const settings = telemetry({
      tags: 'not-a-list' as never,
      metadata: 42 as never,
      recordInputs: 'yes' as never,
      tracerProvider: {
        getTracer: () => {
          throw new Error('broken provider');
        },
      },
    });
    expect(settings).toMatchObject({ isEnabled: true, recordInputs: true, metadata: {} });
    expect(settings.tracer).toBeUndefined();
    expect(harness.diagnostics.join('\n')).toMatch(/could not prepare AI SDK telemetry/);
    expect(telemetry(null as never)).toMatchObject({ isEnabled: true, metadata: {} });
  });
});

describe('telemetry: which tracer', () => {
  it('by default the global provider’s, under the scope name `ai`', () => {
    const settings = telemetry();
    settings.tracer!.startSpan('x').end();
    expect(harness.capture.spans()[0]?.instrumentationScope.name).toBe('ai');
  });

  it('`tracerProvider`: its tracer named `ai`; `tracer` wins over it', async () => {
    const own = createSpanCapture();
    const ignored = createSpanCapture();
    telemetry({ tracerProvider: own.provider }).tracer!.startSpan('from-provider').end();
    telemetry({ tracer: own.tracer('mine'), tracerProvider: ignored.provider })
      .tracer!.startSpan('from-tracer')
      .end();
    expect(own.spans().map((s) => [s.name, s.instrumentationScope.name])).toEqual([
      ['from-provider', 'ai'],
      ['from-tracer', 'mine'],
    ]);
    expect(ignored.spans()).toEqual([]);
    expect(harness.capture.spans()).toEqual([]);
    await Promise.all([own.provider.shutdown(), ignored.provider.shutdown()]);
  });

  it('the integration hook ignores events without a signal and never throws', () => {
    const settings = telemetry();
    expect(() => settings.integrations!.onStart({})).not.toThrow();
    expect(() => settings.integrations!.onStart(undefined as never)).not.toThrow();
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
