import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { resolveLangfuse, toReceivedSpans } from '@threadline/read-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSpanCapture, type SpanCapture } from '../span-capture';
import { type OtlpReceiver, startOtlpReceiver } from './start-otlp-receiver';

/*
 * Acceptance: spans made by a real SDK with ThreadlineSpanProcessor inside
 * propagateAttributes go through the real OTLP/HTTP exporters to the receiver, and
 * resolveLangfuse gives each trace the right session and user.
 */

// The enum lives in @opentelemetry/otlp-exporter-base, which this package does not depend on.
const GZIP = 'gzip' as unknown as NonNullable<
  NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>['compression']
>;

const exporters: Array<{
  name: string;
  create(url: string): SpanExporter;
}> = [
  { name: 'OTLP/JSON (exporter-trace-otlp-http)', create: (url) => new JsonExporter({ url }) },
  {
    name: 'OTLP/protobuf (exporter-trace-otlp-proto)',
    create: (url) => new ProtoExporter({ url }),
  },
  {
    name: 'OTLP/protobuf with gzip',
    create: (url) => new ProtoExporter({ url, compression: GZIP }),
  },
  {
    name: 'OTLP/JSON with gzip',
    create: (url) => new JsonExporter({ url, compression: GZIP }),
  },
];

/** Two conversations of two users, each a request span with a model call and a tool inside. */
async function runConversations(capture: SpanCapture): Promise<void> {
  const tracer = trace.getTracer('acceptance-app', '1.2.3');
  const turn = (label: string) =>
    tracer.startActiveSpan(`handle ${label}`, { kind: SpanKind.SERVER }, async (request) => {
      await tracer.startActiveSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT }, async (call) => {
        call.setAttributes({
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 12,
          'gen_ai.usage.output_tokens': 5,
          'gen_ai.request.temperature': 0.25,
          'gen_ai.response.finish_reasons': ['stop'],
          streamed: false,
        });
        call.addEvent('first chunk', { index: 0 });
        await Promise.resolve();
        call.end();
      });
      const tool = tracer.startSpan('execute_tool lookup', {
        attributes: { 'gen_ai.operation.name': 'execute_tool' },
      });
      tool.setStatus({ code: SpanStatusCode.ERROR, message: 'lookup failed' });
      tool.end();
      request.end();
    });
  await Promise.all([
    propagateAttributes({ sessionId: 'conv-a', userId: 'user-1', tags: ['beta'] }, () => turn('a')),
    propagateAttributes({ sessionId: 'conv-b', userId: 'user-2' }, () => turn('b')),
  ]);
  await capture.provider.forceFlush();
}

describe.each(exporters)('real exporter: $name', ({ create }) => {
  let receiver: OtlpReceiver;
  let capture: SpanCapture;
  let memory: InMemorySpanExporter;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  afterEach(async () => {
    await capture.uninstall();
    receiver.reset();
  });

  function install(): void {
    memory = new InMemorySpanExporter();
    capture = createSpanCapture({
      resource: resourceFromAttributes({
        'service.name': 'acceptance',
        'service.version': '9.9.9',
      }),
      processors: [
        new SimpleSpanProcessor(create(receiver.tracesUrl)),
        new SimpleSpanProcessor(memory),
      ],
    });
    capture.install();
  }

  it('gives each trace its own session and user', async () => {
    install();
    await runConversations(capture);
    const received = await receiver.waitForSpans(6);
    const view = resolveLangfuse(received);

    expect(view.traces).toHaveLength(2);
    const byName = Object.fromEntries(view.traces.map((t) => [t.name, t]));
    expect(byName['handle a']).toMatchObject({
      sessionId: 'conv-a',
      userId: 'user-1',
      tags: ['beta'],
      version: '9.9.9',
      environment: 'default',
    });
    expect(byName['handle b']).toMatchObject({ sessionId: 'conv-b', userId: 'user-2', tags: [] });
    for (const t of view.traces) {
      expect(t.observations.map((o) => o.type).sort()).toEqual(['generation', 'span', 'tool']);
      for (const o of t.observations)
        expect([o.sessionId, o.userId]).toEqual([t.sessionId, t.userId]);
    }
    expect(view.sessions.map((s) => [s.id, s.userIds, s.traces.length]).sort()).toEqual([
      ['conv-a', ['user-1'], 1],
      ['conv-b', ['user-2'], 1],
    ]);
    expect(view.users.map((u) => ({ ...u })).sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      {
        id: 'user-1',
        traces: 1,
        observations: 3,
        inputTokens: 12,
        outputTokens: 5,
        totalTokens: 17,
        errors: 1,
      },
      {
        id: 'user-2',
        traces: 1,
        observations: 3,
        inputTokens: 12,
        outputTokens: 5,
        totalTokens: 17,
        errors: 1,
      },
    ]);
  });

  it('decodes every span exactly as the SDK held it', async () => {
    install();
    await runConversations(capture);
    const received = await receiver.waitForSpans(6);
    const sdk = toReceivedSpans(memory.getFinishedSpans());
    const key = (s: { spanId: string }) => s.spanId;
    expect([...received].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...sdk].sort((a, b) => key(a).localeCompare(key(b))),
    );
    const call = received.find((s) => s.name === 'chat gpt-4o-mini')!;
    expect(call).toMatchObject({
      kind: 3,
      attributes: {
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.request.temperature': 0.25,
        'gen_ai.response.finish_reasons': ['stop'],
        streamed: false,
        'session.id': expect.any(String),
      },
      events: [{ name: 'first chunk', attributes: { index: 0 } }],
      scope: { name: 'acceptance-app', version: '1.2.3' },
      resource: { 'service.name': 'acceptance', 'service.version': '9.9.9' },
    });
    expect(call.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(call.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(received.find((s) => s.name === 'execute_tool lookup')?.status).toEqual({
      code: 2,
      message: 'lookup failed',
    });
  });
});
