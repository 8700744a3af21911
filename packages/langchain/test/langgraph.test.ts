import { type AIMessage, HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LANGCHAIN_ATTRIBUTES, ThreadlineCallbackHandler } from '../src/index';
import { HAS_LANGGRAPH } from './support/langchain-version';
import { ScriptedChatModel } from './support/scripted-chat-model';
import { parentIdOf, spanNamed, useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();

const weather = tool(async ({ city }: { city: string }) => `${city}: rain`, {
  name: 'weather',
  description: 'Current weather of a city',
  schema: z.object({ city: z.string() }),
});

/** agent ⇄ tools, then summarize: two nodes and a tool node. */
async function buildGraph(options: { checkpointer?: boolean } = {}) {
  // LangGraph supports the 1.x line only; the 0.3 project never loads it.
  const { StateGraph, MessagesAnnotation, START, END, MemorySaver } = await import(
    '@langchain/langgraph'
  );
  const { ToolNode, toolsCondition } = await import('@langchain/langgraph/prebuilt');
  const model = new ScriptedChatModel({
    replies: [
      {
        toolCalls: [{ id: 'call_g1', name: 'weather', args: { city: 'Bergen' } }],
        usage: { input: 15, output: 4 },
      },
      { content: 'Rain in Bergen.', usage: { input: 30, output: 5 } },
      { content: 'Summary: rain.', usage: { input: 12, output: 3 } },
    ],
  });
  const graph = new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode('tools', new ToolNode([weather]))
    .addNode('summarize', async (state) => ({
      messages: [await model.invoke([...state.messages, new HumanMessage('Summarize.')])],
    }))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, { tools: 'tools', __end__: 'summarize' })
    .addEdge('tools', 'agent')
    .addEdge('summarize', END);
  return graph.compile(options.checkpointer ? { checkpointer: new MemorySaver() } : {});
}

/** agent ⇄ tools with a payment tool that asks a human first (`interrupt`), checkpointed. */
async function buildApprovalGraph() {
  const { StateGraph, MessagesAnnotation, START, MemorySaver, interrupt } = await import(
    '@langchain/langgraph'
  );
  const { ToolNode, toolsCondition } = await import('@langchain/langgraph/prebuilt');
  const pay = tool(
    async ({ amount }: { amount: number }) =>
      interrupt({ question: `Pay ${amount} EUR?` }) === 'yes' ? 'paid' : 'refused',
    {
      name: 'pay',
      description: 'Pay an amount after a human approved it',
      schema: z.object({ amount: z.number() }),
    },
  );
  const model = new ScriptedChatModel({
    replies: [
      { toolCalls: [{ id: 'call_pay', name: 'pay', args: { amount: 40 } }] },
      { content: 'Paid 40 EUR.' },
    ],
  });
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode('tools', new ToolNode([pay]))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition)
    .addEdge('tools', 'agent')
    .compile({ checkpointer: new MemorySaver() });
}

/** Every span ended once, none failed: an interrupt is the graph waiting, not an error. */
function expectNoFailures(spans: readonly ReadableSpan[]): void {
  expect(new Set(spans.map((s) => s.spanContext().spanId)).size).toBe(spans.length);
  for (const span of spans) {
    expect(span.status.code, span.name).not.toBe(SpanStatusCode.ERROR);
    expect(span.attributes['threadline.end_reason'], span.name).toBeUndefined();
  }
}

