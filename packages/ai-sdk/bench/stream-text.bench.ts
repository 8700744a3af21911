/**
 * What `telemetry()` costs a `streamText` call. Not a test: run it and read the numbers.
 *
 *   npx tsx packages/ai-sdk/bench/stream-text.bench.ts [calls per round] [rounds]
 *
 * `streamText` (ai 6 and ai 5) with one tool against a zero-latency mock model (a tool-call
 * step, then an answer step: 4 spans), read to the end inside a scope, with
 * `ThreadlineSpanProcessor` on the global provider: telemetry on with a plain tracer, the same
 * with the metadata `telemetry()` would give, and `telemetry()` itself. All cases run paired,
 * in rotating order, in one process: compare within a run, never across runs.
 *
 * The claim to check: `telemetry()` costs no more than the processor's per-span cost over
 * plain telemetry (which the processor already pays here), so `telemetry()` − `telemetry on`
 * should be close to zero.
 */
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { withSourceCondition } from './with-source-condition';

withSourceCondition(import.meta.url);

const { context, trace } = await import('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
const { propagateAttributes, ThreadlineSpanProcessor } = await import('@threadline/core');
const ai6 = await import('ai');
const ai5 = await import('ai-v5');
const { MockLanguageModelV3 } = await import('ai/test');
const { MockLanguageModelV2 } = await import('ai-v5/test');
const { z } = await import('zod');
const { telemetry } = await import('../src/index');
// Another copy of this package's source (say, the last commit's, checked out next to it), to
// compare a change with what it replaces in one run: TELEMETRY_BASELINE=<path to its index.ts>.
const baseline: (() => object) | undefined = process.env.TELEMETRY_BASELINE
  ? (await import(process.env.TELEMETRY_BASELINE)).telemetry
  : undefined;
const { median, pairedDifference, sampleRounds, spreadOfDifference } = await import('./measure');

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

/** Hands each ended span to nowhere, synchronously: export cost is not what is measured. */
const discard: SpanProcessor = {
  onStart: () => {},
  onEnd: (_span: ReadableSpan) => {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
// Global, as most applications have it: `telemetry()` without options takes its tracer.
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new ThreadlineSpanProcessor(), discard] }),
);
const tracer = trace.getTracer('ai');

const SCOPE = { sessionId: 'conv-1234', userId: 'user-5678' };

// ---------------------------------------------------------------------------------------------
// A two-step tool loop, all parts at once (no timers): ai 6 (V3 parts) and ai 5 (V2 parts).

/** A stream of `parts`, all at once: the bench measures the SDK and telemetry, not a clock. */
const streamOf = <T>(parts: T[]) =>
  new ReadableStream<T>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });

const afterTool = (options: { prompt: Array<{ role: string }> }) =>
  options.prompt.some((m) => m.role === 'tool');

const toolCall = {
  type: 'tool-call',
  toolCallId: 'call-1',
  toolName: 'lookupOrder',
  input: '{"orderId":"order-1234"}',
} as const;
const answer = [
  { type: 'stream-start', warnings: [] as never[] },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Your order has shipped.' },
  { type: 'text-end', id: 't1' },
] as const;

const usage6 = {
  inputTokens: { total: 20, noCache: 20, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 8, text: 8, reasoning: undefined },
};
const model6 = new MockLanguageModelV3({
  doStream: async (options) => {
    model6.doStreamCalls.length = 0;
    if (afterTool(options)) {
      const finish = { unified: 'stop', raw: 'stop' } as const;
      return {
        stream: streamOf([...answer, { type: 'finish', finishReason: finish, usage: usage6 }]),
      };
    }
    const finish = { unified: 'tool-calls', raw: 'tool_calls' } as const;
    return {
      stream: streamOf([
        { type: 'stream-start', warnings: [] },
        toolCall,
        { type: 'finish', finishReason: finish, usage: usage6 },
      ]),
    };
  },
});

