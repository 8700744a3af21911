/**
 * Soak: 20,000 conversations through each adapter, each with its own session, 32 in flight at
 * once. Every span must carry its own conversation's session and user (zero cross-talk), and
 * the heap after a full collection must not grow with the number of conversations: whatever
 * Threadline keeps per session, span or run has to be bounded or released.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { telemetry } from '@threadline/ai-sdk';
import { propagateAttributes, ThreadlineSpanProcessor } from '@threadline/core';
import { ThreadlineCallbackHandler } from '@threadline/langchain';
import { observeOpenAI } from '@threadline/openai';
import { streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolLoopModel, lookupOrder, TWO_STEPS } from '../src/fixtures/ai-tool-model';
import { createThreeStepChain } from '../src/fixtures/langchain-chain';
import { CrossTalkChecker } from './support/cross-talk';
import { heapAfterGc, mb } from './support/heap';
import { inProcessOpenAIFetch } from './support/in-process-openai';
import { runConcurrently } from './support/run-concurrently';

const CONVERSATIONS = 20_000;
const WARM = 4_000;
const CONCURRENCY = 32;
// 16,000 conversations after the warm-up: 128 bytes each would already be 2 MB.
const MAX_GROWTH = 2 * 1024 * 1024;

const checker = new CrossTalkChecker();
const provider = new BasicTracerProvider({
  spanProcessors: [new ThreadlineSpanProcessor(), checker],
});
const tracer = provider.getTracer('soak');

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CBaggagePropagator());
  trace.setGlobalTracerProvider(provider);
  process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
});

/**
 * Runs conversation `i` of one adapter: a scope with its own session and user (and bounded tags,
 * and a metadata key with a distinct value each time, to load the cardinality bookkeeping),
 * a root span whose trace the checker follows, and the adapter's work inside.
 */
async function conversation(i: number, work: (i: number) => Promise<void>): Promise<void> {
  const sessionId = `soak-session-${i}`;
  const userId = `soak-user-${i % 997}`;
  await propagateAttributes(
    { sessionId, userId, tags: [`shard-${i % 8}`], metadata: { turn: i, tier: 'gold' } },
    () =>
      tracer.startActiveSpan('conversation', async (root) => {
        const traceId = root.spanContext().traceId;
        checker.expect(traceId, { index: i, sessionId, userId });
        try {
          await work(i);
        } finally {
          root.end();
          checker.forget(traceId);
        }
      }),
  );
}

/** 20,000 conversations, heap measured after the warm-up and at the end. */
async function soak(work: (i: number) => Promise<void>, spansPerConversation: number) {
  const checkedBefore = checker.checked;
  await runConcurrently(WARM, CONCURRENCY, (i) => conversation(i, work));
  const warm = await heapAfterGc();
  await runConcurrently(CONVERSATIONS - WARM, CONCURRENCY, (i) => conversation(WARM + i, work));
  const end = await heapAfterGc();
  expect(checker.problems).toEqual([]);
  expect(checker.orphans).toBe(0);
  expect(checker.inFlight).toBe(0);
  expect(checker.checked - checkedBefore).toBeGreaterThanOrEqual(
    CONVERSATIONS * spansPerConversation,
  );
  expect(
    end - warm,
    `heap ${mb(warm)} after ${WARM} conversations, ${mb(end)} after ${CONVERSATIONS}`,
  ).toBeLessThan(MAX_GROWTH);
}

describe('soak: 20,000 conversations per adapter, distinct sessions', () => {
  it('@threadline/openai: 20,000 chat completions (half streamed), zero cross-talk, heap flat', async () => {
    const openai = observeOpenAI(
      new OpenAI({
        apiKey: 'soak',
        baseURL: 'http://127.0.0.1:9/v1',
        fetch: inProcessOpenAIFetch(),
        maxRetries: 0,
      }),
    );
    await soak(async (i) => {
      const messages = [{ role: 'user' as const, content: `marker-${i} where is my order?` }];
      if (i % 2 === 0) {
        const reply = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
        expect(reply.choices[0]?.message.content).toContain(`marker-${i}`);
        return;
      }
      let text = '';
      const stream = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages,
        stream: true,
      });
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toContain(`marker-${i}`);
    }, 2);
  });

  // The AI SDK itself takes about 1.5 ms of CPU per streamText call: this one is the long one.
  it('@threadline/ai-sdk: 20,000 streamText calls (every 20th a tool loop), zero cross-talk, heap flat', async () => {
    const model = createToolLoopModel();
    await soak(async (i) => {
      const withTool = i % 20 === 0;
      const result = streamText({
        model,
        prompt: `marker-${i}`,
        ...(withTool ? { tools: { lookupOrder }, stopWhen: TWO_STEPS } : {}),
        experimental_telemetry: telemetry(),
      });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(text).toContain(`marker-${i}`);
    }, 3);
  }, 400_000);

  it('@threadline/langchain: 20,000 chain runs through one shared handler, zero cross-talk, heap flat', async () => {
    const chain = createThreeStepChain();
    const handler = new ThreadlineCallbackHandler();
    await soak(async (i) => {
      await chain.invoke(
        { question: `marker-${i}` },
        {
          callbacks: [handler],
          metadata: { session_id: `soak-session-${i}`, user_id: `soak-user-${i % 997}` },
        },
      );
    }, 5);
  });
});
