import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEV_TRACES_URL, exportTargets, probeUrl } from '../src/export-targets';

const receiverTracesUrl = 'http://127.0.0.1:1/v1/traces';
const labels = (env: Record<string, string>, dev = false) =>
  exportTargets({ receiverTracesUrl, env, dev }).extra.map((t) => [t.label, t.where]);

describe('export targets', () => {
  it('adds nothing by default: the loopback receiver is enough', () => {
    expect(labels({})).toEqual([]);
  });

  it('adds Langfuse and the OTLP endpoint when the environment names them', () => {
    const env = {
      LANGFUSE_PUBLIC_KEY: 'pk-lf-1',
      LANGFUSE_SECRET_KEY: 'sk-lf-1',
      LANGFUSE_BASE_URL: 'https://langfuse.example/',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    };
    expect(labels(env)).toEqual([
      ['Langfuse', 'https://langfuse.example → Sessions'],
      ['OTLP endpoint', 'http://collector:4318'],
    ]);
  });

  it('--dev exports to threadline dev, at the OTLP endpoint when one is set', () => {
    expect(labels({}, true)).toEqual([['threadline dev', DEV_TRACES_URL]]);
    expect(labels({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9999' }, true)).toEqual([
      ['threadline dev', 'http://127.0.0.1:9999'],
    ]);
  });

  it('probes a URL: nothing listening is reported at once, a listener passes', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
    expect(await probeUrl(url)).toBeUndefined();
    await new Promise((resolve) => server.close(resolve));
    expect(await probeUrl(url)).toBe(`nothing listens at ${url}`);
  });
});
