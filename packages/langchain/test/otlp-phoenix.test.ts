import type { AIMessageChunk, BaseMessage, ToolMessage } from '@langchain/core/messages';
import { HumanMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import {
  createSpanCapture,
  type MockOpenAI,
  type OtlpReceiver,
  type PhoenixView,
  resolvePhoenix,
  type SpanCapture,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadlineCallbackHandler } from '../src/index';

let receiver: OtlpReceiver;
let server: MockOpenAI;
let capture: SpanCapture;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  server = await startMockOpenAI();
  // The OpenInference dialect on: ThreadlineSpanProcessor derives what Phoenix reads as a span
  // ends, from the GenAI and Langfuse keys the handler wrote.
  capture = createSpanCapture({
    threadline: { dialects: ['otel', 'langfuse', 'openinference'] },
    processors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: receiver.tracesUrl }))],
  });
  capture.install();
});
beforeEach(() => {
  receiver.reset();
  server.reset();
});
afterAll(async () => {
  await capture.uninstall();
  await server.close();
  await receiver.close();
});

const weather = tool(async ({ city }: { city: string }) => `${city}: sunny, 24°C`, {
  name: 'weather',
  description: 'Current weather of a city',
  schema: z.object({ city: z.string() }),
});

/** One turn: ask the model, run the tools it calls, until it answers (streamed when asked). */
function supportTurn({ stream = false } = {}) {
  const model = new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'test',
    configuration: { baseURL: server.baseURL },
    maxRetries: 0,
    streamUsage: true,
  }).bindTools([weather]);
  const call = async (messages: BaseMessage[]): Promise<AIMessageChunk> => {
    if (!stream) return (await model.invoke(messages)) as AIMessageChunk;
    let full: AIMessageChunk | undefined;
    for await (const chunk of await model.stream(messages))
      full = full ? full.concat(chunk) : chunk;
    return full!;
  };
  return RunnableLambda.from(async (question: string) => {
    const history: BaseMessage[] = [new HumanMessage(question)];
    for (;;) {
      const reply = await call(history);
      history.push(reply);
      if (!reply.tool_calls?.length) return reply.content as string;
      for (const toolCall of reply.tool_calls) {
        history.push((await weather.invoke({ ...toolCall, type: 'tool_call' })) as ToolMessage);
      }
    }
  }).withConfig({ runName: 'support-turn' });
}

const TURNS = [
  { question: 'Weather in Paris?', answer: 'It is sunny in Paris.' },
  { question: 'And should I take a coat?', answer: 'No coat needed.' },
];
// Two model calls and a tool in the first turn, one streamed model call in the second.
const USAGES = [
  { input: 21, output: 6 },
  { input: 40, output: 7 },
  { input: 52, output: 4 },
];

async function conversation(handler: ThreadlineCallbackHandler): Promise<PhoenixView[]> {
  server.enqueue(
    {
      toolCalls: [{ id: 'call_p1', name: 'weather', arguments: { city: 'Paris' } }],
      usage: USAGES[0],
    },
    { content: TURNS[0]!.answer, usage: USAGES[1] },
    { content: TURNS[1]!.answer, usage: USAGES[2] },
  );
  await propagateAttributes({ sessionId: 'conv-phoenix', userId: 'u-phoenix' }, async () => {
    expect(await supportTurn().invoke(TURNS[0]!.question, { callbacks: [handler] })).toBe(
      TURNS[0]!.answer,
    );
    expect(
      await supportTurn({ stream: true }).invoke(TURNS[1]!.question, { callbacks: [handler] }),
    ).toBe(TURNS[1]!.answer);
  });
  await capture.provider.forceFlush();
  // support-turn, 2 × ChatOpenAI and weather; support-turn and ChatOpenAI.
  const spans = await receiver.waitForSpans(6);
  expect(spans).toHaveLength(6);
  // Before 15.10 Phoenix reads only OpenInference keys; from 15.10 it also converts GenAI ones.
  return [resolvePhoenix(spans, { version: '13.7' }), resolvePhoenix(spans, { version: '15.10' })];
}

