import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INSTALLED_SDK } from '../../test/trace-sdk';
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

/** Runs `fn` with these variables set in process.env (the OTLP exporters read it themselves). */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    process.env = saved;
  }
}

/** Registers without an exporter (so from the environment), sends one span, shuts down. */
async function exportOneFromEnv(): Promise<void> {
  const registration = registerThreadline({ serviceName: 'svc', register: false, batch: false });
  registration.provider.getTracer('x').startSpan('s').end();
  await registration.shutdown();
}

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

  it('adds the standard OTLP exporter when an OTLP endpoint is set', () => {
    const both = exportersFromEnv({
      LANGFUSE_PUBLIC_KEY: 'a',
      LANGFUSE_SECRET_KEY: 'b',
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
    });
    expect(both).toHaveLength(2);
    expect(exportersFromEnv({})).toHaveLength(1);
  });

  it('exports OTLP protobuf to the OTEL_EXPORTER_OTLP_* endpoint, JSON when asked', async () => {
    const endpoint = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${base}/v1/traces` };
    await withEnv(endpoint, exportOneFromEnv);
    await withEnv({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, exportOneFromEnv);
    expect(received.map((r) => [r.path, r.headers['content-type']])).toEqual([
      ['/v1/traces', 'application/x-protobuf'],
      ['/v1/traces', 'application/json'],
    ]);
    expect(received[1]?.body.toString()).toContain('"svc"');
  });
});

describe('registerThreadline', () => {
  it('builds on the SDK installed', async () => {
    const registration = registerThreadline({ register: false, exporter: [] });
    await registration.shutdown();
    expect(registration.sdk.packageName).toBe(INSTALLED_SDK.packageName);
    expect(Number.parseInt(registration.sdk.version, 10)).toBe(INSTALLED_SDK.major);
  });

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
        propagation.inject(
          propagation.setBaggage(
            context.active(),
            propagation.createBaggage({ k: { value: 'v' } }),
          ),
          carrier,
        );
        span.end();
      });
      expect(carrier.traceparent).toMatch(/^00-/);
      expect(carrier.baggage).toBe('k=v');
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
    await withEnv(
      {
        LANGFUSE_PUBLIC_KEY: 'pk-lf-test',
        LANGFUSE_SECRET_KEY: 'sk-lf-test',
        LANGFUSE_BASE_URL: base,
      },
      exportOneFromEnv,
    );
    expect(received[0]?.path).toBe('/api/public/otel/v1/traces');
    expect(received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('pk-lf-test:sk-lf-test').toString('base64')}`,
    );
  });
});
