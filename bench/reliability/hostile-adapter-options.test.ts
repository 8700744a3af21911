/**
 * Hostile input through the adapters' public entry points: their options (observeOpenAI,
 * telemetry, ThreadlineCallbackHandler, registerThreadlineHandler) and framework-native
 * per-call values (LangChain run metadata and tags, AI SDK telemetry metadata). Never a throw,
 * the call still works, every attribute valid, no changed prototype.
 */
import { telemetry } from '@threadline/ai-sdk';
import { propagateAttributes } from '@threadline/core';
import { registerThreadlineHandler, ThreadlineCallbackHandler } from '@threadline/langchain';
import { observeOpenAI } from '@threadline/openai';
import { createSpanCapture } from '@threadline/testing';
import { streamText } from 'ai';
import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToolLoopModel } from '../src/fixtures/ai-tool-model';
import { createThreeStepChain } from '../src/fixtures/langchain-chain';
import { attributeProblems, isAttributeValue, threadlineKeys } from './support/check-attributes';
import { hostileAttributes, hostileTags, hostileValue } from './support/hostile';
import { inProcessOpenAIFetch } from './support/in-process-openai';
import { changedPrototypes, snapshotPrototypes } from './support/prototypes';

const RUNS = { numRuns: 120 };
const capture = createSpanCapture();
const prototypes = snapshotPrototypes();

beforeAll(() => {
  capture.install();
  process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';
});
afterAll(() => capture.uninstall());
beforeEach(() => capture.reset());

/** Every span: all values valid OpenTelemetry values, Threadline's keys valid per docs/contract.md#fields. */
function problems(): string[] {
  if (capture.spans().length === 0) return ['no span was made'];
  return capture.spans().flatMap((span) => [
    ...Object.entries(span.attributes)
      .filter(([, v]) => !isAttributeValue(v))
      .map(([k]) => `${span.name}: ${k} is not an attribute value`),
    ...attributeProblems(span.attributes, threadlineKeys(span.attributes)).map(
      (p) => `${span.name}: ${p}`,
    ),
  ]);
}

/** Options of an adapter: Threadline's fields, plus the adapter's own, all hostile. */
const hostileAdapterOptions = fc
  .tuple(
    hostileAttributes,
    fc.record(
      {
        generationName: hostileValue,
        captureContent: fc.oneof(fc.boolean(), hostileValue),
        functionId: hostileValue,
        recordInputs: fc.oneof(fc.boolean(), hostileValue),
        recordOutputs: fc.oneof(fc.boolean(), hostileValue),
        agentNames: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), hostileValue),
        includeHiddenRuns: hostileValue,
        maxOpenRuns: fc.oneof(fc.constantFrom(0, -1, Number.NaN, 1e12), hostileValue),
        maxRunAgeMs: fc.oneof(fc.constantFrom(0, -1, Number.NaN, 1e12), hostileValue),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([a, b]) => ({ ...a, ...b }));

describe('hostile adapter options', () => {
  it('observeOpenAI(client, any options): no throw, the call answers, valid attributes', async () => {
    const client = new OpenAI({
      apiKey: 'x',
      baseURL: 'http://127.0.0.1:9/v1',
      fetch: inProcessOpenAIFetch(),
      maxRetries: 0,
    });
    await fc.assert(
      fc.asyncProperty(hostileAdapterOptions, hostileAttributes, async (options, scope) => {
        capture.reset();
        const observed = observeOpenAI(client, options as never);
        const reply = await propagateAttributes(scope as never, () =>
          observed.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'hi' }],
          }),
        );
        expect(reply.choices[0]?.message.content).toBe('Echo: hi');
        expect(problems()).toEqual([]);
        expect(changedPrototypes(prototypes)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('telemetry(any options): no throw, valid AI SDK settings, streamText answers, valid attributes', async () => {
    const model = createToolLoopModel();
    await fc.assert(
      fc.asyncProperty(hostileAdapterOptions, hostileAttributes, async (options, scope) => {
        capture.reset();
        const text = await propagateAttributes(scope as never, async () => {
          const settings = telemetry(options as never);
          expect(settings.isEnabled).toBe(true);
          expect(Object.values(settings.metadata).every(isAttributeValue)).toBe(true);
          const result = streamText({
            model,
            prompt: 'order-7',
            experimental_telemetry: settings,
          });
          let out = '';
          for await (const delta of result.textStream) out += delta;
          return out;
        });
        expect(text).toContain('order-7');
        expect(problems()).toEqual([]);
        expect(changedPrototypes(prototypes)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('new ThreadlineCallbackHandler(any options) with any run metadata and tags: no throw, the chain answers, valid attributes', async () => {
    const chain = createThreeStepChain();
    const runMetadata = fc.record(
      {
        session_id: hostileValue,
        thread_id: hostileValue,
        user_id: hostileValue,
        langfuse_tags: hostileTags,
        langfuseUserId: hostileValue,
        __proto__: hostileValue,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        hostileAdapterOptions,
        runMetadata,
        fc.array(fc.string(), { maxLength: 4 }),
        async (options, metadata, tags) => {
          capture.reset();
          const handler = new ThreadlineCallbackHandler(options as never);
          expect(handler.name).toBe('ThreadlineCallbackHandler');
          const answer = await chain.invoke(
            { question: 'where is my order?' },
            { callbacks: [handler], metadata: metadata as never, tags },
          );
          expect(typeof answer).toBe('string');
          expect(problems()).toEqual([]);
          expect(changedPrototypes(prototypes)).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('registerThreadlineHandler(any options): no throw, a handler back', () => {
    fc.assert(
      fc.property(hostileAdapterOptions, (options) => {
        expect(registerThreadlineHandler(options as never)).toBeInstanceOf(
          ThreadlineCallbackHandler,
        );
      }),
      { numRuns: 50 },
    );
  });

  // Found by the property above: a run metadata id that cannot become a string made the handler
  // drop the run's spans (fixed in @threadline/langchain, 7968b7b). Kept as a regression test.
  it("run metadata whose session or user value cannot become a string (a Symbol, a null-prototype object) drops that value, not the run's spans", async () => {
    const chain = createThreeStepChain();
    for (const value of [Symbol('id'), Object.create(null)]) {
      capture.reset();
      await chain.invoke(
        { question: 'q' },
        { callbacks: [new ThreadlineCallbackHandler()], metadata: { session_id: value } as never },
      );
      expect(capture.spans().length).toBeGreaterThan(0);
    }
  });
});