const usage5 = { inputTokens: 20, outputTokens: 8, totalTokens: 28 };
const model5 = new MockLanguageModelV2({
  doStream: async (options) => {
    model5.doStreamCalls.length = 0;
    if (afterTool(options)) {
      return {
        stream: streamOf([...answer, { type: 'finish', finishReason: 'stop', usage: usage5 }]),
      };
    }
    return {
      stream: streamOf([
        { type: 'stream-start', warnings: [] },
        toolCall,
        { type: 'finish', finishReason: 'tool-calls', usage: usage5 },
      ]),
    };
  },
});

const lookup = async ({ orderId }: { orderId: string }) => ({ orderId, status: 'shipped' });
const tools6 = {
  lookupOrder: ai6.tool({ inputSchema: z.object({ orderId: z.string() }), execute: lookup }),
};
const tools5 = {
  lookupOrder: ai5.tool({ inputSchema: z.object({ orderId: z.string() }), execute: lookup }),
};

const run6 = async (experimental_telemetry: () => object) => {
  const result = propagateAttributes(SCOPE, () =>
    ai6.streamText({
      model: model6,
      prompt: 'order-1234',
      tools: tools6,
      stopWhen: ai6.stepCountIs(2),
      experimental_telemetry: experimental_telemetry(),
    }),
  );
  let text = '';
  for await (const delta of result.textStream) text += delta;
  if (!text.includes('shipped')) throw new Error(`unexpected answer: ${text}`);
};

const run5 = async (experimental_telemetry: () => object) => {
  const result = propagateAttributes(SCOPE, () =>
    ai5.streamText({
      model: model5,
      prompt: 'order-1234',
      tools: tools5,
      stopWhen: ai5.stepCountIs(2),
      experimental_telemetry: experimental_telemetry(),
    }),
  );
  let text = '';
  for await (const delta of result.textStream) text += delta;
  if (!text.includes('shipped')) throw new Error(`unexpected answer: ${text}`);
};

// The metadata telemetry() gives in the scope, so plain settings can do the same attribute work.
const metadata = propagateAttributes(SCOPE, () => telemetry().metadata);
const plain = () => ({ isEnabled: true, tracer });
const withMetadata = () => ({ isEnabled: true, tracer, metadata });

const [iterations = 50, rounds = 60] = process.argv.slice(2).map(Number);

const cases: Record<string, () => Promise<void>> = {};
for (const [major, run] of [
  ['ai 6', run6],
  ['ai 5', run5],
] as const) {
  cases[`${major}: telemetry on`] = () => run(plain);
  cases[`${major}: telemetry on + metadata`] = () => run(withMetadata);
  cases[`${major}: telemetry()`] = () => run(telemetry);
  if (baseline) cases[`${major}: telemetry() of the baseline`] = () => run(baseline);
}
const samples = await sampleRounds(cases, { iterations, rounds, warmup: 5 });

const us = (ns: number) => Number((ns / 1000).toFixed(1));
console.log(
  `\nstreamText, 2 steps with a tool, zero-latency model, processor on, in a scope (µs CPU per call; medians of ${rounds} rounds of ${iterations} calls):`,
);
console.table(
  Object.entries(samples).map(([name, values]) => {
    const base = samples[`${name.slice(0, 4)}: telemetry on`]!;
    return {
      case: name,
      'µs / call': us(median(values)),
      'paired vs telemetry on': us(pairedDifference(values, base)),
      'IQR of that': us(spreadOfDifference(values, base)),
    };
  }),
);
if (baseline) {
  console.log('telemetry() − the baseline’s, paired (µs CPU per call, median and IQR):');
  for (const major of ['ai 6', 'ai 5']) {
    const now = samples[`${major}: telemetry()`]!;
    const before = samples[`${major}: telemetry() of the baseline`]!;
    console.log(
      `  ${major}: ${us(pairedDifference(now, before))} (IQR ${us(spreadOfDifference(now, before))})`,
    );
  }
}
