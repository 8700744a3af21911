import { context, DiagLogLevel, diag, SpanKind, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aiSdk6EmbedMany,
  aiSdk6GenerateText,
  aiSdk7Agent,
  emit,
  httpRequest,
  langChainAgent,
  langChainChain,
  openAIChat,
  openAIEmbeddings,
  type SpanNode,
} from '../../test/genai-spans';
import { createHarness, installGlobals } from '../../test/harness';
import {
  createTracerProvider,
  exportEach,
  InMemorySpanExporter,
  type ReadableSpan,
} from '../../test/trace-sdk';
import { ThreadlineSpanProcessor } from './threadline-span-processor';

const ALL = ['otel', 'langfuse', 'openinference'] as const;

function run(node: SpanNode, options: Parameters<typeof createHarness>[0] = { dialects: ALL }) {
  const harness = createHarness(options);
  emit(harness.tracer(), node);
  return harness;
}

const TOKEN_KEY = /^llm\.token_count\./;
const CONTENT_KEY =
  /^(input|output)\.|^llm\.(input|output)_messages\.|^embedding\.embeddings\.|^tool\.parameters$/;

function keysMatching(span: ReadableSpan, pattern: RegExp): string[] {
  return Object.keys(span.attributes).filter((key) => pattern.test(key));
}

