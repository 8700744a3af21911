/**
 * Faults of the model server, through each adapter: it fails mid-stream, closes the socket,
 * answers 500, or answers garbage. The caller must see the SDK's own error (same class, same
 * message as without Threadline), every span Threadline or the framework started must end
 * exactly once, and the model call's span must end with status ERROR.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { BasicTracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { telemetry } from '@threadline/ai-sdk';
import { propagateAttributes, ThreadlineSpanProcessor } from '@threadline/core';
import { ThreadlineCallbackHandler } from '@threadline/langchain';
import { observeOpenAI } from '@threadline/openai';
import { type MockOpenAI, type MockReply, startMockOpenAI } from '@threadline/testing';
import { streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToolLoopModel, type ModelFault } from '../src/fixtures/ai-tool-model';
import {
  type FaultyEndpoint,
  type GarbageKind,
  startGarbageModelServer,
} from './support/faulty-servers';
import { SpanTracker } from './support/span-tracker';
import { watchUnhandled } from './support/unhandled';

const tracker = new SpanTracker();
const provider = new BasicTracerProvider({
  spanProcessors: [new ThreadlineSpanProcessor(), tracker],
});
let model: MockOpenAI;
const garbage: Partial<Record<GarbageKind, FaultyEndpoint>> = {};

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CBaggagePropagator());
  trace.setGlobalTracerProvider(provider);
  tracker.install();
  process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';
  model = await startMockOpenAI();
  garbage['garbage JSON body'] = await startGarbageModelServer('garbage JSON body');
  garbage['garbage SSE stream'] = await startGarbageModelServer('garbage SSE stream');
});
afterAll(async () => {
  await model.close();
  for (const server of Object.values(garbage)) await server?.close();
  await provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
});
beforeEach(() => {
  tracker.reset();
  model.reset();
});

/** A model-server fault and where to point the client for it. */
interface Fault {
  name: string;
  streamed: boolean;
  /** Scripted reply of the mock server, or a garbage server. */
  reply?: MockReply;
  garbage?: GarbageKind;
}

const FAULTS: Fault[] = [
  {
    name: 'fails mid-stream (socket destroyed after 2 chunks)',
    streamed: true,
    reply: { disconnectAfterChunks: 2 },
  },
  {
    name: 'closes the socket before answering',
    streamed: false,
    reply: { disconnectAfterChunks: 0 },
  },
  {
    name: 'answers 500',
    streamed: false,
    reply: { error: { status: 500, message: 'model exploded' } },
  },
  {
    name: 'answers 500 to a stream request',
    streamed: true,
    reply: { error: { status: 500, message: 'model exploded' } },
  },
  { name: 'answers a garbage JSON body', streamed: false, garbage: 'garbage JSON body' },
  { name: 'answers a garbage SSE stream', streamed: true, garbage: 'garbage SSE stream' },
];

function baseURLFor(fault: Fault): string {
  return fault.garbage ? `${garbage[fault.garbage]!.url}/v1` : model.baseURL;
}

/** Arms the fault for the next request (the mock server's queue; garbage servers always fail). */
function arm(fault: Fault): void {
  if (fault.reply) model.enqueue(fault.reply);
}

/** What the caller caught. */
async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.constructor.name, message: error.message }
    : { name: typeof error, message: String(error) };
}

/** Every span ended, none twice, and the span(s) matching `isModelSpan` ended ERROR. */
function expectSpansClosed(isModelSpan: (span: ReadableSpan) => boolean): void {
  expect([...tracker.open.values()].map((s) => (s as unknown as ReadableSpan).name)).toEqual([]);
  expect(tracker.doubleEnds).toEqual([]);
  const modelSpans = tracker.ended.filter(isModelSpan);
  expect(modelSpans.length).toBeGreaterThan(0);
  for (const span of modelSpans) {
    expect(span.status.code, `${span.name} status`).toBe(SpanStatusCode.ERROR);
    expect(
      span.events.some((e) => e.name === 'exception'),
      `${span.name} exception event`,
    ).toBe(true);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('model server faults through @threadline/openai (observeOpenAI)', () => {
  for (const fault of FAULTS) {
    it(`model server ${fault.name}: the caller gets the SDK's own error, the span ends ERROR once`, async () => {
      const unhandled = watchUnhandled();
      const call = async (client: OpenAI) => {
        const request = {
          model: 'gpt-4o-mini',
          messages: [{ role: 'user' as const, content: 'hi' }],
        };
        if (!fault.streamed) return client.chat.completions.create(request);
        const stream = await client.chat.completions.create({ ...request, stream: true });
        for await (const _ of stream);
      };
      const client = () => new OpenAI({ baseURL: baseURLFor(fault), apiKey: 'x', maxRetries: 0 });
      arm(fault);
      const bare = await caught(() => call(client()));
      tracker.reset();
      arm(fault);
      const observed = await caught(() =>
        propagateAttributes({ sessionId: 'fault-session' }, () => call(observeOpenAI(client()))),
      );
      await settle();
      unhandled.stop();
      expect(bare, 'the bare SDK fails too').toBeInstanceOf(Error);
      expect(describeError(observed)).toEqual(describeError(bare));
      expect(observed).toBeInstanceOf((bare as Error).constructor);
      expectSpansClosed((span) => span.instrumentationScope.name === '@threadline/openai');
      expect(tracker.ended.every((s) => s.attributes['session.id'] === 'fault-session')).toBe(true);
      expect(unhandled.errors).toEqual([]);
    });
  }
});

/**
 * The AI SDK reports some model failures as an `error` part inside the stream (a garbage SSE
 * event, a provider's error event) rather than as a failing stream. This suite found that the
 * call's spans then ended UNSET; @threadline/ai-sdk now marks them ERROR (1d1207a).
 */
async function aiSdkOverHttp(fault: Fault) {
  const openai = createOpenAI({ baseURL: baseURLFor(fault), apiKey: 'x' });
  const run = async (withTelemetry: boolean) => {
    const errors: unknown[] = [];
    const result = streamText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'hi',
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
      ...(withTelemetry ? { experimental_telemetry: telemetry({ sessionId: 'fault' }) } : {}),
    });
    const thrown = await caught(async () => {
      for await (const _ of result.textStream);
    });
    return thrown ?? errors[0];
  };
  arm(fault);
  const bare = await run(false);
  tracker.reset();
  arm(fault);
  const observed = await run(true);
  await settle();
  return { bare, observed };
}

