import { createRequire } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { requireHiding } from '../../test/require-hiding';
import { exportEach, InMemorySpanExporter } from '../../test/trace-sdk';
import { ThreadlineSpanProcessor } from '../processor/threadline-span-processor';
import { propagateAttributes } from '../scope/propagate-attributes';
import { loadTraceSdk } from './load-trace-sdk';
import { packageRequire } from './package-require';

// SDK 2 only (the core-otel-sdk-3 project leaves this file out).
afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('loadTraceSdk on SDK 2', () => {
  it('passes over the @opentelemetry/sdk-trace 2.x that SDK 2 brings along (npm hoists it)', () => {
    const beside = createRequire(packageRequire.resolve('@opentelemetry/sdk-trace'));
    const { SDK_INFO } = beside('@opentelemetry/core') as { SDK_INFO: Record<string, string> };
    expect(SDK_INFO['telemetry.sdk.version']).toMatch(/^2\./);
    expect(loadTraceSdk().info.packageName).toBe('@opentelemetry/sdk-trace-node');
  });

  it('builds on sdk-trace-base alone, registering context manager and propagators itself', async () => {
    const sdk = loadTraceSdk(requireHiding(packageRequire, ['@opentelemetry/sdk-trace-node']));
    expect(sdk.info.packageName).toBe('@opentelemetry/sdk-trace-base');
    const exporter = new InMemorySpanExporter();
    const provider = sdk.createProvider({
      attributes: { 'service.name': 'base-only' },
      spanProcessors: [new ThreadlineSpanProcessor(), exportEach(exporter)],
    });
    sdk.globalRegistration()(provider);
    const carrier: Record<string, string> = {};
    await propagateAttributes({ sessionId: 'conv-b', asBaggage: true }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      trace.getTracer('app').startActiveSpan('turn', (span) => {
        propagation.inject(context.active(), carrier);
        span.end();
      });
    });
    const [span] = exporter.getFinishedSpans();
    await provider.shutdown();
    expect(span?.attributes['session.id']).toBe('conv-b');
    expect(span?.resource.attributes['service.name']).toBe('base-only');
    expect(carrier.traceparent).toMatch(/^00-/);
    expect(carrier.baggage).toContain('langfuse_session_id=conv-b');
  });

  it('builds on @opentelemetry/sdk-trace 2.x when it is the only SDK package (npm on Node 20)', async () => {
    const sdk = loadTraceSdk(
      requireHiding(packageRequire, [
        '@opentelemetry/sdk-trace-node',
        '@opentelemetry/sdk-trace-base',
      ]),
    );
    expect(sdk.info.packageName).toBe('@opentelemetry/sdk-trace');
    expect(sdk.info.version).toMatch(/^2\./);
    const exporter = new InMemorySpanExporter();
    const provider = sdk.createProvider({
      attributes: { 'service.name': 'sdk-trace-2' },
      spanProcessors: [new ThreadlineSpanProcessor(), sdk.exportEach(exporter)],
    });
    sdk.globalRegistration()(provider);
    await propagateAttributes({ userId: 'u-2' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      trace.getTracer('app').startSpan('turn').end();
    });
    const [span] = exporter.getFinishedSpans();
    await provider.shutdown();
    expect(span?.attributes['user.id']).toBe('u-2');
    expect(span?.resource.attributes['service.name']).toBe('sdk-trace-2');
  });
});
