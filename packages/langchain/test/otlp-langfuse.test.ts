import { Document } from '@langchain/core/documents';
import { type AIMessage, HumanMessage, type ToolMessage } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { FakeRetriever } from '@langchain/core/utils/testing';
import { ChatOpenAI } from '@langchain/openai';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import {
  createSpanCapture,
  type MockOpenAI,
  type OtlpReceiver,
  resolveLangfuse,
  type SpanCapture,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadlineCallbackHandler } from '../src/index';
import { langfusePromptClient } from './support/langfuse-prompt';
import { ScriptedChatModel } from './support/scripted-chat-model';

let receiver: OtlpReceiver;
let capture: SpanCapture;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  capture = createSpanCapture({
    processors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: receiver.tracesUrl }))],
  });
  capture.install();
});
afterAll(async () => {
  await capture.uninstall();
  await receiver.close();
});
// Each test counts only the spans its own runs export.
beforeEach(() => receiver.reset());

const orders = tool(async ({ id }: { id: string }) => `order ${id}: shipped`, {
  name: 'order_status',
  description: 'Status of an order',
  schema: z.object({ id: z.string() }),
});

/** One support turn: a chain that retrieves, then an agent that calls a model, a tool, a model. */
function supportTurn(turn: number) {
  const retriever = new FakeRetriever({
    output: [new Document({ pageContent: 'Orders ship in 2 days', metadata: { id: 'faq-1' } })],
  });
  const model = new ScriptedChatModel({
    replies: [
      {
        toolCalls: [{ id: `call_${turn}`, name: 'order_status', args: { id: `A${turn}` } }],
        usage: { input: 50, output: 10 },
      },
      { content: 'Your order has shipped.', usage: { input: 80, output: 12 } },
    ],
  });
  const agent = RunnableLambda.from(async (question: string) => {
    const history = [new HumanMessage(question)];
    const first = (await model.invoke(history)) as AIMessage;
    const result = (await orders.invoke({
      ...first.tool_calls![0]!,
      type: 'tool_call',
    })) as ToolMessage;
    return (await model.invoke([...history, first, result])).content as string;
  }).withConfig({ runName: 'AgentExecutor' });
  return RunnableLambda.from(async (question: string) => {
    await retriever.invoke(question);
    return agent.invoke(question);
  }).withConfig({ runName: 'support-turn' });
}

describe('through the real OTLP exporter to the loopback receiver', () => {
  it('resolveLangfuse shows chain, generation, tool, retriever and agent, one session per conversation', async () => {
    const handler = new ThreadlineCallbackHandler({ release: '2024.06' });
    const conversations = [
      { sessionId: 'conv-A', userId: 'alice' },
      { sessionId: 'conv-B', userId: 'bob' },
    ];
    await Promise.all(
      conversations.map(async (attributes, c) => {
        for (let turn = 0; turn < 2; turn++) {
          if (c === 0) {
            await propagateAttributes(attributes, () =>
              supportTurn(turn).invoke(`Where is order A${turn}?`, { callbacks: [handler] }),
            );
          } else {
            // The second conversation names itself only in run metadata.
            await supportTurn(turn).invoke(`Where is order A${turn}?`, {
              callbacks: [handler],
              metadata: { session_id: attributes.sessionId, user_id: attributes.userId },
            });
          }
        }
      }),
    );
    await capture.provider.forceFlush();
    // 4 turns × (support-turn, retriever, AgentExecutor, 2 generations, tool)
    const view = resolveLangfuse(await receiver.waitForSpans(24));

    expect(view.traces).toHaveLength(4);
    for (const trace of view.traces) {
      expect(trace.name).toBe('support-turn');
      expect(new Set(trace.observations.map((o) => o.type))).toEqual(
        new Set(['chain', 'retriever', 'agent', 'generation', 'tool']),
      );
      expect(trace.release).toBe('2024.06');
      for (const observation of trace.observations) {
        expect(observation.sessionId, observation.name).toBe(trace.sessionId);
        expect(observation.userId, observation.name).toBe(trace.userId);
      }
      const generations = trace.observations.filter((o) => o.type === 'generation');
      expect(generations.map((g) => g.model)).toEqual(['scripted-1', 'scripted-1']);
      expect(generations.map((g) => g.usage)).toEqual([
        { input: 50, output: 10, total: 60 },
        { input: 80, output: 12, total: 92 },
      ]);
      const retriever = trace.observations.find((o) => o.type === 'retriever')!;
      expect(retriever.output).toEqual([
        { pageContent: 'Orders ship in 2 days', metadata: { id: 'faq-1' } },
      ]);
    }
    expect(view.sessions.map((s) => [s.id, s.userIds, s.traces.length]).sort()).toEqual([
      ['conv-A', ['alice'], 2],
      ['conv-B', ['bob'], 2],
    ]);
    const alice = view.users.find((u) => u.id === 'alice')!;
    expect(alice).toMatchObject({
      traces: 2,
      observations: 12,
      inputTokens: 260,
      outputTokens: 44,
    });
    expect(handler.openRuns).toBe(0);
  });
});

