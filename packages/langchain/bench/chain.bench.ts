/**
 * Benchmark (not a test): a three-step LangChain chain (prompt → fake chat model → parser) with
 * no handler, with ThreadlineCallbackHandler, and with Langfuse's CallbackHandler. Budget: the
 * Threadline handler costs under 15% over no handler.
 *
 * Run from the repository root: npx tsx packages/langchain/bench/chain.bench.ts
 * Options: BENCH_ROUNDS (default 15), BENCH_ITERATIONS per round (default 200), BENCH_WARMUP (3).
 *
 * Time is CPU time of the process (user + system) per chain run, so other processes on a shared
 * machine skew it less than wall time. Cases run in rotating order each round; medians of the
 * rounds are reported. Every handler is awaited inline (LANGCHAIN_CALLBACKS_BACKGROUND=false),
 * so its whole cost falls inside the timed loop; both handlers make spans on the same tracer
 * provider (Threadline's processor, then one that only counts). `no-op handler` is LangChain's
 * own floor for any handler: what a handler that does nothing costs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SOURCE_CONDITION = '--conditions=@threadline/source';

// The workspace packages are measured from source: run again with the source export condition
// when started without it (plain `npx tsx` would load @threadline/core's last build instead).
if (!process.execArgv.includes(SOURCE_CONDITION)) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, SOURCE_CONDITION, fileURLToPath(import.meta.url)],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';
  const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
  const { propagateAttributes, ThreadlineSpanProcessor } = await import('@threadline/core');
  const { createSpanCapture } = await import('@threadline/testing');
  const { setLangfuseTracerProvider } = await import('@langfuse/tracing');
  const { ChatPromptTemplate } = await import('@langchain/core/prompts');
  const { StringOutputParser } = await import('@langchain/core/output_parsers');
  const { FakeListChatModel } = await import('@langchain/core/utils/testing');
  const { awaitAllCallbacks } = await import('@langchain/core/callbacks/promises');
  const { CallbackHandler } = await import('@langfuse/langchain');
  const { ThreadlineCallbackHandler } = await import('../src/index');

  // The AsyncLocalStorage context manager, as an application registers it.
  const capture = createSpanCapture();
  capture.install();
  // Both handlers make their spans on one provider: Threadline's processor first, as in
  // production, then a processor that only counts, so exporting costs nothing in either case.
  let ended = 0;
  const provider = new BasicTracerProvider({
    spanProcessors: [
      new ThreadlineSpanProcessor(),
      {
        onStart: () => {},
        onEnd: () => {
          ended++;
        },
        forceFlush: () => Promise.resolve(),
        shutdown: () => Promise.resolve(),
      },
    ],
  });
  setLangfuseTracerProvider(provider);

  const chain = ChatPromptTemplate.fromMessages([
    ['system', 'You answer questions about orders.'],
    ['human', '{question}'],
  ])
    .pipe(new FakeListChatModel({ responses: ['Order 1234 shipped yesterday.'] }))
    .pipe(new StringOutputParser());
  const input = { question: 'Where is my order 1234?' };
  const metadata = { session_id: 'conv-bench', user_id: 'user-bench' };
  const threadline = new ThreadlineCallbackHandler({ tracerProvider: provider });
  const langfuse = new CallbackHandler({ sessionId: 'conv-bench', userId: 'user-bench' });

  const { BaseCallbackHandler } = await import('@langchain/core/callbacks/base');
  // LangChain's own cost of having any handler at all: run managers, run ids, serialized
  // runnables, awaiting each callback.
  class NoopHandler extends BaseCallbackHandler {
    name = 'noop';
    override awaitHandlers = true;
    override handleChainStart() {}
    override handleChainEnd() {}
    override handleChatModelStart() {}
    override handleLLMEnd() {}
  }
  const noop = new NoopHandler();
  const cases: Record<string, () => Promise<unknown>> = {
    'no handler': () => chain.invoke(input, { metadata }),
    'no-op handler': () => chain.invoke(input, { metadata, callbacks: [noop] }),
    threadline: () => chain.invoke(input, { metadata, callbacks: [threadline] }),
    'threadline in a scope': () =>
      propagateAttributes({ sessionId: 'conv-bench', userId: 'user-bench' }, () =>
        chain.invoke(input, { callbacks: [threadline] }),
      ),
    '@langfuse/langchain': () => chain.invoke(input, { metadata, callbacks: [langfuse] }),
  };

  const spans: Record<string, number> = {};
  for (const [name, run] of Object.entries(cases)) {
    const before = ended;
    await run();
    await awaitAllCallbacks();
    spans[name] = ended - before;
  }

  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      const run = cases[name]!;
      await new Promise((resolve) => setImmediate(resolve));
      const start = process.cpuUsage();
      for (let i = 0; i < iterations; i++) await run();
      await awaitAllCallbacks();
      const used = process.cpuUsage(start);
      if (round >= warmup) samples[name]!.push((used.user + used.system) / iterations);
    }
  }

  const base = median(samples['no handler']!);
  const floor = median(samples['no-op handler']!);
  console.log(
    `3-step chain (prompt → FakeListChatModel → parser), ${rounds} rounds × ${iterations} runs, ` +
      `${warmup} warm-up rounds, Node ${process.version}`,
  );
  console.log(
    'case                     µs/run (median)   × no handler   × no-op handler   spans/run',
  );
  for (const name of names) {
    const value = median(samples[name]!);
    console.log(
      `${name.padEnd(24)} ${value.toFixed(1).padStart(15)} ${(value / base).toFixed(3).padStart(14)} ${(value / floor).toFixed(3).padStart(17)} ${String(spans[name]).padStart(11)}`,
    );
  }
  const ratio = median(samples.threadline!) / base;
  console.log(
    `threadline over no handler: ${((ratio - 1) * 100).toFixed(1)}% (budget 15%: ${ratio < 1.15 ? 'within' : 'over'}); ` +
      `over LangChain's floor for any handler: ${((median(samples.threadline!) / floor - 1) * 100).toFixed(1)}%`,
  );
  console.log(`open runs left in the handler: ${threadline.openRuns}`);
  await provider.shutdown();
  await capture.uninstall();
}

await main();
