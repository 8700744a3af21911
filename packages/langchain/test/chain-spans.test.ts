import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { AIMessage, HumanMessage, type ToolMessage } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { FakeListChatModel, FakeRetriever } from '@langchain/core/utils/testing';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AlwaysOffSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { createSpanCapture } from '@threadline/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadlineCallbackHandler } from '../src/index';
import { ScriptedChatModel } from './support/scripted-chat-model';
import { parentIdOf, spanNamed, useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();

function simpleChain() {
  const prompt = ChatPromptTemplate.fromMessages([['human', 'Tell me about {topic}']]);
  return prompt
    .pipe(new FakeListChatModel({ responses: ['Paris is the capital.'] }))
    .pipe(new StringOutputParser());
}

const lookup = tool(async ({ city }: { city: string }) => `${city}: 21°C`, {
  name: 'weather',
  description: 'Current weather of a city',
  schema: z.object({ city: z.string() }),
});

/** chain → model → tool → model, as an agent loop does it. */
function agentLoop(model: ScriptedChatModel) {
  return RunnableLambda.from(async (question: string) => {
    const history = [new HumanMessage(question)];
    const first = (await model.invoke(history)) as AIMessage;
    const call = first.tool_calls![0]!;
    const result = (await lookup.invoke({ ...call, type: 'tool_call' })) as ToolMessage;
    const second = await model.invoke([...history, first, result]);
    return second.content as string;
  }).withConfig({ runName: 'answer' });
}

function toolCallingModel() {
  return new ScriptedChatModel({
    replies: [
      {
        toolCalls: [{ id: 'call_1', name: 'weather', args: { city: 'Paris' } }],
        usage: { input: 12, output: 5 },
      },
      { content: 'It is 21°C in Paris.', usage: { input: 30, output: 9, cacheRead: 10 } },
    ],
  });
}

describe('ThreadlineCallbackHandler: spans of a chain', () => {
  it('extends the BaseCallbackHandler of the @langchain/core line under test', () => {
    expect(new ThreadlineCallbackHandler()).toBeInstanceOf(BaseCallbackHandler);
  });

  it('makes one span per run, typed per the contract’s adapter spans, nested under the caller’s active span', async () => {
    const handler = new ThreadlineCallbackHandler();
    const app = capture.tracer('app');
    await app.startActiveSpan('request', async (request) => {
      await simpleChain().invoke({ topic: 'Paris' }, { callbacks: [handler] });
      request.end();
    });
    const spans = capture.spans();
    const request = spanNamed(spans, 'request');
    const root = spanNamed(spans, 'RunnableSequence');
    const prompt = spanNamed(spans, 'ChatPromptTemplate');
    const model = spanNamed(spans, 'FakeListChatModel');
    const parser = spanNamed(spans, 'StrOutputParser');
    expect(parentIdOf(root)).toBe(request.spanContext().spanId);
    for (const child of [prompt, model, parser]) {
      expect(parentIdOf(child)).toBe(root.spanContext().spanId);
      expect(child.spanContext().traceId).toBe(request.spanContext().traceId);
    }
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'threadline.chain',
      'langfuse.observation.type': 'chain',
    });
    expect(root.kind).toBe(SpanKind.INTERNAL);
    expect(model.kind).toBe(SpanKind.CLIENT);
    expect(model.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'langfuse.observation.type': 'generation',
    });
    expect(JSON.parse(String(model.attributes['langfuse.observation.input']))).toEqual([
      { role: 'user', content: 'Tell me about Paris' },
    ]);
    expect(JSON.parse(String(model.attributes['langfuse.observation.output']))).toMatchObject({
      role: 'assistant',
      content: 'Paris is the capital.',
    });
    expect(JSON.parse(String(root.attributes['langfuse.observation.input']))).toEqual({
      topic: 'Paris',
    });
    expect(handler.openRuns).toBe(0);
  });

  it('puts the propagateAttributes scope on every span, with no option and no metadata', async () => {
    const handler = new ThreadlineCallbackHandler();
    await propagateAttributes({ sessionId: 'conv-1', userId: 'u-1' }, () =>
      agentLoop(toolCallingModel()).invoke('Weather in Paris?', { callbacks: [handler] }),
    );
    const spans = capture.spans();
    expect(spans.map((s) => s.name).sort()).toEqual([
      'ScriptedChatModel',
      'ScriptedChatModel',
      'answer',
      'weather',
    ]);
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).toBe('conv-1');
      expect(span.attributes['user.id'], span.name).toBe('u-1');
    }
    const root = spanNamed(spans, 'answer');
    for (const span of spans.filter((s) => s !== root)) {
      expect(parentIdOf(span), span.name).toBe(root.spanContext().spanId);
    }
  });

  it('reads the session and user of the contract’s framework values from run metadata alone', async () => {
    const handler = new ThreadlineCallbackHandler();
    await agentLoop(toolCallingModel()).invoke('Weather in Paris?', {
      callbacks: [handler],
      metadata: { session_id: 'conv-meta', user_id: 'u-meta' },
    });
    const spans = capture.spans();
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect(span.attributes['session.id'], span.name).toBe('conv-meta');
      expect(span.attributes['user.id'], span.name).toBe('u-meta');
    }
    const generations = spans.filter(
      (s) => s.attributes['langfuse.observation.type'] === 'generation',
    );
    expect(generations).toHaveLength(2);
    for (const generation of generations) {
      expect(generation.attributes['gen_ai.conversation.id']).toBe('conv-meta');
    }
  });

  it('takes the first session key present: session_id, thread_id, conversation_id, langfuse…', async () => {
    const handler = new ThreadlineCallbackHandler();
    const chain = simpleChain();
    await chain.invoke(
      { topic: 'a' },
      { callbacks: [handler], metadata: { thread_id: 't-1', langfuse_session_id: 'lf' } },
    );
    await chain.invoke(
      { topic: 'b' },
      { callbacks: [handler], metadata: { langfuseSessionId: 'lf-2', langfuseUserId: 'lu' } },
    );
    await chain.invoke(
      { topic: 'c' },
      { callbacks: [handler], metadata: { conversation_id: 42, langfuse_user_id: 'lu-3' } },
    );
    const roots = capture.spans().filter((s) => s.name === 'RunnableSequence');
    expect(roots.map((s) => [s.attributes['session.id'], s.attributes['user.id']])).toEqual([
      ['t-1', undefined],
      ['lf-2', 'lu'],
      ['42', 'lu-3'],
    ]);
  });

  it('metadata beats the scope, the handler’s options fill in, and run metadata beats the options', async () => {
    const handler = new ThreadlineCallbackHandler({
      sessionId: 'from-options',
      userId: 'u-options',
      release: 'r-1',
    });
    await propagateAttributes({ sessionId: 'from-scope', userId: 'u-scope' }, async () => {
      await simpleChain().invoke({ topic: 'x' }, { callbacks: [handler] });
      await simpleChain().invoke(
        { topic: 'y' },
        { callbacks: [handler], metadata: { session_id: 'from-metadata' } },
      );
    });
    const roots = capture.spans().filter((s) => s.name === 'RunnableSequence');
    expect(roots.map((s) => s.attributes['session.id'])).toEqual(['from-options', 'from-metadata']);
    for (const span of capture.spans()) {
      expect(span.attributes['user.id']).toBe('u-options');
      expect(span.attributes['langfuse.release']).toBe('r-1');
    }
  });

  it('tags: the root run’s own tags and langfuse_tags, never LangChain’s internal tags', async () => {
    const handler = new ThreadlineCallbackHandler({ tags: ['handler-tag'] });
    await simpleChain().invoke(
      { topic: 'x' },
      {
        callbacks: [handler],
        tags: ['checkout', 'langsmith:nostream'],
        metadata: { langfuse_tags: ['beta'] },
      },
    );
    for (const span of capture.spans()) {
      const tags = span.attributes['langfuse.trace.tags'] as string[];
      expect(tags, span.name).toEqual(expect.arrayContaining(['handler-tag', 'beta', 'checkout']));
      expect(
        tags.some((t) => t.includes(':')),
        span.name,
      ).toBe(false);
    }
  });

  it('records model, parameters, usage (cached tokens split off) and the tool call', async () => {
    const handler = new ThreadlineCallbackHandler();
    await agentLoop(toolCallingModel()).invoke('Weather?', { callbacks: [handler] });
    const spans = capture.spans();
    const [first, second] = spans.filter((s) => s.name === 'ScriptedChatModel');
    expect(first!.attributes).toMatchObject({
      'gen_ai.request.model': 'scripted-1',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.response.model': 'scripted-1',
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 5,
      'langfuse.observation.model.name': 'scripted-1',
    });
    expect(JSON.parse(String(first!.attributes['langfuse.observation.model.parameters']))).toEqual({
      temperature: 0.2,
      max_tokens: 64,
    });
    expect(JSON.parse(String(first!.attributes['langfuse.observation.output']))).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
    });
    expect(second!.attributes['gen_ai.usage.cache_read.input_tokens']).toBe(10);
    expect(JSON.parse(String(second!.attributes['langfuse.observation.usage_details']))).toEqual({
      input: 20,
      input_cached_tokens: 10,
      output: 9,
      total: 39,
    });
    const weather = spanNamed(spans, 'weather');
    expect(weather.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'langfuse.observation.type': 'tool',
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.id': 'call_1',
      'langfuse.observation.output': 'Paris: 21°C',
    });
    expect(JSON.parse(String(weather.attributes['langfuse.observation.input']))).toEqual({
      city: 'Paris',
    });
  });

  it('reads usage from llmOutput.tokenUsage when the message has no usage_metadata', async () => {
    class TokenUsageModel extends ScriptedChatModel {
      override async _generate() {
        return {
          generations: [{ message: new AIMessage('hi'), text: 'hi' }],
          llmOutput: { tokenUsage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } },
        };
      }
    }
    await new TokenUsageModel().invoke('x', { callbacks: [new ThreadlineCallbackHandler()] });
    const [span] = capture.spans();
    expect(span!.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 7,
      'gen_ai.usage.output_tokens': 3,
    });
    expect(JSON.parse(String(span!.attributes['langfuse.observation.usage_details']))).toEqual({
      input: 7,
      output: 3,
      total: 10,
    });
  });

  it('marks the first streamed token with langfuse.observation.completion_start_time', async () => {
    const model = new ScriptedChatModel({
      replies: [{ content: 'one two three', usage: { input: 3, output: 3 } }],
    });
    const before = Date.now();
    const chunks: string[] = [];
    for await (const chunk of await model.stream('count', {
      callbacks: [new ThreadlineCallbackHandler()],
    })) {
      chunks.push(String(chunk.content));
    }
    expect(chunks.join('')).toBe('one two three');
    const [span] = capture.spans();
    const first = Date.parse(
      String(span!.attributes['langfuse.observation.completion_start_time']),
    );
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThanOrEqual(Date.now());
    expect(span!.attributes['gen_ai.usage.output_tokens']).toBe(3);
  });

  it('retriever spans carry the query as input and the documents as output', async () => {
    const { Document } = await import('@langchain/core/documents');
    const retriever = new FakeRetriever({
      output: [new Document({ pageContent: 'Paris is in France', metadata: { source: 'atlas' } })],
    });
    await propagateAttributes({ sessionId: 'conv-r' }, () =>
      retriever.invoke('where is Paris', { callbacks: [new ThreadlineCallbackHandler()] }),
    );
    const [span] = capture.spans();
    expect(span!.attributes).toMatchObject({
      'gen_ai.operation.name': 'threadline.retrieve',
      'langfuse.observation.type': 'retriever',
      'langfuse.observation.input': 'where is Paris',
      'session.id': 'conv-r',
    });
    expect(JSON.parse(String(span!.attributes['langfuse.observation.output']))).toEqual([
      { pageContent: 'Paris is in France', metadata: { source: 'atlas' } },
    ]);
  });

  it('records no content when captureContent is false', async () => {
    await agentLoop(toolCallingModel()).invoke('Weather?', {
      callbacks: [new ThreadlineCallbackHandler({ captureContent: false })],
    });
    for (const span of capture.spans()) {
      expect(span.attributes['langfuse.observation.input'], span.name).toBeUndefined();
      expect(span.attributes['langfuse.observation.output'], span.name).toBeUndefined();
    }
    expect(spanNamed(capture.spans(), 'weather').attributes['gen_ai.tool.call.id']).toBe('call_1');
  });

  it('agents: AgentExecutor-named runs, runs tagged agent, and runs that report agent actions', async () => {
    const handler = new ThreadlineCallbackHandler({ agentNames: ['AgentExecutor', 'planner'] });
    const step = RunnableLambda.from(async (x: string) => x);
    const inner = RunnableLambda.from(async (x: string) => step.invoke(x));
    await inner.withConfig({ runName: 'planner' }).invoke('a', { callbacks: [handler] });
    await inner
      .withConfig({ runName: 'helper', tags: ['agent'] })
      .invoke('b', { callbacks: [handler] });
    await inner.invoke('c', {
      callbacks: [handler],
      runName: 'support',
      metadata: { lc_agent_name: 'support' },
    });
    const spans = capture.spans();
    const agents = spans.filter((s) => s.attributes['langfuse.observation.type'] === 'agent');
    expect(agents.map((s) => s.name).sort()).toEqual(['helper', 'planner', 'support']);
    for (const agent of agents) {
      expect(agent.attributes['gen_ai.operation.name']).toBe('invoke_agent');
      expect(agent.attributes['gen_ai.agent.name']).toBe(agent.name);
    }
    // The inner steps inherit the `agent` tag and `lc_agent_name` but are not agents themselves.
    const steps = spans.filter((s) => s.attributes['langfuse.observation.type'] === 'chain');
    expect(steps).toHaveLength(3);

    capture.reset();
    const runId = '0c4f8a5e-0000-4000-8000-000000000001';
    handler.handleChainStart({ lc: 1, type: 'not_implemented', id: ['custom', 'Loop'] }, {}, runId);
    handler.handleAgentAction({ tool: 'weather', toolInput: {}, log: '' }, runId);
    handler.handleChainEnd({}, runId);
    expect(capture.spans()[0]!.attributes).toMatchObject({
      'langfuse.observation.type': 'agent',
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'Loop',
    });
  });

  it('nests every root run under the span active where it was started, even with no scope', async () => {
    const handler = new ThreadlineCallbackHandler();
    const app = capture.tracer('app');
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        app.startActiveSpan(name, async (span) => {
          await simpleChain().invoke({ topic: name }, { callbacks: [handler] });
          span.end();
        }),
      ),
    );
    const spans = capture.spans();
    for (const name of ['a', 'b', 'c']) {
      const parent = spanNamed(spans, name);
      const root = spans.find(
        (s) =>
          s.name === 'RunnableSequence' &&
          JSON.parse(String(s.attributes['langfuse.observation.input'])).topic === name,
      );
      expect(parentIdOf(root!)).toBe(parent.spanContext().spanId);
    }
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('a handler listed twice still makes one span per run, ended once', async () => {
    // @langchain/core 0.3 and 1.2 call a handler once per listing; 1.4 lists it once.
    const handler = new ThreadlineCallbackHandler();
    const chain = simpleChain().withConfig({ callbacks: [handler], runName: 'twice' });
    const answer = await chain.invoke({ topic: 'Paris' }, { callbacks: [handler, handler] });
    expect(answer).toBe('Paris is the capital.');
    const spans = capture.spans();
    expect(spans.map((s) => s.name).sort()).toEqual([
      'ChatPromptTemplate',
      'FakeListChatModel',
      'StrOutputParser',
      'twice',
    ]);
    expect(
      JSON.parse(String(spanNamed(spans, 'twice').attributes['langfuse.observation.output'])),
    ).toEqual({ output: 'Paris is the capital.' });
    for (const span of spans) expect(span.attributes['threadline.end_reason']).toBeUndefined();
    expect(handler.openRuns).toBe(0);
  });
});