async function aiSdkOnMockModel(fault: ModelFault) {
  const run = async (withTelemetry: boolean) => {
    const errors: unknown[] = [];
    const result = streamText({
      model: createToolLoopModel(fault),
      prompt: 'order-1',
      onError: ({ error }) => {
        errors.push(error);
      },
      ...(withTelemetry ? { experimental_telemetry: telemetry({ sessionId: 'fault' }) } : {}),
    });
    const thrown = await caught(async () => {
      for await (const _ of result.textStream);
    });
    return thrown ?? errors[0];
  };
  const bare = await run(false);
  tracker.reset();
  const observed = await run(true);
  await settle();
  return { bare, observed };
}

describe('model server faults through @threadline/ai-sdk (telemetry) on @ai-sdk/openai', () => {
  for (const fault of FAULTS.filter((f) => f.streamed || f.name.includes('socket'))) {
    it(`model server ${fault.name}: streamText surfaces the SDK's own error, every span of the call ends once, the call span ends ERROR`, async () => {
      const unhandled = watchUnhandled();
      const { bare, observed } = await aiSdkOverHttp(fault);
      unhandled.stop();
      expect(bare, 'the bare SDK reports an error').toBeDefined();
      expect(describeError(observed)).toEqual(describeError(bare));
      expectSpansClosed((span) => span.name === 'ai.streamText');
      expect(unhandled.errors).toEqual([]);
    });
  }

  for (const fault of ['error part mid-stream', 'stream throws mid-stream'] as ModelFault[]) {
    it(`mock model: ${fault}: streamText surfaces the same error, every span ends once, the call span ends ERROR`, async () => {
      const { bare, observed } = await aiSdkOnMockModel(fault);
      expect(bare).toBeDefined();
      expect(describeError(observed)).toEqual(describeError(bare));
      expectSpansClosed((span) => span.name === 'ai.streamText');
    });
  }
});

describe('model server faults through @threadline/langchain (ThreadlineCallbackHandler) on ChatOpenAI', () => {
  for (const fault of FAULTS) {
    it(`model server ${fault.name}: the caller gets LangChain's own error, every run span ends, the LLM span ends ERROR`, async () => {
      const unhandled = watchUnhandled();
      const chat = new ChatOpenAI({
        model: 'gpt-4o-mini',
        apiKey: 'x',
        maxRetries: 0,
        configuration: { baseURL: baseURLFor(fault) },
      });
      const run = async (callbacks: ThreadlineCallbackHandler[]) =>
        caught(async () => {
          const config = { callbacks, metadata: { session_id: 'fault-session' } };
          if (!fault.streamed) return chat.invoke('hi', config);
          for await (const _ of await chat.stream('hi', config));
        });
      arm(fault);
      const bare = await run([]);
      tracker.reset();
      arm(fault);
      const observed = await run([new ThreadlineCallbackHandler()]);
      await settle();
      unhandled.stop();
      expect(bare, 'LangChain fails too').toBeInstanceOf(Error);
      expect(describeError(observed)).toEqual(describeError(bare));
      expectSpansClosed((span) => span.attributes['langfuse.observation.type'] === 'generation');
      expect(tracker.ended.every((s) => s.attributes['session.id'] === 'fault-session')).toBe(true);
      expect(unhandled.errors).toEqual([]);
    });
  }
});
