import { type AIMessage, HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadlineCallbackHandler } from '../src/index';
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
