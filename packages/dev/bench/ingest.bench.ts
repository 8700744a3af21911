/**
 * Benchmark (not a test): how fast `threadline dev` ingests spans from the real OTLP exporters,
 * and how long the session replay of a 100-trace session takes to render.
 *
 *   npx tsx --conditions=@threadline/source bench/ingest.bench.ts [spans]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  context,
  DiagConsoleLogger,
  DiagLogLevel,
  diag,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { createSpanCapture } from '@threadline/testing';
import { startDevServer } from '../src/index';
import { exportConversation, type Turn } from '../test/support/conversation';

const SPANS = Number(process.argv[2] ?? 20_000);
const RENDER_RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Spans per second from start of the first span to the last export acknowledged. */
async function ingest(name: string, exporter: (url: string) => SpanExporter): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  const dev = await startDevServer({ port: 0, uiPort: 0, db: join(dir, 'dev.db'), maxSpans: 0 });
  const capture = createSpanCapture({
    processors: [
      new BatchSpanProcessor(exporter(dev.tracesUrl), {
        maxQueueSize: SPANS * 2,
        maxExportBatchSize: 512,
        scheduledDelayMillis: 50,
      }),
    ],
  });
  capture.install();
  const tracer = trace.getTracer('bench');
  const started = performance.now();
  // One request span with three model calls per trace, in 50 sessions of 10 users.
  for (let n = 0; n < SPANS / 4; n++) {
    await propagateAttributes({ sessionId: `s-${n % 50}`, userId: `u-${n % 10}` }, async () => {
      const root = tracer.startSpan('request', { kind: SpanKind.SERVER });
      const parent = trace.setSpan(context.active(), root);
      for (let c = 0; c < 3; c++) {
        tracer
          .startSpan(
            'chat gpt-4o-mini',
            {
              kind: SpanKind.CLIENT,
              attributes: {
                'gen_ai.operation.name': 'chat',
                'gen_ai.request.model': 'gpt-4o-mini',
                'gen_ai.usage.input_tokens': 420,
                'gen_ai.usage.output_tokens': 64,
                'langfuse.observation.type': 'generation',
                'langfuse.observation.input': JSON.stringify([
                  { role: 'user', content: `question ${n}` },
                ]),
                'langfuse.observation.output': JSON.stringify({
                  role: 'assistant',
                  content: `answer ${n}`,
                }),
              },
            },
            parent,
          )
          .end();
      }
      root.end();
    });
  }
  // Shutdown flushes the queue and, unlike forceFlush, waits for exports already in flight.
  await capture.uninstall();
  const seconds = (performance.now() - started) / 1000;
  const stored = dev.spanCount();
  await dev.close();
  rmSync(dir, { recursive: true, force: true });
  if (stored !== SPANS) throw new Error(`${name}: stored ${stored} of ${SPANS} spans`);
  console.log(
    `${name}: ${SPANS} spans in ${seconds.toFixed(2)} s = ${Math.round(SPANS / seconds)} spans/s`,
  );
}

/** Server-side resolution and rendering of the replay of a session of 100 traces. */
async function render(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  const dev = await startDevServer({ port: 0, uiPort: 0, db: join(dir, 'dev.db') });
  const turns: Turn[] = Array.from({ length: 100 }, (_, n) => ({
    user: `Question number ${n}: where is order #${1000 + n}?`,
    ...(n % 2 === 0
      ? {
          tool: {
            name: 'lookup_order',
            args: { orderId: String(1000 + n) },
            result: { status: 'shipped' },
          },
        }
      : {}),
    assistant: `Order #${1000 + n} has shipped.`,
  }));
  const spans = await exportConversation({
    tracesUrl: dev.tracesUrl,
    sessionId: 'long-session',
    userId: 'u',
    turns,
  });
  const timings: number[] = [];
  let bytes = 0;
  for (let n = 0; n < RENDER_RUNS; n++) {
    const started = performance.now();
    const response = await fetch(`${dev.uiUrl}/sessions/long-session`);
    bytes = (await response.text()).length;
    timings.push(performance.now() - started);
  }
  const list: number[] = [];
  for (let n = 0; n < RENDER_RUNS; n++) {
    const started = performance.now();
    await (await fetch(dev.uiUrl)).text();
    list.push(performance.now() - started);
  }
  await dev.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `session replay, 100 traces (${spans} spans, ${Math.round(bytes / 1024)} KiB of HTML): median ${median(timings).toFixed(1)} ms (first ${timings[0]!.toFixed(1)} ms), sessions list: median ${median(list).toFixed(1)} ms`,
  );
}

// A lost export must show, not just a lower count.
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
console.log(`Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`);
// forceFlush sends every queued batch at once; let the exporter have them all in flight.
const concurrencyLimit = Math.ceil(SPANS / 512) + 1;
await ingest(
  'OTLP/protobuf (exporter-trace-otlp-proto)',
  (url) => new ProtoExporter({ url, concurrencyLimit }),
);
await ingest(
  'OTLP/JSON (exporter-trace-otlp-http)',
  (url) => new JsonExporter({ url, concurrencyLimit }),
);
await render();