/** A prompt template, ChatOpenAI against the loopback server, and a string parser. */
function supportChain(server: MockOpenAI, metadata?: Record<string, unknown>) {
  const template = ChatPromptTemplate.fromMessages([
    ['system', 'You answer questions about {topic}.'],
    ['human', '{question}'],
  ]);
  return (metadata ? template.withConfig({ metadata }) : template)
    .pipe(
      new ChatOpenAI({
        model: 'gpt-4o-mini',
        apiKey: 'test',
        configuration: { baseURL: server.baseURL },
        maxRetries: 0,
      }),
    )
    .pipe(new StringOutputParser());
}

describe('prompt links through ChatOpenAI over HTTP and the real OTLP exporter', () => {
  let server: MockOpenAI;
  beforeAll(async () => {
    server = await startMockOpenAI();
  });
  afterAll(() => server.close());

  it('resolveLangfuse links each generation to its prompt, with an integer version; no other observation', async () => {
    const handler = new ThreadlineCallbackHandler();
    const question = { topic: 'orders', question: 'Where is my order?' };
    await supportChain(server, {
      langfusePrompt: langfusePromptClient({ name: 'support-chat', version: 3 }),
    }).invoke(question, { callbacks: [handler], metadata: { session_id: 'conv-template' } });
    await propagateAttributes(
      { sessionId: 'conv-scope', prompt: langfusePromptClient({ name: 'from-scope', version: 8 }) },
      () => supportChain(server).invoke(question, { callbacks: [handler] }),
    );
    await supportChain(server, {
      langfusePrompt: langfusePromptClient({ name: 'support-chat', version: 4, isFallback: true }),
    }).invoke(question, { callbacks: [handler], metadata: { session_id: 'conv-fallback' } });
    expect(server.requests).toHaveLength(3);
    await capture.provider.forceFlush();
    // 3 invokes × (sequence, template, model, parser)
    const view = resolveLangfuse(await receiver.waitForSpans(12));

    const linked = Object.fromEntries(
      view.traces.map((trace) => {
        const generation = trace.observations.find((o) => o.type === 'generation')!;
        for (const other of trace.observations.filter((o) => o !== generation)) {
          expect(other.prompt, other.name).toBeUndefined();
        }
        return [trace.sessionId, generation.prompt];
      }),
    );
    expect(linked).toEqual({
      'conv-template': { name: 'support-chat', version: 3 },
      'conv-scope': { name: 'from-scope', version: 8 },
      'conv-fallback': undefined,
    });
    expect(Number.isInteger(linked['conv-template']?.version)).toBe(true);
    expect(handler.openRuns).toBe(0);
  });
});
