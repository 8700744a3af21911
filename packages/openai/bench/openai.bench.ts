/**
 * observeOpenAI's cost next to the bare client and next to @langfuse/openai's observeOpenAI
 * (the budget: the wrapper costs under 3% of a bare call's time and adds under 0.1 ms to
 * the first streamed chunk).
 *
 * Run from the repository root: npx tsx packages/openai/bench/openai.bench.ts
 * (BENCH_ROUNDS=n for more or fewer rounds; default 12).
 *
 * 1. Loopback: calls to an OpenAI-compatible server in a child process. Variants take turns
 *    call by call, so load from other processes falls on all of them alike; figures are
 *    medians over calls (sequential latency, time to first chunk) or rounds (throughput).
 * 2. Isolated: the same calls answered from memory (a `fetch` that returns recorded bodies of
 *    that server), so the client's CPU time per call is the SDK's plus the wrapper's and
 *    nothing else; the difference to bare is the wrapper's own cost, set against the time of
 *    a bare loopback call.
 *
 * `one span (floor)` is what any span-per-call wrapper pays at least: one active span with four
 * attributes around the bare call. `span + chunk watch (floor)` adds what any wrapper that
 * reports a stream's first-chunk time and streamed usage pays on top: a look at each chunk
 * as it passes (one promise reaction per chunk), recording nothing.
 *
 * All variants share one tracer provider: ThreadlineSpanProcessor, then a processor that drops
 * ended spans (exporting is not measured), with the AsyncLocalStorage context manager.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

// Measure the source, like the tests: re-run this file with the workspace's source condition.
if (!process.execArgv.includes('--conditions=@threadline/source')) {
  const child = fork(fileURLToPath(import.meta.url), process.argv.slice(2), {
    execArgv: [...process.execArgv, '--conditions=@threadline/source'],
  });
  const [code] = await once(child, 'exit');
  process.exit(code ?? 1);
}

const { context, SpanKind, trace } = await import('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
const { observeOpenAI: langfuseObserveOpenAI } = await import('@langfuse/openai');
const { setLangfuseTracerProvider } = await import('@langfuse/tracing');
const { propagateAttributes, ThreadlineSpanProcessor } = await import('@threadline/core');
const { default: OpenAI } = await import('openai');
const { VERSION: OPENAI_VERSION } = await import('openai/version');
const { observeOpenAI, VERSION } = await import('../src/index');
const { DiscardProcessor } = await import('./discard-processor');
const { median, percentOf } = await import('./stats');

const WARMUP_ROUNDS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const CALLS_PER_ROUND = 40; // per variant and kind, taking turns call by call
const IN_FLIGHT = 16;
const THROUGHPUT_CALLS = 240;
const ISOLATED_BATCH = 400;

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

const PLAIN = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'benchmark question' }],
};
const STREAMED = { ...PLAIN, stream: true as const, stream_options: { include_usage: true } };

type Client = InstanceType<typeof OpenAI>;
type Chat = Client['chat']['completions'];
type Variant = <T>(call: (chat: Chat) => Promise<T>) => Promise<T>;

const tracer = trace.getTracer('bench-floor');
const FLOOR_ATTRIBUTES = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'langfuse.observation.type': 'generation',
};

/** Chunks the chunk-watch floor saw (printed, so the watch cannot be optimised away). */
let watchedChunks = 0;

/** `stream`'s items, each looked at as it passes: the least a stream observer does. */
function watchChunks<T extends AsyncIterable<unknown>>(stream: T): AsyncIterable<unknown> {
  const seen = (result: IteratorResult<unknown>) => {
    if (!result.done) watchedChunks++;
    return result;
  };
  return {
    [Symbol.asyncIterator]() {
      const inner = stream[Symbol.asyncIterator]();
      return { next: () => inner.next().then(seen), return: (v?: unknown) => inner.return!(v) };
    },
  };
}

