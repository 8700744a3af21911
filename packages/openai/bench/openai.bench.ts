/**
 * observeOpenAI's cost next to the bare client and next to @langfuse/openai's observeOpenAI,
 * against a loopback OpenAI-compatible server in a child process (issue 3's budget: the
 * wrapper costs under 3% of a bare call's time and adds under 0.1 ms to the first chunk).
 *
 * Run from the repository root: npx tsx packages/openai/bench/openai.bench.ts
 *
 * Every round runs every variant, in rotating order, after warm-up rounds; figures are the
 * medians over rounds. Measured per variant:
 * - latency: sequential calls, wall time per call (plain, and streamed to the last chunk);
 * - time to first chunk of sequential streamed calls;
 * - client CPU per call (this process only: the server runs in another one);
 * - throughput: calls per second with several calls in flight.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

// Run against source like the tests do: re-run this file with the workspace's source condition.
if (!process.execArgv.includes('--conditions=@threadline/source')) {
  const child = fork(fileURLToPath(import.meta.url), process.argv.slice(2), {
    execArgv: [...process.execArgv, '--conditions=@threadline/source'],
  });
  const [code] = await once(child, 'exit');
  process.exit(code ?? 1);
}

const { performance } = await import('node:perf_hooks');
const { context, trace } = await import('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
const { observeOpenAI: langfuseObserveOpenAI } = await import('@langfuse/openai');
const { setLangfuseTracerProvider } = await import('@langfuse/tracing');
const { propagateAttributes, ThreadlineSpanProcessor } = await import('@threadline/core');
const { default: OpenAI } = await import('openai');
const { observeOpenAI } = await import('../src/index');
const { median, percentOf } = await import('./stats');
const { DiscardProcessor } = await import('./discard-processor');

const WARMUP_ROUNDS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const SEQUENTIAL = 60;
const IN_FLIGHT = 16;
const THROUGHPUT_CALLS = 320;

const server = fork(fileURLToPath(new URL('./mock-server.ts', import.meta.url)), [], {
  execArgv: process.execArgv,
});
const [{ baseURL }] = (await once(server, 'message')) as [{ baseURL: string }];

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const provider = new BasicTracerProvider({
  spanProcessors: [new ThreadlineSpanProcessor(), new DiscardProcessor()],
});
trace.setGlobalTracerProvider(provider);
setLangfuseTracerProvider(provider);

const bare = new OpenAI({ baseURL, apiKey: 'sk-bench', maxRetries: 0 });
const observed = observeOpenAI(bare);
const MESSAGES = [{ role: 'user' as const, content: 'benchmark question' }];
const PLAIN = { model: 'gpt-4o-mini', messages: MESSAGES };
const STREAMED = { ...PLAIN, stream: true as const, stream_options: { include_usage: true } };

type Chat = typeof bare.chat.completions;
let n = 0;
/** Each variant runs `call` with the chat resource it would use for one request. */
const VARIANTS: Record<string, <T>(call: (chat: Chat) => Promise<T>) => Promise<T>> = {
  bare: (call) => call(bare.chat.completions),
  'threadline (scope)': (call) => {
    const i = n++;
    return propagateAttributes({ sessionId: `conv-${i}`, userId: `user-${i % 50}` }, () =>
      call(observed.chat.completions),
    );
  },
  'threadline (per call)': (call) => {
    const i = n++;
    return call(
      observeOpenAI(bare, { sessionId: `conv-${i}`, userId: `user-${i % 50}` }).chat.completions,
    );
  },
  '@langfuse/openai': (call) => {
    const i = n++;
    const client = langfuseObserveOpenAI(bare, {
      sessionId: `conv-${i}`,
      userId: `user-${i % 50}`,
    });
    return call(client.chat.completions);
  },
};
const NAMES = Object.keys(VARIANTS);

interface Sample {
  plainMs: number;
  streamMs: number;
  firstChunkMs: number;
  plainCpuUs: number;
  streamCpuUs: number;
  plainPerSec: number;
  streamPerSec: number;
}

async function streamOnce(chat: Chat, start: number): Promise<number> {
  const stream = await chat.create(STREAMED);
  let first = 0;
  for await (const _ of stream) if (first === 0) first = performance.now() - start;
  return first;
}

async function throughput(run: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < THROUGHPUT_CALLS) await run();
    }),
  );
  return THROUGHPUT_CALLS / ((performance.now() - start) / 1000);
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

async function measure(variant: (typeof VARIANTS)[string]): Promise<Sample> {
  let cpu = process.cpuUsage();
  let start = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) await variant((chat) => chat.create(PLAIN));
  const plainMs = (performance.now() - start) / SEQUENTIAL;
  const plainCpuUs = cpuMicros(cpu) / SEQUENTIAL;

  const firsts: number[] = [];
  cpu = process.cpuUsage();
  start = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const callStart = performance.now();
    firsts.push(await variant((chat) => streamOnce(chat, callStart)));
  }
  const streamMs = (performance.now() - start) / SEQUENTIAL;
  const streamCpuUs = cpuMicros(cpu) / SEQUENTIAL;

  const plainPerSec = await throughput(() => variant((chat) => chat.create(PLAIN)));
  const streamPerSec = await throughput(() => variant((chat) => streamOnce(chat, 0)));
  return {
    plainMs,
    streamMs,
    firstChunkMs: median(firsts),
    plainCpuUs,
    streamCpuUs,
    plainPerSec,
    streamPerSec,
  };
}

