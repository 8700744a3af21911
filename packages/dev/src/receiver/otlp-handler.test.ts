import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SpanKind, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { createSpanCapture, type resolveLangfuse } from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from '../server/start-dev-server';

/*
 * The receiver against the real OTLP/HTTP exporters (JSON and protobuf) and against bodies
 * that are malformed, empty or too large: those get 400/413 and never touch what was stored.
 */

const MAX_BODY = 64 * 1024;
let dir: string;
let dev: DevServer;

async function spansInStore(): Promise<number> {
  return dev.spanCount();
}

async function post(body: Uint8Array | string, contentType: string, headers = {}) {
  const response = await fetch(dev.tracesUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

function validJson(spanId: string): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'raw' } }] },
        scopeSpans: [
          {
            scope: { name: 'raw-test' },
            spans: [
              {
                traceId: '0af7651916cd43dd8448eb211c80319c',
                spanId,
                name: 'raw span',
                kind: 1,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000500000000',
                attributes: [{ key: 'session.id', value: { stringValue: 'raw-session' } }],
              },
            ],
          },
        ],
      },
    ],
  });
}

async function exportWith(exporter: SpanExporter, sessionId: string): Promise<void> {
  const capture = createSpanCapture({ processors: [new SimpleSpanProcessor(exporter)] });
  capture.install();
  try {
    const tracer = trace.getTracer('receiver-test');
    await propagateAttributes({ sessionId, userId: `${sessionId}-user` }, async () => {
      await tracer.startActiveSpan('request', { kind: SpanKind.SERVER }, async (root) => {
        tracer
          .startSpan('chat gpt-4o-mini', {
            kind: SpanKind.CLIENT,
            attributes: {
              'gen_ai.operation.name': 'chat',
              'gen_ai.request.model': 'gpt-4o-mini',
              'gen_ai.usage.input_tokens': 11,
              'gen_ai.usage.output_tokens': 7,
              'langfuse.observation.input': JSON.stringify([{ role: 'user', content: 'hi' }]),
            },
          })
          .end();
        root.end();
      });
    });
    await capture.provider.forceFlush();
  } finally {
    await capture.uninstall();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'threadline-dev-receiver-'));
  dev = await startDevServer({
    port: 0,
    uiPort: 0,
    db: join(dir, 'dev.db'),
    maxBodyBytes: MAX_BODY,
  });
});

afterAll(async () => {
  await dev.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('real OTLP exporters', () => {
  it.each([
    ['OTLP/JSON', (url: string) => new JsonExporter({ url }), 'json-session'],
    ['OTLP/protobuf', (url: string) => new ProtoExporter({ url }), 'proto-session'],
    [
      'OTLP/protobuf, gzip',
      (url: string) => new ProtoExporter({ url, compression: 'gzip' as never }),
      'gzip-session',
    ],
  ])('stores what %s sends, grouped as Langfuse would', async (_name, create, sessionId) => {
    const before = await spansInStore();
    await exportWith(create(dev.tracesUrl), sessionId);
    expect(await spansInStore()).toBe(before + 2);
    const sessions = (await (await fetch(`${dev.uiUrl}/api/sessions`)).json()) as Array<{
      id: string;
      userIds: string[];
      traces: number;
      tokens: { total: number };
    }>;
    expect(sessions.find((s) => s.id === sessionId)).toMatchObject({
      userIds: [`${sessionId}-user`],
      traces: 1,
      tokens: { total: 18 },
    });
    const detail = (await (await fetch(`${dev.uiUrl}/api/sessions/${sessionId}`)).json()) as {
      traces: ReturnType<typeof resolveLangfuse>['traces'];
    };
    expect(detail.traces[0]!.observations.map((o) => o.type)).toEqual(['span', 'generation']);
  });
});

describe('bad input', () => {
  beforeEach(async () => {
    // Something stored before, which no bad request may disturb.
    expect((await post(validJson('00f067aa0ba902b7'), 'application/json')).status).toBe(200);
  });

  it('answers 400 with the reason for a body that is not JSON, and stores nothing', async () => {
    const before = await spansInStore();
    const { status, text } = await post('{"resourceSpans": [', 'application/json');
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({
      code: 3,
      message: expect.stringContaining('not valid JSON'),
    });
    expect(await spansInStore()).toBe(before);
  });

  it('rejects a whole batch when one span in it is malformed', async () => {
    const before = await spansInStore();
    const body = JSON.parse(validJson('1111111111111111'));
    body.resourceSpans[0].scopeSpans[0].spans.push({ traceId: 'xyz', spanId: '22', name: 'bad' });
    const { status, text } = await post(JSON.stringify(body), 'application/json');
    expect(status).toBe(400);
    expect(text).toContain('spans[1].traceId');
    expect(await spansInStore()).toBe(before);
  });

  it('answers 400 for protobuf that does not decode', async () => {
    const before = await spansInStore();
    const { status, text } = await post(
      new Uint8Array([0x0a, 0xff, 0xff, 0xff]),
      'application/x-protobuf',
    );
    expect(status).toBe(400);
    expect(text).toContain('not an ExportTraceServiceRequest');
    expect(await spansInStore()).toBe(before);
  });

  it('answers 400 for an empty JSON body and 200 for an empty protobuf body', async () => {
    const before = await spansInStore();
    expect((await post('', 'application/json')).status).toBe(400);
    expect((await post(new Uint8Array(), 'application/x-protobuf')).status).toBe(200);
    expect((await post('{}', 'application/json')).status).toBe(200);
    expect(await spansInStore()).toBe(before);
  });

  it('answers 413 for a body over the bound, declared or streamed, and for a gzip bomb', async () => {
    const before = await spansInStore();
    const big = 'x'.repeat(MAX_BODY + 1);
    expect((await post(big, 'application/json')).status).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let n = 0; n < 4; n++) controller.enqueue(new Uint8Array(MAX_BODY / 2));
        controller.close();
      },
    });
    const response = await fetch(dev.tracesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(MAX_BODY * 4));
    expect(bomb.length).toBeLessThan(MAX_BODY);
    expect(
      (await post(bomb, 'application/x-protobuf', { 'content-encoding': 'gzip' })).status,
    ).toBe(413);
    expect(await spansInStore()).toBe(before);
  });

  it('answers 415, 405 and 404 for other media types, methods and paths', async () => {
    expect((await post('hello', 'text/plain')).status).toBe(415);
    expect((await post('{}', 'application/json', { 'content-encoding': 'br' })).status).toBe(415);
    expect((await fetch(dev.tracesUrl)).status).toBe(405);
    expect((await fetch(`${dev.otlpUrl}/v1/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('keeps one copy of a span sent twice (an exporter retry)', async () => {
    const before = await spansInStore();
    expect((await post(validJson('00f067aa0ba902b7'), 'application/json')).status).toBe(200);
    expect(await spansInStore()).toBe(before);
  });
});