describe('ThreadlineCallbackHandler: tracer provider', () => {
  it('uses the tracerProvider option instead of the global one', async () => {
    const own = createSpanCapture();
    await propagateAttributes({ sessionId: 'conv-own' }, () =>
      simpleChain().invoke(
        { topic: 'x' },
        { callbacks: [new ThreadlineCallbackHandler({ tracerProvider: own.provider })] },
      ),
    );
    expect(capture.spans()).toEqual([]);
    expect(own.spans()).toHaveLength(4);
    for (const span of own.spans()) {
      expect(span.instrumentationScope.name).toBe('@threadline/langchain');
      expect(span.attributes['session.id']).toBe('conv-own');
    }
    await own.provider.shutdown();
  });

  it('spans a sampler drops leave nothing open and the chain runs as usual', async () => {
    const provider = new BasicTracerProvider({ sampler: new AlwaysOffSampler() });
    const handler = new ThreadlineCallbackHandler({ tracerProvider: provider });
    await expect(
      agentLoop(toolCallingModel()).invoke('Weather?', { callbacks: [handler] }),
    ).resolves.toBe('It is 21°C in Paris.');
    expect(handler.openRuns).toBe(0);
  });
});

describe('ThreadlineCallbackHandler: errors', () => {
  it('a failing model ends its span and its chain ERROR, and the caller gets the same error', async () => {
    const boom = new Error('model exploded');
    const model = new ScriptedChatModel({ replies: [{ error: boom }] });
    const handler = new ThreadlineCallbackHandler();
    const chain = ChatPromptTemplate.fromMessages([['human', '{q}']]).pipe(model);
    await expect(chain.invoke({ q: 'x' }, { callbacks: [handler] })).rejects.toBe(boom);
    const spans = capture.spans();
    expect(spans).toHaveLength(3);
    for (const name of ['ScriptedChatModel', 'RunnableSequence']) {
      const span = spanNamed(spans, name);
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'model exploded' });
      expect(span.attributes['langfuse.observation.level']).toBe('ERROR');
      expect(span.events.some((e) => e.name === 'exception')).toBe(true);
    }
    expect(handler.openRuns).toBe(0);
  });

  it('a failing tool ends its span ERROR and the error reaches the caller unchanged', async () => {
    class ToolFailure extends Error {}
    const failure = new ToolFailure('no such city');
    const broken = tool(
      async () => {
        throw failure;
      },
      { name: 'broken', description: 'fails', schema: z.object({ city: z.string() }) },
    );
    const handler = new ThreadlineCallbackHandler();
    await expect(broken.invoke({ city: 'Atlantis' }, { callbacks: [handler] })).rejects.toBe(
      failure,
    );
    const [span] = capture.spans();
    expect(span!.name).toBe('broken');
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(handler.openRuns).toBe(0);
  });

  it('a failing chain step ends the step and the chain ERROR', async () => {
    const failure = new TypeError('bad input');
    const chain = RunnableLambda.from(() => 1)
      .pipe(
        RunnableLambda.from(() => {
          throw failure;
        }),
      )
      .withConfig({ runName: 'pipeline' });
    await expect(chain.invoke({}, { callbacks: [new ThreadlineCallbackHandler()] })).rejects.toBe(
      failure,
    );
    const statuses = capture.spans().map((s) => [s.name, s.status.code]);
    expect(statuses).toContainEqual(['pipeline', SpanStatusCode.ERROR]);
    expect(statuses.filter(([, code]) => code === SpanStatusCode.ERROR)).toHaveLength(2);
  });

  it('bad options are dropped or defaulted, never thrown', async () => {
    const handler = new ThreadlineCallbackHandler({
      sessionId: 42 as never,
      userId: 'u-ok',
      agentNames: 'AgentExecutor' as never,
      maxOpenRuns: Number.NaN,
      maxRunAgeMs: Number.NaN,
    });
    await simpleChain().invoke({ topic: 'x' }, { callbacks: [handler] });
    const spans = capture.spans();
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect(span.attributes['session.id']).toBeUndefined();
      expect(span.attributes['user.id']).toBe('u-ok');
      expect(span.attributes['threadline.end_reason']).toBeUndefined();
    }
    expect(handler.openRuns).toBe(0);
  });

  it('callbacks never throw into the application, whatever LangChain passes', async () => {
    const handler = new ThreadlineCallbackHandler();
    const weird = [undefined, null, 42, 'x', { generations: 'nope' }, { lc_kwargs: null }];
    for (const value of weird) {
      expect(() => {
        handler.handleChainStart(
          value as never,
          value as never,
          'r1',
          undefined,
          value as never,
          value as never,
        );
        handler.handleChainEnd(value as never, 'r1');
        handler.handleChatModelStart(
          value as never,
          [[]],
          'r2',
          undefined,
          value as never,
          value as never,
          value as never,
        );
        handler.handleLLMNewToken('', { prompt: 0, completion: 0 }, 'r2');
        handler.handleLLMEnd(value as never, 'r2');
        handler.handleToolStart(value as never, value as never, 'r3');
        handler.handleToolEnd(value, 'r3');
        handler.handleRetrieverStart(value as never, value as never, 'r4');
        handler.handleRetrieverEnd(value as never, 'r4');
        handler.handleChainStart({ lc: 1, type: 'not_implemented', id: ['graph'] }, {}, 'r5');
        handler.handleInterrupt(value as never);
        handler.handleInterrupt({ runId: 'r5', interrupts: value, checkpointId: value } as never);
        handler.handleResume(value as never);
        handler.handleResume({ runId: 'r5', checkpointId: value } as never);
        handler.handleChainEnd({}, 'r5');
        handler.handleChainError(value, 'missing');
      }).not.toThrow();
    }
    expect(handler.openRuns).toBe(0);
  });
});