const samples: Record<string, Sample[]> = Object.fromEntries(NAMES.map((name) => [name, []]));
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (let k = 0; k < NAMES.length; k++) {
    const name = NAMES[(k + round) % NAMES.length]!;
    const sample = await measure(VARIANTS[name]!);
    if (round >= WARMUP_ROUNDS) samples[name]!.push(sample);
  }
  process.stderr.write(`round ${round + 1}/${WARMUP_ROUNDS + ROUNDS}\r`);
}
server.disconnect();

const result = Object.fromEntries(
  NAMES.map((name) => {
    const list = samples[name]!;
    const pick = (key: keyof Sample) => median(list.map((s) => s[key]));
    return [
      name,
      {
        plainMs: pick('plainMs'),
        streamMs: pick('streamMs'),
        firstChunkMs: pick('firstChunkMs'),
        plainCpuUs: pick('plainCpuUs'),
        streamCpuUs: pick('streamCpuUs'),
        plainPerSec: pick('plainPerSec'),
        streamPerSec: pick('streamPerSec'),
      } satisfies Sample,
    ];
  }),
) as Record<string, Sample>;

const base = result.bare!;
const rows = NAMES.map((name) => {
  const r = result[name]!;
  return {
    variant: name,
    'plain ms/call': r.plainMs.toFixed(3),
    'plain Δ': name === 'bare' ? '' : percentOf(r.plainMs - base.plainMs, base.plainMs),
    'stream ms/call': r.streamMs.toFixed(3),
    'stream Δ': name === 'bare' ? '' : percentOf(r.streamMs - base.streamMs, base.streamMs),
    'first chunk ms': r.firstChunkMs.toFixed(3),
    'first chunk Δ ms': name === 'bare' ? '' : (r.firstChunkMs - base.firstChunkMs).toFixed(3),
    'CPU µs plain': r.plainCpuUs.toFixed(1),
    'CPU µs stream': r.streamCpuUs.toFixed(1),
    'plain calls/s': r.plainPerSec.toFixed(0),
    'stream calls/s': r.streamPerSec.toFixed(0),
  };
});
console.log(
  `\nopenai ${OpenAI.prototype.constructor.name} bench: ${ROUNDS} rounds (+${WARMUP_ROUNDS} warm-up), ` +
    `${SEQUENTIAL} sequential + ${THROUGHPUT_CALLS} calls at ${IN_FLIGHT} in flight per round; medians`,
);
console.table(rows);

const ours = result['threadline (per call)']!;
const scope = result['threadline (scope)']!;
const langfuse = result['@langfuse/openai']!;
const extraCpu = (r: Sample, kind: 'plain' | 'stream') =>
  kind === 'plain' ? r.plainCpuUs - base.plainCpuUs : r.streamCpuUs - base.streamCpuUs;
console.log('ratios (wall time per call, lower is better):');
for (const [label, r] of [
  ['threadline (scope) / bare', scope],
  ['threadline (per call) / bare', ours],
  ['@langfuse/openai / bare', langfuse],
  ['threadline (per call) / @langfuse/openai', ours],
] as const) {
  const over = label.endsWith('@langfuse/openai') ? langfuse : base;
  console.log(
    `  ${label.padEnd(42)} plain ${(r.plainMs / over.plainMs).toFixed(3)}  stream ${(r.streamMs / over.streamMs).toFixed(3)}  ` +
      `calls/s plain ${(r.plainPerSec / over.plainPerSec).toFixed(3)}  stream ${(r.streamPerSec / over.streamPerSec).toFixed(3)}`,
  );
}
console.log('wrapper cost as client CPU per call, as a share of a bare call (wall time):');
for (const [label, r] of [
  ['threadline (scope)', scope],
  ['threadline (per call)', ours],
  ['@langfuse/openai', langfuse],
] as const) {
  console.log(
    `  ${label.padEnd(24)} plain +${extraCpu(r, 'plain').toFixed(1)} µs (${percentOf(extraCpu(r, 'plain') / 1000, base.plainMs)})` +
      `  stream +${extraCpu(r, 'stream').toFixed(1)} µs (${percentOf(extraCpu(r, 'stream') / 1000, base.streamMs)})`,
  );
}
const worstShare = Math.max(
  ...[scope, ours].flatMap((r) => [
    extraCpu(r, 'plain') / 1000 / base.plainMs,
    extraCpu(r, 'stream') / 1000 / base.streamMs,
  ]),
);
const worstFirstChunk = Math.max(scope.firstChunkMs, ours.firstChunkMs) - base.firstChunkMs;
console.log(
  `budget: wrapper cost ${(worstShare * 100).toFixed(2)}% of a bare call (< 3%: ${worstShare < 0.03 ? 'PASS' : 'FAIL'}); ` +
    `extra time to first chunk ${worstFirstChunk.toFixed(3)} ms (< 0.1 ms: ${worstFirstChunk < 0.1 ? 'PASS' : 'FAIL'})`,
);
await provider.shutdown();