describe('openinference dialect: attributes derived as spans end', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installGlobals();
  });
  afterAll(() => uninstall());

  it('an OpenAI chat span is an LLM span with model, provider, parameters, tokens and messages', () => {
    const span = run(openAIChat(true)).span('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini-2024-07-18',
      'llm.provider': 'openai',
      'llm.system': 'openai',
      'llm.token_count.prompt': 20,
      'llm.token_count.completion': 8,
      'llm.token_count.total': 28,
      'llm.token_count.prompt_details.cache_read': 4,
      'llm.token_count.completion_details.reasoning': 2,
      // A root span: the question and the answer as text.
      'input.value': 'What is the capital of France?',
      'input.mime_type': 'text/plain',
      'output.value': 'Paris.',
      'output.mime_type': 'text/plain',
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'Be brief.',
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': 'What is the capital of France?',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': 'Paris.',
    });
    expect(JSON.parse(span.attributes['llm.invocation_parameters'] as string)).toEqual({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 200,
    });
    expect(span.droppedAttributesCount).toBe(0);
  });

  it('an embeddings span is an EMBEDDING span with its model, texts and tokens', () => {
    const span = run(openAIEmbeddings(true)).span('embeddings text-embedding-3-small');
    expect(span.attributes).toMatchObject({
      'openinference.span.kind': 'EMBEDDING',
      'embedding.model_name': 'text-embedding-3-small',
      'llm.model_name': 'text-embedding-3-small',
      'llm.provider': 'openai',
      'llm.token_count.prompt': 6,
      'llm.token_count.total': 6,
      'embedding.embeddings.0.embedding.text': 'first text',
      'embedding.embeddings.1.embedding.text': 'second text',
      'input.value': '["first text","second text"]',
      'input.mime_type': 'application/json',
    });
    expect(span.attributes['llm.token_count.completion']).toBeUndefined();
    expect(span.attributes['llm.invocation_parameters']).toBeUndefined();
  });

  it('a LangChain agent run: AGENT root, LLM calls with tokens, a TOOL span, no tokens on the agent', () => {
    const harness = run(langChainAgent(true));
    const [first, second] = harness.spans().filter((s) => s.name === 'ChatOpenAI');
    const agent = harness.span('AgentExecutor');
    const tool = harness.span('weather');
    expect(agent.attributes).toMatchObject({
      'openinference.span.kind': 'AGENT',
      'agent.name': 'AgentExecutor',
      'input.value': 'What is the weather in Paris?',
      'input.mime_type': 'text/plain',
      'output.value': 'Sunny, 21 °C.',
      'output.mime_type': 'text/plain',
    });
    expect(keysMatching(agent, TOKEN_KEY)).toEqual([]);
    expect(agent.attributes['llm.model_name']).toBeUndefined();
    expect(tool.attributes).toMatchObject({
      'openinference.span.kind': 'TOOL',
      'tool.name': 'weather',
      'tool.description': 'Current weather of a city',
      'tool.parameters': '{"city":"Paris"}',
      'input.value': '{"city":"Paris"}',
      'input.mime_type': 'application/json',
      'output.value': '{"sky":"sunny","celsius":21}',
    });
    expect(keysMatching(tool, TOKEN_KEY)).toEqual([]);
    expect(first!.attributes).toMatchObject({
      'openinference.span.kind': 'LLM',
      'llm.token_count.prompt': 30,
      'llm.token_count.completion': 12,
      // Not a root: the content as recorded, as JSON.
      'input.mime_type': 'application/json',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_1',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'weather',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"city":"Paris"}',
    });
    expect(first!.attributes['output.value']).toContain('"tool_call"');
    expect(second!.attributes).toMatchObject({
      'llm.input_messages.1.message.role': 'assistant',
      'llm.input_messages.1.message.tool_calls.0.tool_call.function.name': 'weather',
      'llm.input_messages.2.message.role': 'tool',
      'llm.input_messages.2.message.tool_call_id': 'call_1',
      'llm.input_messages.2.message.content': '{"sky":"sunny"}',
      'llm.output_messages.0.message.content': 'Sunny, 21 °C.',
    });
  });

  it('a chain node is a CHAIN span; its plain-text output stays text', () => {
    const span = run(langChainChain(true)).span('RunnableSequence');
    expect(span.attributes).toMatchObject({
      'openinference.span.kind': 'CHAIN',
      'input.value': '{"topic":"cats"}',
      'input.mime_type': 'application/json',
      'output.value': 'Cats purr.',
      'output.mime_type': 'text/plain',
    });
  });

  it('the AI SDK 6 spans: the call is AGENT, doGenerate LLM, toolCall TOOL; tokens on model calls only', () => {
    const harness = run(aiSdk6GenerateText(true));
    const call = harness.span('ai.generateText');
    const [asks, answers] = harness.spans().filter((s) => s.name === 'ai.generateText.doGenerate');
    const tool = harness.span('ai.toolCall');
    expect(call.attributes).toMatchObject({
      'openinference.span.kind': 'AGENT',
      'agent.name': 'weather-bot',
      'input.value': 'Weather in Oslo?',
      'input.mime_type': 'text/plain',
      'output.value': 'Cold: -3 °C.',
      'output.mime_type': 'text/plain',
    });
    expect(keysMatching(call, TOKEN_KEY)).toEqual([]);
    expect(asks!.attributes).toMatchObject({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini-2024-07-18',
      'llm.provider': 'openai',
      'llm.token_count.prompt': 30,
      'llm.token_count.completion': 10,
      'llm.token_count.total': 40,
      'llm.token_count.prompt_details.cache_read': 0,
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'You are a weather bot.',
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': 'Weather in Oslo?',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_9',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"city":"Oslo"}',
    });
    expect(JSON.parse(asks!.attributes['llm.invocation_parameters'] as string)).toEqual({
      model: 'gpt-4o-mini',
      temperature: 0,
    });
    expect(answers!.attributes).toMatchObject({
      'llm.input_messages.2.message.tool_calls.0.tool_call.function.arguments': '{"city":"Oslo"}',
      'llm.input_messages.3.message.role': 'tool',
      'llm.input_messages.3.message.tool_call_id': 'call_9',
      'llm.input_messages.3.message.content': '{"celsius":-3}',
      'output.value': 'Cold: -3 °C.',
      'llm.output_messages.0.message.content': 'Cold: -3 °C.',
    });
    expect(tool.attributes).toMatchObject({
      'openinference.span.kind': 'TOOL',
      'tool.name': 'weather',
      'tool.parameters': '{"city":"Oslo"}',
      'output.value': '{"celsius":-3}',
    });
  });

  it('AI SDK 6 embedMany: the call is CHAIN, its provider call EMBEDDING with the tokens', () => {
    const harness = run(aiSdk6EmbedMany(true));
    const call = harness.span('ai.embedMany');
    const embed = harness.span('ai.embedMany.doEmbed');
    expect(call.attributes['openinference.span.kind']).toBe('CHAIN');
    expect(keysMatching(call, TOKEN_KEY)).toEqual([]);
    expect(embed.attributes).toMatchObject({
      'openinference.span.kind': 'EMBEDDING',
      'embedding.model_name': 'text-embedding-3-small',
      'llm.token_count.prompt': 4,
      'llm.token_count.total': 4,
      'embedding.embeddings.0.embedding.text': 'sunny',
      'embedding.embeddings.1.embedding.text': 'rainy',
    });
  });

  it('the AI SDK 7 spans: invoke_agent AGENT, steps CHAIN, chat LLM, execute_tool TOOL', () => {
    const harness = run(aiSdk7Agent(true));
    const agent = harness.span('invoke_agent gpt-4o-mini');
    const chats = harness.spans().filter((s) => s.name === 'chat gpt-4o-mini');
    expect(agent.attributes).toMatchObject({
      'openinference.span.kind': 'AGENT',
      'input.value': 'Weather in Rome?',
      'output.value': 'Warm, 25 °C.',
    });
    // ai 7 puts the call's total usage on the agent span too: zero own counts, so that Phoenix
    // (which converts GenAI usage where a span has no counts) does not count it twice.
    expect(agent.attributes).toMatchObject({
      'llm.token_count.prompt': 0,
      'llm.token_count.completion': 0,
      'llm.token_count.total': 0,
    });
    expect(keysMatching(agent, TOKEN_KEY)).toHaveLength(3);
    expect(harness.span('step 1').attributes['openinference.span.kind']).toBe('CHAIN');
    expect(keysMatching(harness.span('step 1'), TOKEN_KEY)).toEqual([]);
    expect(harness.span('execute_tool weather').attributes).toMatchObject({
      'openinference.span.kind': 'TOOL',
      'tool.name': 'weather',
      'tool.parameters': '{"city":"Rome"}',
      'output.value': '{"celsius":25}',
    });
    expect(chats.map((s) => s.attributes['llm.token_count.total'])).toEqual([33, 36]);
    expect(chats[0]!.attributes).toMatchObject({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini-2024-07-18',
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'Answer in one line.',
      'llm.input_messages.1.message.content': 'Weather in Rome?',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'weather',
    });
    expect(JSON.parse(chats[0]!.attributes['llm.invocation_parameters'] as string)).toEqual({
      model: 'gpt-4o-mini',
      max_tokens: 300,
    });
  });

  it('a root without content of its own (an HTTP request) shows the turn the spans under it recorded', () => {
    const harness = run(httpRequest([aiSdk6GenerateText(true)]));
    const request = harness.span('POST /chat');
    expect(request.attributes).toMatchObject({
      'input.value': 'Weather in Oslo?',
      'input.mime_type': 'text/plain',
      'output.value': 'Cold: -3 °C.',
      'output.mime_type': 'text/plain',
    });
    expect(request.attributes['openinference.span.kind']).toBeUndefined();
    // The call under it is no root any more: its content as recorded.
    expect(harness.span('ai.generateText').attributes['input.mime_type']).toBe('application/json');
  });

  it('with content capture off, no input, output or message anywhere, kinds and tokens still', () => {
    for (const node of [
      openAIChat(false),
      openAIEmbeddings(false),
      langChainAgent(false),
      langChainChain(false),
      httpRequest([aiSdk6GenerateText(false)]),
      aiSdk6EmbedMany(false),
      aiSdk7Agent(false),
    ]) {
      const harness = run(node);
      for (const span of harness.spans()) {
        expect(keysMatching(span, CONTENT_KEY), span.name).toEqual([]);
      }
      const kinds = harness.spans().map((s) => s.attributes['openinference.span.kind']);
      expect(kinds.filter((k) => k !== undefined).length).toBeGreaterThan(0);
      for (const span of harness.spans()) {
        const kind = span.attributes['openinference.span.kind'];
        if (kind === 'LLM' || kind === 'EMBEDDING') {
          expect(span.attributes['llm.token_count.prompt'], span.name).toBeGreaterThan(0);
        }
      }
    }
  });

  it('with the default dialects, onEnding writes nothing', () => {
    for (const dialects of [undefined, ['otel', 'langfuse'] as const]) {
      const harness = run(aiSdk7Agent(true), dialects ? { dialects } : {});
      for (const span of harness.spans()) {
        expect(
          Object.keys(span.attributes).filter((k) =>
            /^(openinference|llm|input|output|tool|embedding|agent)\./.test(k),
          ),
        ).toEqual([]);
      }
    }
  });

  it('never overwrites a key; leaves a span an OpenInference instrumentation made alone', () => {
    const chat = openAIChat(true);
    chat.start['input.value'] = 'mine';
    chat.start['llm.model_name'] = 'my-model';
    const span = run(chat).span('chat gpt-4o-mini');
    expect(span.attributes['input.value']).toBe('mine');
    expect(span.attributes['input.mime_type']).toBeUndefined();
    expect(span.attributes['llm.model_name']).toBe('my-model');
    expect(span.attributes['openinference.span.kind']).toBe('LLM');

    const instrumented = openAIChat(true);
    instrumented.start['openinference.span.kind'] = 'LLM';
    const untouched = run(instrumented).span('chat gpt-4o-mini');
    expect(Object.keys(untouched.attributes).filter((k) => k.startsWith('llm.'))).toEqual([]);
  });

  it('stays within the span attribute limit: whole messages only, the essentials first', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      parts: [{ type: 'text', content: `message ${i}` }],
    }));
    const chat = openAIChat(true);
    chat.start['gen_ai.input.messages'] = JSON.stringify(many);
    const span = run(chat, { dialects: ALL }).span('chat gpt-4o-mini');
    expect(span.droppedAttributesCount).toBe(0);
    expect(Object.keys(span.attributes).length).toBeLessThanOrEqual(128);
    expect(span.attributes['llm.token_count.total']).toBe(28);
    const roles = keysMatching(span, /^llm\.input_messages\.\d+\.message\.role$/);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.length).toBeLessThanOrEqual(32);
    for (const role of roles) {
      expect(span.attributes[role.replace('.role', '.content')]).toBeDefined();
    }
    // The leading system message is kept, then the latest messages.
    expect(span.attributes['llm.input_messages.0.message.content']).toBe('Be brief.');
    expect(span.attributes['llm.input_messages.1.message.content']).not.toBe('message 0');

    const exporter = new InMemorySpanExporter();
    const tight = createTracerProvider({
      spanProcessors: [new ThreadlineSpanProcessor({ dialects: ALL }), exportEach(exporter)],
      spanLimits: { attributeCountLimit: 30 },
    });
    emit(tight.getTracer('test'), chat);
    const crowded = exporter.getFinishedSpans()[0]!;
    expect(crowded.droppedAttributesCount).toBe(0);
    expect(crowded.attributes['openinference.span.kind']).toBe('LLM');
  });

  it('never throws on content it cannot read', () => {
    const chat = openAIChat(true);
    chat.start['gen_ai.input.messages'] = '[{"role":"user","parts":[{"type":"text","content":';
    chat.end['gen_ai.output.messages'] = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    chat.start['gen_ai.system_instructions'] = '{"not":"parts"}';
    const warnings: unknown[][] = [];
    const record = (...args: unknown[]) => warnings.push(args);
    diag.setLogger(
      { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
    try {
      const span = run(chat).span('chat gpt-4o-mini');
      expect(span.attributes['openinference.span.kind']).toBe('LLM');
      expect(span.attributes['llm.token_count.total']).toBe(28);
      // Unreadable JSON is shown as the text it is.
      expect(span.attributes['input.mime_type']).toBe('text/plain');
      expect(span.attributes['llm.input_messages.0.message.role']).toBeUndefined();
    } finally {
      diag.disable();
    }
    expect(warnings).toEqual([]);
  });

  it('a root without a GenAI kind (a client request span) shows the question and answer it recorded itself', () => {
    const harness = createHarness({ dialects: ALL });
    const request = harness.tracer().startSpan('POST gateway/chat');
    request.setAttribute('langfuse.observation.input', 'Can it go to my neighbour?');
    request.setAttribute('langfuse.observation.output', 'Yes, I noted it.');
    request.end();
    expect(harness.span('POST gateway/chat').attributes).toMatchObject({
      'input.value': 'Can it go to my neighbour?',
      'input.mime_type': 'text/plain',
      'output.value': 'Yes, I noted it.',
    });
    expect(harness.span('POST gateway/chat').attributes['openinference.span.kind']).toBeUndefined();
  });

  it('a span ended under a remote parent is the local root', () => {
    const harness = createHarness({ dialects: ALL });
    const remote = trace.setSpanContext(context.active(), {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
      isRemote: true,
    });
    emit(harness.tracer(), { ...openAIChat(true), kind: SpanKind.CLIENT }, remote);
    expect(harness.span('chat gpt-4o-mini').attributes['input.value']).toBe(
      'What is the capital of France?',
    );
  });

  it('warns once when the SDK never calls onEnding (SDK 2 before 2.3), and not when it does', () => {
    const warnings: unknown[][] = [];
    const record = (...args: unknown[]) => warnings.push(args);
    diag.setLogger(
      { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
    try {
      run(openAIChat(true));
      createHarness().tracer().startSpan('default dialects').end();
      expect(warnings).toEqual([]);
      // An SDK without onEnding calls onStart and onEnd only.
      const old = new ThreadlineSpanProcessor({ dialects: ALL });
      old.onEnd({});
      old.onEnd({});
      expect(warnings).toHaveLength(1);
      expect(String(warnings[0]![0])).toMatch(/does not call onEnding/);
    } finally {
      diag.disable();
    }
  });
});