/** One active span with the floor's attributes around `call`. */
function inOneSpan<T>(run: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(
    'chat gpt-4o-mini',
    { kind: SpanKind.CLIENT, attributes: FLOOR_ATTRIBUTES },
    async (span) => {
      try {
        return await run();
      } finally {
        span.end();
      }
    },
  );
}

/** The ways to call, over one bare client. */
function variantsOf(bare: Client): Record<string, Variant> {
  const observed = observeOpenAI(bare);
  let n = 0;
  const ids = () => {
    const i = n++;
    return { sessionId: `conv-${i}`, userId: `user-${i % 50}` };
  };
  return {
    bare: (call) => call(bare.chat.completions),
    // The floor of any span-per-call wrapper: one active span around the bare call, ended after.
    'one span (floor)': (call) => inOneSpan(() => call(bare.chat.completions)),
    'span + chunk watch (floor)': (call) =>
      inOneSpan(() =>
        call({
          create: (body: { stream?: boolean }) => {
            const answer = bare.chat.completions.create(body as never) as Promise<unknown>;
            return body.stream
              ? answer.then((s) => watchChunks(s as AsyncIterable<unknown>))
              : answer;
          },
        } as unknown as Chat),
      ),
    'threadline (scope)': (call) =>
      propagateAttributes(ids(), () => call(observed.chat.completions)),
    'threadline (per call)': (call) => call(observeOpenAI(bare, ids()).chat.completions),
    '@langfuse/openai': (call) => call(langfuseObserveOpenAI(bare, ids()).chat.completions),
  };
}

async function readStream(chat: Chat, start: number): Promise<number> {
  const stream = await chat.create(STREAMED);
  let first = 0;
  for await (const _ of stream) if (first === 0) first = performance.now() - start;
  return first;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

// ---- 1. loopback -------------------------------------------------------------------------
const loopback = variantsOf(new OpenAI({ baseURL, apiKey: 'sk-bench', maxRetries: 0 }));
const NAMES = Object.keys(loopback);
const latency: Record<string, Record<string, number[]>> = {
  plain: Object.fromEntries(NAMES.map((v) => [v, []])),
  stream: Object.fromEntries(NAMES.map((v) => [v, []])),
  firstChunk: Object.fromEntries(NAMES.map((v) => [v, []])),
  plainPerSec: Object.fromEntries(NAMES.map((v) => [v, []])),
  streamPerSec: Object.fromEntries(NAMES.map((v) => [v, []])),
};

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

for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  const keep = round >= WARMUP_ROUNDS;
  for (let i = 0; i < CALLS_PER_ROUND * NAMES.length; i++) {
    const name = NAMES[(i + round) % NAMES.length]!;
    const variant = loopback[name]!;
    let start = performance.now();
    await variant((chat) => chat.create(PLAIN));
    if (keep) latency.plain![name]!.push(performance.now() - start);
    start = performance.now();
    const first = await variant((chat) => readStream(chat, start));
    if (keep) {
      latency.stream![name]!.push(performance.now() - start);
      latency.firstChunk![name]!.push(first);
    }
  }
  for (let k = 0; k < NAMES.length; k++) {
    const name = NAMES[(k + round) % NAMES.length]!;
    const variant = loopback[name]!;
    const plain = await throughput(() => variant((chat) => chat.create(PLAIN)));
    const streamed = await throughput(() => variant((chat) => readStream(chat, 0)));
    if (keep) {
      latency.plainPerSec![name]!.push(plain);
      latency.streamPerSec![name]!.push(streamed);
    }
  }
  process.stderr.write(`loopback round ${round + 1}/${WARMUP_ROUNDS + ROUNDS}\r`);
}

// ---- 2. isolated: recorded bodies from memory -------------------------------------------
const recorder = new OpenAI({ baseURL, apiKey: 'sk-bench', maxRetries: 0 });
const plainBody = await (await recorder.chat.completions.create(PLAIN).asResponse()).text();
const streamBody = await (await recorder.chat.completions.create(STREAMED).asResponse()).text();
server.disconnect();

