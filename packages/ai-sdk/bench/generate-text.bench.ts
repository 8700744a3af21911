/**
 * What Threadline costs an AI SDK call. Not a test: run it and read the numbers.
 *
 *   npx tsx packages/ai-sdk/bench/generate-text.bench.ts
 *
 * 1. `generateText` (ai 6) against a zero-latency mock model with telemetry on: a bare
 *    OpenTelemetry provider, the same provider with `ThreadlineSpanProcessor`, and that with
 *    `telemetry()` making the settings.
 * 2. The processor's own cost per span, on spans that carry the AI SDK's attribute load
 *    (~20 attributes, its telemetry metadata included).
 *
 * The claim to check: with the processor, a call costs no more than without it plus the
 * processor's per-span cost times the call's spans.
 */
import type { Attributes, Context, Tracer } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { withSourceCondition } from './with-source-condition';

withSourceCondition(import.meta.url);

const { context, trace } = await import('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
const { BasicTracerProvider } = await import('@opentelemetry/sdk-trace-base');
const { propagateAttributes, ThreadlineSpanProcessor } = await import('@threadline/core');
const { generateText } = await import('ai');
const { MockLanguageModelV3 } = await import('ai/test');
const { telemetry } = await import('../src/index');
const { compare } = await import('./measure');

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

/** Hands each ended span to nowhere, synchronously: export cost is not what is measured. */
const discard: SpanProcessor = {
  onStart: () => {},
  onEnd: (_span: ReadableSpan) => {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

function tracerWith(processors: SpanProcessor[]): Tracer {
  return new BasicTracerProvider({ spanProcessors: [...processors, discard] }).getTracer('ai');
}

const bare = tracerWith([]);
const threadline = tracerWith([new ThreadlineSpanProcessor()]);

const SCOPE = {
  sessionId: 'conv-1234',
  userId: 'user-5678',
  tags: ['support'],
  metadata: { tier: 'gold', region: 'eu' },
};

// ---------------------------------------------------------------------------------------------
// 1. generateText end to end

const model = new MockLanguageModelV3({
  modelId: 'mock-model',
  doGenerate: async () => ({
    content: [{ type: 'text', text: 'Your order ships tomorrow.' }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 40, text: 40, reasoning: 0 },
    },
    warnings: [],
  }),
});

// The metadata telemetry() would give in this scope, so plain settings make the SDK do the
// same attribute work.
const metadata = propagateAttributes(SCOPE, () => telemetry().metadata);
const plain = (tracer: Tracer) => ({ isEnabled: true, metadata, tracer });

const call = (experimental_telemetry?: object) => {
  // The SDK's mock remembers every call: forget them, or the heap grows through the run.
  if (model.doGenerateCalls.length > 1000) model.doGenerateCalls.length = 0;
  return generateText({ model, prompt: 'Where is my order?', experimental_telemetry });
};

const endToEnd = await propagateAttributes(SCOPE, () =>
  compare(
    {
      'telemetry off': () => call(),
      'bare provider': () => call(plain(bare)),
      'with ThreadlineSpanProcessor': () => call(plain(threadline)),
      'processor + telemetry()': () => call(telemetry({ tracer: threadline })),
    },
    { iterations: 200, rounds: 40, warmup: 5 },
  ),
);

// ---------------------------------------------------------------------------------------------
// 2. The processor's cost per span, with the AI SDK's attribute load

// What the AI SDK puts on a model-call span when it starts it (ai 6, telemetry metadata set).
const AI_SDK_LOAD: Attributes = {
  'operation.name': 'ai.generateText.doGenerate support-chat',
  'resource.name': 'support-chat',
  'ai.operationId': 'ai.generateText.doGenerate',
  'ai.model.provider': 'openai.chat',
  'ai.model.id': 'gpt-4o-mini',
  'ai.settings.maxRetries': 2,
  'ai.telemetry.functionId': 'support-chat',
  'ai.telemetry.metadata.sessionId': 'conv-1234',
  'ai.telemetry.metadata.userId': 'user-5678',
  'ai.telemetry.metadata.tags': ['support'],
  'ai.telemetry.metadata.tier': 'gold',
  'ai.telemetry.metadata.region': 'eu',
  'ai.prompt.messages': '[{"role":"user","content":[{"type":"text","text":"Where is my order?"}]}]',
  'ai.prompt.tools': ['{"type":"function","name":"lookupOrder"}'],
  'ai.prompt.toolChoice': '{"type":"auto"}',
  'gen_ai.system': 'openai.chat',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.request.temperature': 0.2,
  'gen_ai.request.max_tokens': 256,
  'gen_ai.request.top_p': 1,
};
// An ai.toolCall span: no telemetry metadata of its own, it inherits from its parent.
const {
  'ai.telemetry.metadata.sessionId': _s,
  'ai.telemetry.metadata.userId': _u,
  ...NO_METADATA
} = AI_SDK_LOAD;

const perSpan = await propagateAttributes(SCOPE, async () => {
  // Measured spans are children of a live call span, as every AI SDK span but the root is.
  const parentOf = (tracer: Tracer): Context => {
    const parent = tracer.startSpan('ai.generateText', { attributes: AI_SDK_LOAD });
    return trace.setSpan(context.active(), parent);
  };
  const bareParent = parentOf(bare);
  const threadlineParent = parentOf(threadline);
  const span = (tracer: Tracer, ctx: Context, attributes: Attributes) => () =>
    tracer.startSpan('ai.generateText.doGenerate', { attributes }, ctx).end();
  return compare(
    {
      'bare provider': span(bare, bareParent, AI_SDK_LOAD),
      'processor, metadata on the span': span(threadline, threadlineParent, AI_SDK_LOAD),
      'bare provider, no metadata': span(bare, bareParent, NO_METADATA),
      'processor, inherited from the parent': span(threadline, threadlineParent, NO_METADATA),
    },
    { iterations: 20_000, rounds: 25, warmup: 5 },
  );
});

// ---------------------------------------------------------------------------------------------
// Report

const SPANS_PER_CALL = 2; // ai.generateText and ai.generateText.doGenerate
const us = (ns: number) => Number((ns / 1000).toFixed(1));
const base = endToEnd['bare provider']!;
console.log(`\ngenerateText, zero-latency model, inside a scope (µs CPU per call, median):`);
console.table(
  Object.entries(endToEnd).map(([name, ns]) => ({
    case: name,
    'µs / call': us(ns),
    'vs bare provider': Number((ns / base).toFixed(3)),
  })),
);
const spanCost = perSpan['processor, metadata on the span']! - perSpan['bare provider']!;
const inheritedCost =
  perSpan['processor, inherited from the parent']! - perSpan['bare provider, no metadata']!;
console.log(`\nOne span with the AI SDK's attribute load (ns CPU per span, median):`);
console.table(
  Object.entries(perSpan).map(([name, ns]) => ({ case: name, 'ns / span': Math.round(ns) })),
);
const observed = endToEnd['with ThreadlineSpanProcessor']! - base;
const expected = spanCost * SPANS_PER_CALL;
console.log(
  [
    `processor per span: ${Math.round(spanCost)} ns reading the span's own metadata, ` +
      `${Math.round(inheritedCost)} ns inheriting it`,
    `generateText with the processor: +${us(observed)} µs per call; ` +
      `${SPANS_PER_CALL} spans × per-span cost = ${us(expected)} µs`,
    `telemetry() on top: +${us(endToEnd['processor + telemetry()']! - endToEnd['with ThreadlineSpanProcessor']!)} µs per call`,
  ].join('\n'),
);
