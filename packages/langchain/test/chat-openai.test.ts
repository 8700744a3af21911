import {
  type AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  type ToolMessage,
} from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { type MockOpenAI, startMockOpenAI } from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadlineCallbackHandler } from '../src/index';
import { parentIdOf, spanNamed, useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();
let server: MockOpenAI;

beforeAll(async () => {
  server = await startMockOpenAI();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

// Streaming goes through `.stream()`: `streaming: true` with `invoke` makes ChatOpenAI estimate
// token counts with tiktoken, which downloads its tables (no network in these tests).
function chatModel({ useResponsesApi }: { useResponsesApi?: boolean } = {}) {
  return new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'test',
    configuration: { baseURL: server.baseURL },
    maxRetries: 0,
    temperature: 0.3,
    streamUsage: true,
    useResponsesApi,
  });
}

const weather = tool(async ({ city }: { city: string }) => `${city}: sunny, 24°C`, {
  name: 'weather',
  description: 'Current weather of a city',
  schema: z.object({ city: z.string() }),
});

function weatherChat(model: ChatOpenAI, { stream = false } = {}) {
  const withTools = model.bindTools([weather]);
  const call = async (messages: BaseMessage[]): Promise<AIMessageChunk> => {
    if (!stream) return (await withTools.invoke(messages)) as AIMessageChunk;
    let full: AIMessageChunk | undefined;
    for await (const chunk of await withTools.stream(messages)) {
      full = full ? full.concat(chunk) : chunk;
    }
    return full!;
  };
  return RunnableLambda.from(async (question: string) => {
    const history = [new HumanMessage(question)];
    const first = await call(history);
    const result = (await weather.invoke({
      ...first.tool_calls![0]!,
      type: 'tool_call',
    })) as ToolMessage;
    const second = await call([...history, first, result]);
    return second.content;
  }).withConfig({ runName: 'weather-chat' });
}

describe('ChatOpenAI against the loopback OpenAI-compatible server', () => {
  it('a streamed chain with a tool call: session and user on every span, model data on generations', async () => {
    server.enqueue(
      {
        toolCalls: [{ id: 'call_w1', name: 'weather', arguments: { city: 'Paris' } }],
        usage: { input: 21, output: 6 },
      },
      { content: 'It is sunny in Paris.', usage: { input: 40, output: 7, cached: 16 } },
    );
    const handler = new ThreadlineCallbackHandler();
    const answer = await propagateAttributes({ sessionId: 'conv-openai', userId: 'u-openai' }, () =>
      weatherChat(chatModel(), { stream: true }).invoke('Weather in Paris?', {
        callbacks: [handler],
      }),
    );
    expect(answer).toBe('It is sunny in Paris.');
    expect(server.requests.map((r) => r.body?.stream)).toEqual([true, true]);

    const spans = capture.spans();
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).toBe('conv-openai');
      expect(span.attributes['user.id'], span.name).toBe('u-openai');
    }
    const root = spanNamed(spans, 'weather-chat');
    const generations = spans.filter((s) => s.name === 'ChatOpenAI');
    expect(generations).toHaveLength(2);
    for (const span of [...generations, spanNamed(spans, 'weather')]) {
      expect(parentIdOf(span), span.name).toBe(root.spanContext().spanId);
    }
    const [first, second] = generations;
    for (const generation of generations) {
      expect(generation.kind).toBe(SpanKind.CLIENT);
      expect(generation.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'langfuse.observation.type': 'generation',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.request.temperature': 0.3,
        'gen_ai.response.model': 'gpt-4o-mini',
        'gen_ai.conversation.id': 'conv-openai',
      });
      expect(String(generation.attributes['gen_ai.response.id'])).toMatch(/^chatcmpl/);
      expect(
        Date.parse(String(generation.attributes['langfuse.observation.completion_start_time'])),
      ).not.toBeNaN();
    }
    expect(first!.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.usage.input_tokens': 21,
      'gen_ai.usage.output_tokens': 6,
    });
    expect(JSON.parse(String(first!.attributes['langfuse.observation.output']))).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_w1', name: 'weather', arguments: { city: 'Paris' } }],
    });
    expect(second!.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 40,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.cache_read.input_tokens': 16,
    });
    expect(JSON.parse(String(second!.attributes['langfuse.observation.usage_details']))).toEqual({
      input: 24,
      input_cached_tokens: 16,
      output: 7,
      total: 47,
    });
    const input = JSON.parse(String(second!.attributes['langfuse.observation.input']));
    expect(input.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'tool']);

    // The GenAI content keys, in the structure the conventions define.
    for (const generation of generations) {
      expect(JSON.parse(String(generation.attributes['gen_ai.tool.definitions']))).toEqual([
        {
          type: 'function',
          name: 'weather',
          description: 'Current weather of a city',
          parameters: expect.objectContaining({
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          }),
        },
      ]);
    }
    const toolCall = {
      type: 'tool_call',
      id: 'call_w1',
      name: 'weather',
      arguments: { city: 'Paris' },
    };
    expect(JSON.parse(String(first!.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
    ]);
    expect(JSON.parse(String(first!.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [toolCall], finish_reason: 'tool_call' },
    ]);
    expect(JSON.parse(String(second!.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      { role: 'assistant', parts: [toolCall] },
      {
        role: 'tool',
        name: 'weather',
        parts: [{ type: 'tool_call_response', id: 'call_w1', response: 'Paris: sunny, 24°C' }],
      },
    ]);
    expect(JSON.parse(String(second!.attributes['gen_ai.output.messages']))).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'It is sunny in Paris.' }],
        finish_reason: 'stop',
      },
    ]);
    expect(second!.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(spanNamed(spans, 'weather').attributes).toMatchObject({
      'gen_ai.tool.call.id': 'call_w1',
      'langfuse.observation.output': 'Paris: sunny, 24°C',
    });
    expect(handler.openRuns).toBe(0);
  });

  // @langchain/openai 1.6 sends gpt-5.6 and later models there by default.
  it('through the Responses API, streamed and not: response id, usage and a finish reason', async () => {
    server.enqueue(
      {
        toolCalls: [{ id: 'call_r1', name: 'weather', arguments: { city: 'Rome' } }],
        usage: { input: 18, output: 5 },
      },
      { content: 'Rome is sunny.', usage: { input: 33, output: 4, cached: 8 } },
      { content: 'Rome is sunny.', finishReason: 'length', usage: { input: 33, output: 4 } },
    );
    const model = chatModel({ useResponsesApi: true });
    const handler = new ThreadlineCallbackHandler({ sessionId: 'conv-responses' });
    await weatherChat(model, { stream: true }).invoke('Weather in Rome?', { callbacks: [handler] });
    await model.invoke('Weather in Rome?', { callbacks: [handler] });
    expect(server.requests.map((r) => [r.path, r.body?.stream ?? false])).toEqual([
      ['/v1/responses', true],
      ['/v1/responses', true],
      ['/v1/responses', false],
    ]);
    const generations = capture.spans().filter((s) => s.name === 'ChatOpenAI');
    expect(generations.map((s) => s.attributes['gen_ai.response.finish_reasons'])).toEqual([
      ['tool_calls'],
      ['stop'],
      ['length'],
    ]);
    for (const generation of generations) {
      expect(generation.attributes).toMatchObject({
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini',
        'gen_ai.conversation.id': 'conv-responses',
      });
      expect(String(generation.attributes['gen_ai.response.id'])).toMatch(/^resp_/);
    }
    expect(generations[1]!.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 33,
      'gen_ai.usage.output_tokens': 4,
      'gen_ai.usage.cache_read.input_tokens': 8,
    });
    expect(
      generations.map((s) => JSON.parse(String(s.attributes['gen_ai.output.messages']))),
    ).toEqual([
      [
        {
          role: 'assistant',
          parts: [
            { type: 'tool_call', id: 'call_r1', name: 'weather', arguments: { city: 'Rome' } },
          ],
          finish_reason: 'tool_call',
        },
      ],
      [
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Rome is sunny.' }],
          finish_reason: 'stop',
        },
      ],
      [
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Rome is sunny.' }],
          finish_reason: 'length',
        },
      ],
    ]);
    expect(spanNamed(capture.spans(), 'weather').attributes['gen_ai.tool.call.id']).toBe('call_r1');
    expect(handler.openRuns).toBe(0);
  });

  it('the same without streaming, session only in config.metadata', async () => {
    server.enqueue(
      { toolCalls: [{ id: 'call_w2', name: 'weather', arguments: { city: 'Oslo' } }] },
      { content: 'Oslo is sunny.' },
    );
    await weatherChat(chatModel()).invoke('Weather in Oslo?', {
      callbacks: [new ThreadlineCallbackHandler()],
      metadata: { session_id: 'conv-meta', user_id: 'u-meta' },
    });
    const spans = capture.spans();
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).toBe('conv-meta');
      expect(span.attributes['user.id'], span.name).toBe('u-meta');
    }
    for (const generation of spans.filter((s) => s.name === 'ChatOpenAI')) {
      expect(generation.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
      expect(generation.attributes['langfuse.observation.completion_start_time']).toBeUndefined();
    }
  });

  it('prompt | model | parser consumed with .stream(): chunks reach the caller, spans end once', async () => {
    server.enqueue({ content: 'Bonjour tout le monde', usage: { input: 9, output: 4 } });
    const chain = ChatPromptTemplate.fromMessages([['human', 'Say hello in {language}']])
      .pipe(chatModel())
      .pipe(new StringOutputParser());
    const handler = new ThreadlineCallbackHandler();
    const chunks: string[] = [];
    await propagateAttributes({ sessionId: 'conv-stream' }, async () => {
      for await (const chunk of await chain.stream(
        { language: 'French' },
        { callbacks: [handler] },
      )) {
        chunks.push(chunk);
      }
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe('Bonjour tout le monde');
    const spans = capture.spans();
    expect(spans.map((s) => s.name).sort()).toEqual([
      'ChatOpenAI',
      'ChatPromptTemplate',
      'RunnableSequence',
      'StrOutputParser',
    ]);
    const model = spanNamed(spans, 'ChatOpenAI');
    expect(model.attributes['gen_ai.usage.output_tokens']).toBe(4);
    // The parser streams: LangChain reports its input only when it ends.
    const parser = spanNamed(spans, 'StrOutputParser');
    expect(JSON.parse(String(parser.attributes['langfuse.observation.input']))).toEqual({
      role: 'assistant',
      content: 'Bonjour tout le monde',
    });
    expect(parser.attributes['langfuse.observation.output']).toBe('Bonjour tout le monde');
    expect(model.attributes['langfuse.observation.completion_start_time']).toBeDefined();
    for (const span of spans) expect(span.attributes['session.id']).toBe('conv-stream');
    expect(handler.openRuns).toBe(0);
  });

  it('an API error ends the generation and the chain ERROR; the caller gets the SDK’s error', async () => {
    server.enqueue({ error: { status: 400, message: 'context length exceeded' } });
    const chain = ChatPromptTemplate.fromMessages([['human', '{q}']]).pipe(chatModel());
    let caught: unknown;
    try {
      await chain.invoke({ q: 'x' }, { callbacks: [new ThreadlineCallbackHandler()] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toContain('context length exceeded');
    const spans = capture.spans();
    for (const name of ['ChatOpenAI', 'RunnableSequence']) {
      const span = spanNamed(spans, name);
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.status.message).toBe((caught as Error).message);
    }
  });
});