// A macrotask per answer, as the network gives, then the recorded body.
const memoryFetch = async (_url: unknown, init?: { body?: unknown }) => {
  await new Promise((resolve) => setImmediate(resolve));
  const streamed = typeof init?.body === 'string' && init.body.includes('"stream":true');
  return new Response(streamed ? streamBody : plainBody, {
    headers: { 'content-type': streamed ? 'text/event-stream' : 'application/json' },
  });
};
const isolated = variantsOf(
  new OpenAI({ baseURL, apiKey: 'sk-bench', maxRetries: 0, fetch: memoryFetch as any }),
);
const cpu: Record<string, Record<string, number[]>> = {
  plain: Object.fromEntries(NAMES.map((v) => [v, []])),
  stream: Object.fromEntries(NAMES.map((v) => [v, []])),
  firstChunk: Object.fromEntries(NAMES.map((v) => [v, []])),
};
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  const keep = round >= WARMUP_ROUNDS;
  for (let k = 0; k < NAMES.length; k++) {
    const name = NAMES[(k + round) % NAMES.length]!;
    const variant = isolated[name]!;
    let before = cpuNow();
    for (let i = 0; i < ISOLATED_BATCH; i++) await variant((chat) => chat.create(PLAIN));
    if (keep) cpu.plain![name]!.push((cpuNow() - before) / ISOLATED_BATCH);
    const firsts: number[] = [];
    before = cpuNow();
    for (let i = 0; i < ISOLATED_BATCH; i++) {
      const start = performance.now();
      firsts.push(await variant((chat) => readStream(chat, start)));
    }
    if (keep) {
      cpu.stream![name]!.push((cpuNow() - before) / ISOLATED_BATCH);
      cpu.firstChunk![name]!.push(median(firsts) * 1000);
    }
  }
  process.stderr.write(`isolated round ${round + 1}/${WARMUP_ROUNDS + ROUNDS}\r`);
}

// ---- report ------------------------------------------------------------------------------
const med = (table: Record<string, number[]>, name: string) => median(table[name]!);
const bareOf = (table: Record<string, number[]>) => med(table, 'bare');
console.log(
  `\n@threadline/openai ${VERSION} with openai ${OPENAI_VERSION}: ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up; ` +
    `loopback ${CALLS_PER_ROUND} calls per variant and kind per round, taking turns; ` +
    `throughput ${THROUGHPUT_CALLS} calls at ${IN_FLIGHT} in flight; isolated ${ISOLATED_BATCH}-call batches.`,
);
console.log(`(the chunk-watch floor saw ${watchedChunks} chunks)`);
console.log('\n1. Loopback server (wall time, medians):');
console.table(
  NAMES.map((name) => ({
    variant: name,
    'plain ms': med(latency.plain!, name).toFixed(3),
    'plain Δ': percentOf(
      med(latency.plain!, name) - bareOf(latency.plain!),
      bareOf(latency.plain!),
    ),
    'stream ms': med(latency.stream!, name).toFixed(3),
    'stream Δ': percentOf(
      med(latency.stream!, name) - bareOf(latency.stream!),
      bareOf(latency.stream!),
    ),
    'first chunk ms': med(latency.firstChunk!, name).toFixed(3),
    'first chunk Δ ms': (med(latency.firstChunk!, name) - bareOf(latency.firstChunk!)).toFixed(3),
    'plain calls/s': med(latency.plainPerSec!, name).toFixed(0),
    'stream calls/s': med(latency.streamPerSec!, name).toFixed(0),
  })),
);
console.log('2. Isolated (client CPU per call, answers from memory, medians):');
console.table(
  NAMES.map((name) => ({
    variant: name,
    'plain CPU µs': med(cpu.plain!, name).toFixed(1),
    'wrapper µs': (med(cpu.plain!, name) - bareOf(cpu.plain!)).toFixed(1),
    'stream CPU µs': med(cpu.stream!, name).toFixed(1),
    'wrapper µs ': (med(cpu.stream!, name) - bareOf(cpu.stream!)).toFixed(1),
    'first chunk µs': med(cpu.firstChunk!, name).toFixed(1),
    'first chunk Δ µs': (med(cpu.firstChunk!, name) - bareOf(cpu.firstChunk!)).toFixed(1),
  })),
);

