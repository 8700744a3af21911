import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OTLPJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { propagateAttributes } from '../scope/propagate-attributes';
import { exportersFromEnv, langfuseExporterConfig } from './exporter-from-env';
import { registerThreadline } from './register-threadline';

interface Received {
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' });
      res.end(req.headers['content-type'] === 'application/json' ? '{}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => {
  received.length = 0;
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('exportersFromEnv', () => {
  it('uses Langfuse OTLP with Basic auth when its keys are set', () => {
    const config = langfuseExporterConfig({
      LANGFUSE_PUBLIC_KEY: 'pk-lf-1',
      LANGFUSE_SECRET_KEY: 'sk-lf-2',
      LANGFUSE_BASE_URL: 'https://langfuse.example/',
    });
    expect(config?.url).toBe('https://langfuse.example/api/public/otel/v1/traces');
    expect(config?.headers.Authorization).toBe(
      `Basic ${Buffer.from('pk-lf-1:sk-lf-2').toString('base64')}`,
    );
    const exporters = exportersFromEnv({ LANGFUSE_PUBLIC_KEY: 'a', LANGFUSE_SECRET_KEY: 'b' });
    expect(exporters).toHaveLength(1);
  });

  it('adds the standard OTLP exporter when an OTLP endpoint is set, JSON when asked', () => {
    const both = exportersFromEnv({
      LANGFUSE_PUBLIC_KEY: 'a',
      LANGFUSE_SECRET_KEY: 'b',
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
    });
    expect(both).toHaveLength(2);
    const json = exportersFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expect(json[0]).toBeInstanceOf(OTLPJsonExporter);
    expect(exportersFromEnv({})[0]).toBeInstanceOf(OTLPProtoExporter);
  });
});

describe('registerThreadline', () => {
  it('registers context, propagators and a provider with the processor first, and exports over OTLP', async () => {
    const registration = registerThreadline({
      serviceName: 'svc',
      exporter: new OTLPProtoExporter({ url: `${base}/v1/traces` }),
      batch: false,
    });
    const tracer = trace.getTracer('app');
    await propagateAttributes({ sessionId: 'conv-1', userId: 'user-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      const carrier: Record<string, string> = {};
      tracer.startActiveSpan('turn', (span) => {
        propagation.inject(context.active(), carrier);
        span.end();
      });
      expect(carrier.traceparent).toMatch(/^00-/);
    });
    await registration.forceFlush();
    await registration.shutdown();
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/v1/traces');
    expect(received[0]?.headers['content-type']).toBe('application/x-protobuf');
    const body = received[0]!.body.toString('latin1');
    for (const text of ['svc', 'turn', 'session.id', 'conv-1', 'user.id', 'user-1']) {
      expect(body).toContain(text);
    }
  });

  it('sends the Langfuse Basic auth header to the Langfuse endpoint', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      LANGFUSE_PUBLIC_KEY: 'pk-lf-test',
      LANGFUSE_SECRET_KEY: 'sk-lf-test',
      LANGFUSE_BASE_URL: base,
    });
    try {
      const registration = registerThreadline({
        serviceName: 'svc',
        register: false,
        batch: false,
      });
      registration.provider.getTracer('x').startSpan('s').end();
      await registration.shutdown();
    } finally {
      process.env = saved;
    }
    expect(received[0]?.path).toBe('/api/public/otel/v1/traces');
    expect(received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('pk-lf-test:sk-lf-test').toString('base64')}`,
    );
  });
});