describe.skipIf(!HAS_LANGGRAPH)('LangGraph (1.x)', () => {
  it('a graph run inside a scope: one trace, one session, nodes under the graph, no hidden runs', async () => {
    const graph = await buildGraph();
    const handler = new ThreadlineCallbackHandler();
    const result = await propagateAttributes({ sessionId: 'conv-graph', userId: 'u-graph' }, () =>
      graph.invoke(
        { messages: [new HumanMessage('Weather in Bergen?')] },
        { callbacks: [handler] },
      ),
    );
    expect((result.messages.at(-1) as AIMessage).content).toBe('Summary: rain.');

    const spans = capture.spans();
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).toBe('conv-graph');
      expect(span.attributes['user.id'], span.name).toBe('u-graph');
    }
    const names = spans.map((s) => s.name);
    expect(names).not.toContain('__start__');
    expect(names.some((n) => n.startsWith('ChannelWrite') || n.startsWith('Branch'))).toBe(false);

    const root = spanNamed(spans, 'LangGraph');
    expect(parentIdOf(root)).toBeUndefined();
    const nodes = spans.filter((s) => ['agent', 'tools', 'summarize'].includes(s.name));
    expect(nodes.map((s) => s.name).sort()).toEqual(['agent', 'agent', 'summarize', 'tools']);
    for (const node of nodes) {
      expect(parentIdOf(node), node.name).toBe(root.spanContext().spanId);
      expect(node.attributes['langfuse.observation.type']).toBe('chain');
    }
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const generations = spans.filter(
      (s) => s.attributes['langfuse.observation.type'] === 'generation',
    );
    expect(generations).toHaveLength(3);
    for (const generation of generations) {
      expect(['agent', 'summarize']).toContain(byId.get(parentIdOf(generation)!)?.name);
    }
    const toolSpan = spanNamed(spans, 'weather');
    expect(byId.get(parentIdOf(toolSpan)!)?.name).toBe('tools');
    expect(toolSpan.attributes['gen_ai.tool.call.id']).toBe('call_g1');
    expect(handler.openRuns).toBe(0);
  });

  it('a checkpointed graph names its session by configurable.thread_id', async () => {
    const graph = await buildGraph({ checkpointer: true });
    await graph.invoke(
      { messages: [new HumanMessage('Weather in Bergen?')] },
      {
        callbacks: [new ThreadlineCallbackHandler()],
        configurable: { thread_id: 'thread-7' },
        metadata: { user_id: 'u-7' },
      },
    );
    const spans = capture.spans();
    expect(spans.length).toBeGreaterThan(5);
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).toBe('thread-7');
      expect(span.attributes['user.id'], span.name).toBe('u-7');
    }
  });

  it('a tool node that interrupts, then a resume: two traces of one thread, no span failed or left open', async () => {
    const graph = await buildApprovalGraph();
    const handler = new ThreadlineCallbackHandler();
    const config = {
      callbacks: [handler],
      configurable: { thread_id: 'thread-pay' },
      metadata: { user_id: 'u-pay' },
    };
    const paused = await graph.invoke({ messages: [new HumanMessage('Pay the invoice.')] }, config);
    const pending = (paused as { __interrupt__?: Array<{ id: string; value: unknown }> })
      .__interrupt__;
    expect(pending?.map((p) => p.value)).toEqual([{ question: 'Pay 40 EUR?' }]);
    expect(handler.openRuns).toBe(0);

    const first = capture.spans();
    expectNoFailures(first);
    const payCall = spanNamed(first, 'pay');
    expect(payCall.attributes).toMatchObject({
      'gen_ai.tool.call.id': 'call_pay',
      'langfuse.observation.status_message': 'GraphInterrupt',
    });
    expect(payCall.attributes['langfuse.observation.output']).toBeUndefined();
    expect(spanNamed(first, 'tools').attributes['langfuse.observation.status_message']).toBe(
      'GraphInterrupt',
    );
    const pausedGraph = spanNamed(first, 'LangGraph');
    // LangGraph 1.7 reports the interrupt to the handler; earlier releases do not.
    const { GraphCallbackHandler } = (await import('@langchain/langgraph')) as Record<
      string,
      unknown
    >;
    const reportsLifecycle = typeof GraphCallbackHandler === 'function';
    const checkpoint = pausedGraph.attributes[LANGCHAIN_ATTRIBUTES.INTERRUPTED_AT];
    if (reportsLifecycle) {
      expect(pausedGraph.attributes[LANGCHAIN_ATTRIBUTES.INTERRUPT_IDS]).toEqual(
        pending!.map((p) => p.id),
      );
      expect(pausedGraph.attributes['langfuse.observation.status_message']).toBe('GraphInterrupt');
      expect(checkpoint).toMatch(/\S/);
    } else {
      expect(pausedGraph.attributes[LANGCHAIN_ATTRIBUTES.INTERRUPT_IDS]).toBeUndefined();
      expect(checkpoint).toBeUndefined();
    }

    capture.reset();
    const { Command } = await import('@langchain/langgraph');
    const done = await graph.invoke(new Command({ resume: 'yes' }), config);
    expect((done.messages.at(-1) as AIMessage).content).toBe('Paid 40 EUR.');
    expect(handler.openRuns).toBe(0);

    const second = capture.spans();
    expectNoFailures(second);
    expect(new Set(second.map((s) => s.spanContext().traceId)).size).toBe(1);
    for (const span of [...first, ...second]) {
      expect(span.attributes['session.id'], span.name).toBe('thread-pay');
      expect(span.attributes['user.id'], span.name).toBe('u-pay');
    }
    const paidCall = spanNamed(second, 'pay');
    expect(paidCall.attributes).toMatchObject({
      'gen_ai.tool.call.id': 'call_pay',
      'langfuse.observation.output': 'paid',
    });
    expect(paidCall.attributes['langfuse.observation.status_message']).toBeUndefined();
    const resumedGraph = spanNamed(second, 'LangGraph');
    expect(resumedGraph.attributes[LANGCHAIN_ATTRIBUTES.RESUMED_FROM]).toBe(checkpoint);
    expect(resumedGraph.attributes[LANGCHAIN_ATTRIBUTES.INTERRUPT_IDS]).toBeUndefined();
    expect(resumedGraph.attributes['langfuse.observation.status_message']).toBeUndefined();
  });

  it('a static interruptBefore pauses ahead of the tool node; resuming with null runs it', async () => {
    const { StateGraph, MessagesAnnotation, START, MemorySaver } = await import(
      '@langchain/langgraph'
    );
    const { ToolNode, toolsCondition } = await import('@langchain/langgraph/prebuilt');
    const model = new ScriptedChatModel({
      replies: [
        { toolCalls: [{ id: 'call_s1', name: 'weather', args: { city: 'Bergen' } }] },
        { content: 'Rain in Bergen.' },
      ],
    });
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode([weather]))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', toolsCondition)
      .addEdge('tools', 'agent')
      .compile({ checkpointer: new MemorySaver(), interruptBefore: ['tools'] });
    const handler = new ThreadlineCallbackHandler();
    const config = { callbacks: [handler], configurable: { thread_id: 'thread-static' } };
    await graph.invoke({ messages: [new HumanMessage('Weather in Bergen?')] }, config);
    const first = capture.spans();
    expectNoFailures(first);
    expect(first.map((s) => s.name)).not.toContain('weather');
    const { GraphCallbackHandler } = (await import('@langchain/langgraph')) as Record<
      string,
      unknown
    >;
    const checkpoint = spanNamed(first, 'LangGraph').attributes[
      LANGCHAIN_ATTRIBUTES.INTERRUPTED_AT
    ];
    // A static interrupt has no interrupt ids, only the checkpoint (LangGraph 1.7+).
    expect(
      spanNamed(first, 'LangGraph').attributes[LANGCHAIN_ATTRIBUTES.INTERRUPT_IDS],
    ).toBeUndefined();
    expect(typeof checkpoint).toBe(
      typeof GraphCallbackHandler === 'function' ? 'string' : 'undefined',
    );

    capture.reset();
    const done = await graph.invoke(null, config);
    expect((done.messages.at(-1) as AIMessage).content).toBe('Rain in Bergen.');
    const second = capture.spans();
    expectNoFailures(second);
    expect(spanNamed(second, 'weather').attributes['gen_ai.tool.call.id']).toBe('call_s1');
    expect(spanNamed(second, 'LangGraph').attributes[LANGCHAIN_ATTRIBUTES.RESUMED_FROM]).toBe(
      checkpoint,
    );
    for (const span of [...first, ...second]) {
      expect(span.attributes['session.id'], span.name).toBe('thread-static');
    }
    expect(handler.openRuns).toBe(0);
  });

  it('graph.stream in messages and updates mode: chunks reach the caller, every span ends once', async () => {
    const graph = await buildGraph();
    const handler = new ThreadlineCallbackHandler();
    const modes = new Set<string>();
    let streamed = '';
    await propagateAttributes({ sessionId: 'conv-graph-stream' }, async () => {
      const stream = await graph.stream(
        { messages: [new HumanMessage('Weather in Bergen?')] },
        { callbacks: [handler], streamMode: ['messages', 'updates'] },
      );
      for await (const [mode, chunk] of stream) {
        modes.add(mode);
        if (mode !== 'messages') continue;
        const [message] = chunk as [{ content: unknown }, unknown];
        streamed += String(message.content);
      }
    });
    expect([...modes].sort()).toEqual(['messages', 'updates']);
    expect(streamed).toContain('Summary: rain.');
    const spans = capture.spans();
    expectNoFailures(spans);
    const generations = spans.filter(
      (s) => s.attributes['langfuse.observation.type'] === 'generation',
    );
    expect(generations).toHaveLength(3);
    // In messages mode LangGraph streams every model call, so each has a first-token time.
    for (const generation of generations) {
      expect(generation.attributes['langfuse.observation.completion_start_time']).toBeDefined();
    }
    for (const span of spans) expect(span.attributes['session.id']).toBe('conv-graph-stream');
    expect(spanNamed(spans, 'weather').attributes['gen_ai.tool.call.id']).toBe('call_g1');
    expect(handler.openRuns).toBe(0);
  });

  it('graph.streamEvents (v2): events reach the caller, the handler’s spans are the same as with invoke', async () => {
    const graph = await buildGraph();
    const handler = new ThreadlineCallbackHandler();
    const kinds = new Set<string>();
    await propagateAttributes({ sessionId: 'conv-graph-events' }, async () => {
      for await (const event of graph.streamEvents(
        { messages: [new HumanMessage('Weather in Bergen?')] },
        { version: 'v2', callbacks: [handler] },
      )) {
        kinds.add(event.event);
      }
    });
    expect(kinds).toContain('on_chat_model_stream');
    expect(kinds).toContain('on_tool_end');
    const spans = capture.spans();
    expectNoFailures(spans);
    expect(
      spans
        .map((s) => s.name)
        .filter((n) => ['LangGraph', 'agent', 'tools', 'summarize', 'weather'].includes(n))
        .sort(),
    ).toEqual(['LangGraph', 'agent', 'agent', 'summarize', 'tools', 'weather']);
    expect(
      spans.filter((s) => s.attributes['langfuse.observation.type'] === 'generation'),
    ).toHaveLength(3);
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    for (const span of spans) expect(span.attributes['session.id']).toBe('conv-graph-events');
    expect(handler.openRuns).toBe(0);
  });

  it('includeHiddenRuns shows LangGraph’s internal runs too, still in one trace', async () => {
    const graph = await buildGraph();
    await propagateAttributes({ sessionId: 'conv-hidden' }, () =>
      graph.invoke(
        { messages: [new HumanMessage('Weather?')] },
        { callbacks: [new ThreadlineCallbackHandler({ includeHiddenRuns: true })] },
      ),
    );
    const spans = capture.spans();
    expect(spans.map((s) => s.name)).toContain('__start__');
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    for (const span of spans) expect(span.attributes['session.id']).toBe('conv-hidden');
  });
});
