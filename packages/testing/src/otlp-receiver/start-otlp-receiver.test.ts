import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { otlpProtoTypes } from '@threadline/read-model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from './start-otlp-receiver';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';

function jsonBody(...names: string[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: names.map((name, n) => ({
              traceId: TRACE_ID,
              spanId: `00000000000000${String(n + 1).padStart(2, '0')}`,
              name,
              startTimeUnixNano: '1',
              endTimeUnixNano: '2',
            })),
          },
        ],
      },
    ],
  });
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw POST, so tests control headers, chunking and encodings exactly. */
function post(
  url: string,
  body: Uint8Array | string | Array<Uint8Array | string>,
  headers: Record<string, string | number> = {},
  method = 'POST',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const part of Array.isArray(body) ? body : [body]) req.write(part);
    req.end();
  });
}

describe('startOtlpReceiver', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => receiver.reset());

  it('listens on loopback and names the traces endpoint', () => {
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(receiver.tracesUrl).toBe(`${receiver.url}/v1/traces`);
  });

  it('answers OTLP/JSON with an empty JSON response and keeps spans in order', async () => {
    const first = await post(receiver.tracesUrl, jsonBody('a', 'b'), {
      'content-type': 'application/json',
    });
    await post(receiver.tracesUrl, jsonBody('c'), { 'content-type': 'application/json' });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.body.toString()).toBe('{}');
    expect(receiver.spans().map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });

  it('answers OTLP/protobuf with an empty protobuf response', async () => {
    const { ExportTraceServiceRequest } = otlpProtoTypes();
    const body = ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject(
        JSON.parse(jsonBody('p'), (key, value) =>
          key === 'traceId' || key === 'spanId' ? Buffer.from(value, 'hex') : value,
        ),
      ),
    ).finish();
    const reply = await post(receiver.tracesUrl, body, {
      'content-type': 'application/x-protobuf',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/x-protobuf');
    expect(reply.body.length).toBe(0);
    expect(receiver.spans().map((s) => s.name)).toEqual(['p']);
  });

  it('inflates gzip bodies', async () => {
    const reply = await post(receiver.tracesUrl, gzipSync(jsonBody('zipped')), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(reply.status).toBe(200);
    expect(receiver.spans().map((s) => s.name)).toEqual(['zipped']);
  });

  it('accepts an empty protobuf body as a request with no spans', async () => {
    const reply = await post(receiver.tracesUrl, '', { 'content-type': 'application/x-protobuf' });
    expect(reply.status).toBe(200);
    expect(receiver.spans()).toEqual([]);
  });

  it('rejects an empty JSON body with 400 and a google.rpc.Status', async () => {
    const reply = await post(receiver.tracesUrl, '', { 'content-type': 'application/json' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body.toString())).toEqual({
      code: 3,
      message: expect.stringMatching(/empty/),
    });
  });

  it('rejects a malformed body with the reason and stores none of it', async () => {
    const bad = jsonBody('good', 'bad').replace('0000000000000002', 'xyz');
    const reply = await post(receiver.tracesUrl, bad, { 'content-type': 'application/json' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body.toString()).message).toMatch(/spans\[1\]\.spanId: expected hex/);
    expect(receiver.spans()).toEqual([]);
  });

  it('rejects malformed protobuf with a protobuf Status', async () => {
    const reply = await post(receiver.tracesUrl, new Uint8Array([0x0a, 0x05, 0x01]), {
      'content-type': 'application/x-protobuf',
    });
    expect(reply.status).toBe(400);
    const status = otlpProtoTypes().RpcStatus.toObject(
      otlpProtoTypes().RpcStatus.decode(reply.body),
    ) as { code: number; message: string };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/not an ExportTraceServiceRequest/);
  });

  it('rejects broken gzip with 400', async () => {
    const reply = await post(receiver.tracesUrl, 'not gzip', {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).toMatch(/gzip/);
  });

  it('refuses a body over maxBodyBytes by its content-length with 413', async () => {
    const big = Buffer.alloc(256 * 1024, 0x20);
    const reply = await post(receiver.tracesUrl, big, {
      'content-type': 'application/json',
      'content-length': big.length,
    });
    expect(reply.status).toBe(413);
    expect(receiver.spans()).toEqual([]);
  });

  it('refuses a chunked body once it passes maxBodyBytes with 413', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const reply = await post(
      receiver.tracesUrl,
      Array.from({ length: 16 }, () => chunk),
      {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
    );
    expect(reply.status).toBe(413);
  });

  it('refuses gzip that inflates past maxBodyBytes with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const reply = await post(receiver.tracesUrl, bomb, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(reply.status).toBe(413);
    expect(reply.body.toString()).toMatch(/inflated/);
  });

  it('answers 404, 405 and 415 for what it does not serve', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await post(`${receiver.url}/v1/metrics`, '{}', json)).status).toBe(404);
    expect((await post(receiver.tracesUrl, '{}', json, 'PUT')).status).toBe(405);
    expect((await post(receiver.tracesUrl, '{}', { 'content-type': 'text/plain' })).status).toBe(
      415,
    );
    expect(
      (await post(receiver.tracesUrl, '{}', { ...json, 'content-encoding': 'br' })).status,
    ).toBe(415);
    expect(receiver.spans()).toEqual([]);
  });

  it('waitForSpans resolves once enough spans arrived', async () => {
    const waiting = receiver.waitForSpans(3);
    await post(receiver.tracesUrl, jsonBody('1', '2'), { 'content-type': 'application/json' });
    await post(receiver.tracesUrl, jsonBody('3'), { 'content-type': 'application/json' });
    expect((await waiting).map((s) => s.name)).toEqual(['1', '2', '3']);
  });

  it('waitForSpans rejects, naming the count, when spans never come', async () => {
    await expect(receiver.waitForSpans(1, 1)).rejects.toThrow(
      /expected 1 spans within 1 ms, received 0/,
    );
  });
});

describe('startOtlpReceiver close', () => {
  it('rejects pending waits and frees the port', async () => {
    const receiver = await startOtlpReceiver();
    const waiting = receiver.waitForSpans(1);
    await receiver.close();
    await expect(waiting).rejects.toThrow(/closed/);
    await expect(
      post(receiver.tracesUrl, '{}', { 'content-type': 'application/json' }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