console.log('Ratios to bare (loopback wall time per call; calls/s as bare ÷ variant):');
for (const name of NAMES.slice(1)) {
  const ratio = (t: Record<string, number[]>) => (med(t, name) / bareOf(t)).toFixed(3);
  const slower = (t: Record<string, number[]>) => (bareOf(t) / med(t, name)).toFixed(3);
  console.log(
    `  ${name.padEnd(26)} plain ${ratio(latency.plain!)}  stream ${ratio(latency.stream!)}  ` +
      `throughput plain ${slower(latency.plainPerSec!)}  stream ${slower(latency.streamPerSec!)}`,
  );
}
const costOf = (name: string, kind: 'plain' | 'stream') =>
  med(cpu[kind]!, name) - bareOf(cpu[kind]!);
console.log('Wrapper cost (isolated CPU) as a share of a bare loopback call:');
let worstShare = 0;
for (const name of NAMES.slice(1)) {
  const plainShare = costOf(name, 'plain') / 1000 / bareOf(latency.plain!);
  const streamShare = costOf(name, 'stream') / 1000 / bareOf(latency.stream!);
  if (name.startsWith('threadline')) worstShare = Math.max(worstShare, plainShare, streamShare);
  console.log(
    `  ${name.padEnd(26)} plain ${costOf(name, 'plain').toFixed(1)} µs = ${(plainShare * 100).toFixed(2)}%` +
      `   stream ${costOf(name, 'stream').toFixed(1)} µs = ${(streamShare * 100).toFixed(2)}%`,
  );
}
const lf = (t: Record<string, number[]>) => med(t, '@langfuse/openai') - bareOf(t);
const floor = (kind: 'plain' | 'stream') => costOf('one span (floor)', kind);
console.log(
  `Threadline (scope) above the one-span floor: plain ${(costOf('threadline (scope)', 'plain') - floor('plain')).toFixed(1)} µs, ` +
    `stream ${(costOf('threadline (scope)', 'stream') - floor('stream')).toFixed(1)} µs; ` +
    `above the span + chunk watch floor, stream ${(costOf('threadline (scope)', 'stream') - costOf('span + chunk watch (floor)', 'stream')).toFixed(1)} µs`,
);
console.log(
  `Threadline (per call) ÷ @langfuse/openai wrapper cost: plain ${(costOf('threadline (per call)', 'plain') / lf(cpu.plain!)).toFixed(2)}, ` +
    `stream ${(costOf('threadline (per call)', 'stream') / lf(cpu.stream!)).toFixed(2)}`,
);
const extraFirst = Math.max(
  med(cpu.firstChunk!, 'threadline (scope)') - bareOf(cpu.firstChunk!),
  med(cpu.firstChunk!, 'threadline (per call)') - bareOf(cpu.firstChunk!),
);
const extraFirstLoopback = Math.max(
  med(latency.firstChunk!, 'threadline (scope)') - bareOf(latency.firstChunk!),
  med(latency.firstChunk!, 'threadline (per call)') - bareOf(latency.firstChunk!),
);
console.log(
  `Budget: wrapper ${(worstShare * 100).toFixed(2)}% of a bare call (< 3%: ${worstShare < 0.03 ? 'PASS' : 'FAIL'}); ` +
    `extra time to first chunk ${(extraFirst / 1000).toFixed(3)} ms isolated, ${extraFirstLoopback.toFixed(3)} ms loopback ` +
    `(< 0.1 ms: ${extraFirst < 100 ? 'PASS' : 'FAIL'})`,
);
await provider.shutdown();
