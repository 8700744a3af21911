import { SpanKind } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { observeOpenAI } from '../../src/index';
import { ThreadlineOpenAIInstrumentation } from '../../src/instrumentation/index';
import { useHarness } from '../support/harness';
import { clientOf, SDKS } from '../support/sdks';
import { requiredClientOf, sdkInstall } from './sdk-modules';

/*
 * The instrumentation on the CommonJS path: the SDK is `require`d after it is registered (Node's
 * require hook), and its clients, never wrapped, make the spans `observeOpenAI` makes. vitest
 * loads the ESM copy of the SDK without the loader hook, so that copy is the wrapped reference.
 */

const h = useHarness();
let unregister: () => void;

beforeAll(() => {
  unregister = registerInstrumentations({
    instrumentations: [new ThreadlineOpenAIInstrumentation()],
  });
});
afterAll(() => unregister());

/** What differs between two spans of the same call: ids, times, and nothing else. */
const PER_CALL = [
  'gen_ai.response.id',
  'langfuse.observation.completion_start_time',
  'gen_ai.response.time_to_first_chunk',
];

function comparable(span: ReadableSpan) {
  const attributes = { ...span.attributes };
  for (const key of PER_CALL) {
    expect(key in attributes ? typeof attributes[key] : 'absent').not.toBe('undefined');
    delete attributes[key];
  }
  return {
    name: span.name,
    kind: span.kind,
    status: span.status,
    scope: span.instrumentationScope.name,
    events: span.events.map((e) => e.name),
    attributes,
  };
}

/** The two spans of one call made by an unwrapped (instrumented) and a wrapped client. */
async function sameCall(
  instrumented: OpenAI,
  wrapped: OpenAI,
  call: (client: OpenAI) => Promise<unknown>,
  reply: Parameters<typeof h.mock.enqueue>[0] = { content: 'it is on its way' },
): Promise<[ReadableSpan, ReadableSpan]> {
  const scope = { sessionId: 'conv-1', userId: 'user-1', tags: ['support'] };
  h.mock.enqueue(reply);
  await propagateAttributes(scope, () => call(instrumented));
  const [first] = h.spans();
  h.mock.enqueue(reply);
  await propagateAttributes(scope, () => call(observeOpenAI(wrapped)));
  const spans = h.spans();
  expect(spans).toHaveLength(2);
  return [first!, spans[1]!];
}

const MESSAGES = [{ role: 'user' as const, content: 'where is my parcel' }];
const CITY_SCHEMA = z.toJSONSchema(z.object({ city: z.string() })) as Record<string, unknown>;