describe('Phoenix over real HTTP (OpenInference dialect on)', () => {
  it('kinds, models, tokens once, tools, and each trace’s question and answer', async () => {
    const handler = new ThreadlineCallbackHandler();
    for (const view of await conversation(handler)) {
      const spans = view.traces.flatMap((t) => t.spans);
      const llms = spans.filter((s) => s.name === 'ChatOpenAI');
      expect(llms, view.version).toHaveLength(3);
      llms.forEach((span, i) => {
        expect(span.kind, view.version).toBe('LLM');
        expect(span.modelName).toBe('gpt-4o-mini');
        expect(span.provider).toBe('openai');
        const { input, output } = USAGES[i]!;
        expect(span.tokens).toMatchObject({ prompt: input, completion: output });
        expect(span.inputMessages.length).toBeGreaterThan(0);
        expect(span.outputMessages).toHaveLength(1);
      });
      expect(llms[1]!.inputMessages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
      const [toolCall] = llms[0]!.outputMessages[0]!.toolCalls;
      expect([toolCall?.id, toolCall?.name, JSON.parse(toolCall?.arguments ?? '')]).toEqual([
        'call_p1',
        'weather',
        { city: 'Paris' },
      ]);
      expect(llms[2]!.outputMessages[0]!.content).toBe(TURNS[1]!.answer);
      const tools = spans.filter((s) => s.name === 'weather');
      expect(tools).toHaveLength(1);
      expect(tools[0]).toMatchObject({
        kind: 'TOOL',
        toolName: 'weather',
        toolParameters: { city: 'Paris' },
      });
      // Only model calls carry token counts, so no total counts a model call twice.
      for (const span of spans.filter((s) => s.kind !== 'LLM')) {
        expect(span.tokens, span.name).toEqual({});
      }

      expect(view.traces).toHaveLength(2);
      view.traces.forEach((trace, i) => {
        expect(trace.rootSpans.map((s) => [s.name, s.kind])).toEqual([['support-turn', 'CHAIN']]);
        expect(trace.input?.value).toBe(TURNS[i]!.question);
        expect(trace.output?.value).toBe(TURNS[i]!.answer);
      });
      expect(view.traces.map((t) => t.tokens)).toEqual([
        { prompt: 61, completion: 13, total: 74 },
        { prompt: 52, completion: 4, total: 56 },
      ]);

      expect(view.sessions).toHaveLength(1);
      expect(view.sessions[0]).toMatchObject({
        id: 'conv-phoenix',
        userIds: ['u-phoenix'],
        firstInput: { value: TURNS[0]!.question },
        lastOutput: { value: TURNS[1]!.answer },
        tokens: { prompt: 113, completion: 17, total: 130 },
      });
    }
    expect(handler.openRuns).toBe(0);
  });

  it('with content capture off: kinds, models and tokens, but no input, output or message anywhere', async () => {
    const handler = new ThreadlineCallbackHandler({ captureContent: false });
    for (const view of await conversation(handler)) {
      const spans = view.traces.flatMap((t) => t.spans);
      for (const span of spans) {
        expect(span.input, span.name).toBeUndefined();
        if (span.output !== undefined) {
          // From 15.10 Phoenix itself shows a model call's response id and model as its output
          // when nothing else gives one: no content.
          expect([view.version, span.kind]).toEqual(['15.10', 'LLM']);
          expect(Object.keys(JSON.parse(span.output.value)).sort()).toEqual(['id', 'model']);
        }
        expect(span.inputMessages, span.name).toEqual([]);
        expect(span.outputMessages, span.name).toEqual([]);
        expect(span.toolParameters, span.name).toBeUndefined();
      }
      const llms = spans.filter((s) => s.kind === 'LLM');
      expect(llms.map((s) => [s.modelName, s.tokens.prompt])).toEqual([
        ['gpt-4o-mini', 21],
        ['gpt-4o-mini', 40],
        ['gpt-4o-mini', 52],
      ]);
      expect(spans.find((s) => s.kind === 'TOOL')?.toolName).toBe('weather');
      for (const trace of view.traces) {
        expect(trace.input).toBeUndefined();
        expect(trace.output).toBeUndefined();
      }
      expect(view.sessions[0]?.firstInput).toBeUndefined();
      expect(view.sessions[0]?.lastOutput).toBeUndefined();
    }
    expect(handler.openRuns).toBe(0);
  });
});
