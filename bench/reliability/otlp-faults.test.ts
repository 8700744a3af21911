/**
 * Faults of the telemetry backend: the OTLP endpoint refuses connections, answers 500, or hangs.
 * The application's own calls (here: conversation turns that call a model over HTTP) must all
 * succeed, nothing may surface as an unhandled rejection, and memory stays bounded while spans
 * keep coming.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OTLPJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { propagateAttributes } from '@threadline/core';
import { registerThreadline } from '@threadline/core/node';
import { observeOpenAI } from '@threadline/openai';
import { type MockOpenAI, startMockOpenAI } from '@threadline/testing';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CollectorFault, startFaultyEndpoint } from './support/faulty-servers';
import { heapAfterGc, mb } from './support/heap';
import { runConcurrently } from './support/run-concurrently';
import { watchUnhandled } from './support/unhandled';

let model: MockOpenAI;
let openai: OpenAI;

beforeAll(async () => {
  model = await startMockOpenAI();
  // Observed: the model call's own span goes to the broken collector too.
  openai = observeOpenAI(new OpenAI({ baseURL: model.baseURL, apiKey: 'test', maxRetries: 0 }));
});
afterAll(() => model.close());
afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

/** One turn: a scope, a request span, an observed model call, two more spans (4 spans). */
async function turn(i: number): Promise<string> {
  // The mock server records every request: forget them, or they would be what grows.
  if (i % 500 === 0) model.reset();
  return propagateAttributes({ sessionId: `conv-${i % 500}`, userId: `user-${i % 50}` }, () =>
    trace.getTracer('app').startActiveSpan('turn', async (span) => {
      try {
        trace.getTracer('app').startSpan('retrieve').end();
        const reply = await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: `question ${i}` }],
        });
        trace.getTracer('app').startSpan('render').end();
        return reply.choices[0]?.message.content ?? '';
      } finally {
        span.end();
      }
    }),
  );
}

/**
 * Heap after GC once the exports in flight have given up (the exporters time out after 500 ms):
 * both measurements are then taken in the same state, whatever was in flight.
 */
async function quiescentHeap(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 700));
  return heapAfterGc();
}

const FAULTS: CollectorFault[] = ['refuses connections', 'answers 500', 'hangs'];
const PROTOCOLS = [
  ['OTLP/protobuf', (url: string) => new OTLPProtoExporter({ url, timeoutMillis: 500 })],
  ['OTLP/JSON', (url: string) => new OTLPJsonExporter({ url, timeoutMillis: 500 })],
] as const;

describe('OTLP endpoint faults: the application is unaffected', () => {
  for (const fault of FAULTS) {
    for (const [protocol, exporterFor] of PROTOCOLS) {
      it(`collector ${fault} (${protocol}): every turn succeeds, no unhandled rejection, heap bounded over 3,500 turns / 14,000 spans, shutdown settles`, async () => {
        const endpoint = await startFaultyEndpoint(fault);
        const unhandled = watchUnhandled();
        const registration = registerThreadline({
          serviceName: 'reliability',
          exporter: exporterFor(`${endpoint.url}/v1/traces`),
        });
        try {
          let ok = 0;
          const count = (reply: string) => {
            if (reply.startsWith('Echo: question')) ok++;
          };
          // Warm-up: the export queue fills to its bound, the JIT and the sockets settle.
          await runConcurrently(1_000, 16, async (i) => count(await turn(i)));
          const warm = await quiescentHeap();
          await runConcurrently(2_500, 16, async (i) => count(await turn(1_000 + i)));
          const after = await quiescentHeap();
          expect(ok).toBe(3_500);
          expect(
            after - warm,
            `heap grew ${mb(after - warm)} over 2,500 turns (from ${mb(warm)})`,
          ).toBeLessThan(2 * 1024 * 1024);
          const shutdown = await registration.shutdown().then(
            () => 'resolved',
            () => 'rejected',
          );
          expect(['resolved', 'rejected']).toContain(shutdown);
          if (fault !== 'refuses connections') expect(endpoint.requests).toBeGreaterThan(0);
          // Let late export callbacks and timers run before looking for unhandled rejections.
          await new Promise((resolve) => setTimeout(resolve, 600));
          expect(unhandled.errors).toEqual([]);
        } finally {
          unhandled.stop();
          await endpoint.close();
        }
      });
    }
  }
});