describe.each(SDKS)('a required %s, never wrapped', (_name, SDK, major) => {
  let instrumented: OpenAI;
  let wrapped: OpenAI;
  beforeAll(() => {
    instrumented = requiredClientOf(sdkInstall(major).require(), h.mock.baseURL);
    wrapped = clientOf(SDK, h.mock.baseURL);
  });

  it('a plain chat call makes the span observeOpenAI makes', async () => {
    const [span, reference] = await sameCall(
      instrumented,
      wrapped,
      (client) =>
        client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: MESSAGES,
          temperature: 0.2,
          max_completion_tokens: 64,
        }),
      { content: 'it is on its way', usage: { input: 40, output: 12, cached: 8 } },
    );
    expect(comparable(span)).toEqual(comparable(reference));
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toMatchObject({
      'session.id': 'conv-1',
      'user.id': 'user-1',
      'gen_ai.conversation.id': 'conv-1',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 40,
      'gen_ai.usage.cache_read.input_tokens': 8,
      'langfuse.observation.output': JSON.stringify({
        role: 'assistant',
        content: 'it is on its way',
      }),
    });
  });

  it('a streamed chat call makes the span observeOpenAI makes', async () => {
    const texts: string[] = [];
    const [span, reference] = await sameCall(
      instrumented,
      wrapped,
      async (client) => {
        const stream = await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: MESSAGES,
          stream: true,
          stream_options: { include_usage: true },
        });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        texts.push(text);
      },
      { content: 'it is on its way', usage: { input: 9, output: 5 } },
    );
    expect(texts).toEqual(['it is on its way', 'it is on its way']);
    expect(comparable(span)).toEqual(comparable(reference));
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.usage.output_tokens': 5,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(typeof span.attributes['langfuse.observation.completion_start_time']).toBe('string');
  });

  it('an embeddings call makes the span observeOpenAI makes', async () => {
    const [span, reference] = await sameCall(instrumented, wrapped, (client) =>
      client.embeddings.create({ model: 'text-embedding-3-small', input: ['first', 'second'] }),
    );
    expect(comparable(span)).toEqual(comparable(reference));
    expect(span.name).toBe('embeddings text-embedding-3-small');
    expect(span.attributes['langfuse.observation.type']).toBe('embedding');
  });

  it('a scope prompt links its generations, not its embeddings (docs/contract.md#adapter-spans)', async () => {
    await propagateAttributes({ prompt: { name: 'support', version: 3 } }, async () => {
      h.mock.enqueue({ content: 'chat' });
      await instrumented.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
      h.mock.enqueue({ content: 'responses' });
      await instrumented.responses.create({ model: 'o4-mini', input: 'go' });
      await instrumented.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    });
    expect(
      h
        .spans()
        .map((s) => [
          s.attributes['langfuse.observation.type'],
          s.attributes['langfuse.observation.prompt.name'],
          s.attributes['langfuse.observation.prompt.version'],
        ]),
    ).toEqual([
      ['generation', 'support', 3],
      ['generation', 'support', 3],
      ['embedding', undefined, undefined],
    ]);
  });

  it('a failing call records the error and hands the SDK error on unchanged', async () => {
    h.mock.enqueue({ error: { status: 429, message: 'slow down' } });
    const error = await instrumented.chat.completions
      .create({ model: 'gpt-4o-mini', messages: MESSAGES })
      .catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(429);
    const span = h.onlySpan();
    expect(span.attributes['error.type']).toBe('429');
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('an AzureOpenAI client is covered too (the same resource classes)', async () => {
    const { AzureOpenAI } = sdkInstall(major).require();
    const azure = new AzureOpenAI({
      baseURL: h.mock.baseURL,
      apiKey: 'sk-test-not-a-real-key',
      apiVersion: '2024-10-21',
      maxRetries: 0,
    });
    // Azure's deployment paths are not served by the loopback server: the call fails, recorded.
    const error = await azure.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x' })
      .catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(404);
    expect(h.onlySpan().attributes).toMatchObject({
      'gen_ai.provider.name': 'azure.ai.openai',
      'gen_ai.operation.name': 'embeddings',
      'error.type': '404',
    });
  });

  it('a client also wrapped by observeOpenAI makes one span per call, with the options', async () => {
    const client = observeOpenAI(instrumented, {
      sessionId: 'conv-wrapped',
      generationName: 'triage',
    });
    h.mock.enqueue({ content: 'plain' });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    h.mock.enqueue({ content: 'streamed' });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      stream: true,
    });
    for await (const _ of stream);
    await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    const spans = h.spans();
    expect(spans.map((s) => [s.name, s.attributes['session.id']])).toEqual([
      ['triage', 'conv-wrapped'],
      ['triage', 'conv-wrapped'],
      ['triage', 'conv-wrapped'],
    ]);
    expect(h.mock.requests).toHaveLength(3);
  });

  it('parse makes one span, not one more for the create it calls', async () => {
    const format = {
      type: 'json_schema' as const,
      json_schema: {
        name: 'answer',
        strict: true,
        schema: CITY_SCHEMA,
      },
    };
    h.mock.enqueue({ content: '{"city":"Lyon"}' });
    const parsed = await instrumented.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      response_format: format,
    });
    expect(parsed.choices[0]!.message.parsed).toEqual({ city: 'Lyon' });
    h.mock.enqueue({ content: '{"city":"Paris"}' });
    await observeOpenAI(instrumented).chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      response_format: format,
    });
    expect(h.spans().map((s) => s.attributes['gen_ai.operation.name'])).toEqual(['chat', 'chat']);
  });

  it('helpers that call the patched create make a span per request, wrapped or not', async () => {
    for (const client of [instrumented, observeOpenAI(instrumented)]) {
      h.mock.enqueue({ content: 'streamed by the helper', usage: { input: 3, output: 4 } });
      const completion = await client.chat.completions
        .stream({
          model: 'gpt-4o-mini',
          messages: MESSAGES,
          stream_options: { include_usage: true },
        })
        .finalChatCompletion();
      expect(completion.choices[0]!.message.content).toBe('streamed by the helper');
      h.mock.enqueue({ content: '{"city":"Lyon"}' });
      const response = await client.responses.parse({
        model: 'gpt-4o-mini',
        input: 'where is it',
        text: {
          format: { type: 'json_schema', name: 'answer', strict: true, schema: CITY_SCHEMA },
        },
      });
      expect(response.output_parsed).toEqual({ city: 'Lyon' });
    }
    const spans = h.spans();
    expect(
      spans.map((s) => [
        s.attributes['openai.api.type'],
        s.attributes['gen_ai.request.stream'] ?? false,
        s.attributes['gen_ai.usage.output_tokens'] !== undefined,
      ]),
    ).toEqual([
      ['chat_completions', true, true],
      ['responses', false, true],
      ['chat_completions', true, true],
      ['responses', false, true],
    ]);
    expect(h.mock.requests).toHaveLength(4);
  });
});
