import {
  type Attributes,
  type Context,
  context,
  ROOT_CONTEXT,
  SpanKind,
  type Tracer,
  trace,
} from '@opentelemetry/api';

/**
 * A span as an adapter or the AI SDK makes it: the attributes it starts with, the ones it gets
 * when its work is done, and the spans under it (which end first).
 */
export interface SpanNode {
  name: string;
  kind?: SpanKind;
  start: Attributes;
  end?: Attributes;
  children?: SpanNode[];
}

/** Starts and ends `node` and its children through `tracer`, under `parent`. */
export function emit(tracer: Tracer, node: SpanNode, parent: Context = ROOT_CONTEXT): void {
  const span = tracer.startSpan(
    node.name,
    { kind: node.kind ?? SpanKind.INTERNAL, attributes: node.start },
    parent,
  );
  const ctx = trace.setSpan(parent, span);
  for (const child of node.children ?? []) emit(tracer, child, ctx);
  if (node.end) span.setAttributes(node.end);
  span.end();
}

/** Emits `node` under the active context (a propagateAttributes scope). */
export function emitActive(tracer: Tracer, node: SpanNode): void {
  emit(tracer, node, context.active());
}

/** Content keys only when capture is on: adapters record no content otherwise. */
function content(capture: boolean, attributes: Attributes): Attributes {
  return capture ? attributes : {};
}

const genAi = (messages: unknown[]) => JSON.stringify(messages);
const text = (role: string, value: string) => ({ role, parts: [{ type: 'text', content: value }] });

/** A chat completion span of the OpenAI adapter (contract §7). */
export function openAIChat(
  capture: boolean,
  question = 'What is the capital of France?',
): SpanNode & { end: Attributes } {
  return {
    name: 'chat gpt-4o-mini',
    kind: SpanKind.CLIENT,
    start: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 200,
      'langfuse.observation.type': 'generation',
      'langfuse.observation.model.parameters': '{"temperature":0.2,"max_tokens":200}',
      ...content(capture, {
        'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be brief.' }]),
        'gen_ai.input.messages': genAi([text('user', question)]),
        'langfuse.observation.input': JSON.stringify([
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: question },
        ]),
      }),
    },
    end: {
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 20,
      'gen_ai.usage.output_tokens': 8,
      'gen_ai.usage.cache_read.input_tokens': 4,
      'gen_ai.usage.reasoning.output_tokens': 2,
      'langfuse.observation.model.name': 'gpt-4o-mini-2024-07-18',
      'langfuse.observation.usage_details':
        '{"input":20,"output":8,"total":28,"input_cached_tokens":4,"output_reasoning_tokens":2}',
      ...content(capture, {
        'gen_ai.output.messages': genAi([
          { ...text('assistant', 'Paris.'), finish_reason: 'stop' },
        ]),
        'langfuse.observation.output': '{"role":"assistant","content":"Paris."}',
      }),
    },
  };
}

/** An embeddings span of the OpenAI adapter. */
export function openAIEmbeddings(capture: boolean): SpanNode {
  return {
    name: 'embeddings text-embedding-3-small',
    kind: SpanKind.CLIENT,
    start: {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'text-embedding-3-small',
      'langfuse.observation.type': 'embedding',
      ...content(capture, { 'langfuse.observation.input': '["first text","second text"]' }),
    },
    end: {
      'gen_ai.response.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': 6,
      'langfuse.observation.usage_details': '{"input":6,"total":6}',
    },
  };
}

/** A LangChain agent run: a chain root, a model call that asks for a tool, the tool, the answer. */
export function langChainAgent(capture: boolean): SpanNode {
  const question = 'What is the weather in Paris?';
  const toolCall = {
    type: 'tool_call',
    id: 'call_1',
    name: 'weather',
    arguments: { city: 'Paris' },
  };
  const model = (input: unknown[], output: unknown[], tokens: [number, number]): SpanNode => ({
    name: 'ChatOpenAI',
    kind: SpanKind.CLIENT,
    start: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'langfuse.observation.type': 'generation',
      ...content(capture, { 'gen_ai.input.messages': genAi(input) }),
    },
    end: {
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': tokens[0],
      'gen_ai.usage.output_tokens': tokens[1],
      ...content(capture, { 'gen_ai.output.messages': genAi(output) }),
    },
  });
  return {
    name: 'AgentExecutor',
    start: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'AgentExecutor',
      'langfuse.observation.type': 'agent',
      ...content(capture, {
        'langfuse.observation.input': JSON.stringify({
          messages: [{ role: 'user', content: question }],
        }),
      }),
    },
    end: content(capture, {
      'langfuse.observation.output': JSON.stringify({
        messages: [
          { role: 'user', content: question },
          { role: 'assistant', content: 'Sunny, 21 °C.' },
        ],
      }),
    }),
    children: [
      model(
        [text('user', question)],
        [{ role: 'assistant', parts: [toolCall], finish_reason: 'tool_call' }],
        [30, 12],
      ),
      {
        name: 'weather',
        start: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'weather',
          'gen_ai.tool.call.id': 'call_1',
          'gen_ai.tool.description': 'Current weather of a city',
          'langfuse.observation.type': 'tool',
          ...content(capture, { 'gen_ai.tool.call.arguments': '{"city":"Paris"}' }),
        },
        end: content(capture, { 'gen_ai.tool.call.result': '{"sky":"sunny","celsius":21}' }),
      },
      model(
        [
          text('user', question),
          { role: 'assistant', parts: [toolCall] },
          {
            role: 'tool',
            parts: [{ type: 'tool_call_response', id: 'call_1', response: { sky: 'sunny' } }],
          },
        ],
        [{ ...text('assistant', 'Sunny, 21 °C.'), finish_reason: 'stop' }],
        [50, 9],
      ),
    ],
  };
}

/** A LangChain chain node (no GenAI convention: Threadline's own operation value). */
export function langChainChain(capture: boolean): SpanNode {
  return {
    name: 'RunnableSequence',
    start: {
      'gen_ai.operation.name': 'threadline.chain',
      'langfuse.observation.type': 'chain',
      ...content(capture, { 'langfuse.observation.input': '{"topic":"cats"}' }),
    },
    end: content(capture, { 'langfuse.observation.output': 'Cats purr.' }),
  };
}

/** ai 6 `generateText` with one tool round: the call, two model calls, one tool call. */
export function aiSdk6GenerateText(capture: boolean): SpanNode {
  const question = 'Weather in Oslo?';
  const base = {
    'ai.model.provider': 'openai.chat',
    'ai.model.id': 'gpt-4o-mini',
    'ai.telemetry.functionId': 'weather-bot',
  };
  const prompt1 = [
    { role: 'system', content: 'You are a weather bot.' },
    { role: 'user', content: [{ type: 'text', text: question }] },
  ];
  const toolCall = {
    type: 'tool-call',
    toolCallId: 'call_9',
    toolName: 'weather',
    input: { city: 'Oslo' },
  };
  const prompt2 = [
    ...prompt1,
    { role: 'assistant', content: [toolCall] },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_9',
          toolName: 'weather',
          output: { type: 'json', value: { celsius: -3 } },
        },
      ],
    },
  ];
  const doGenerate = (
    messages: unknown[],
    output: Attributes,
    tokens: [number, number],
  ): SpanNode => ({
    name: 'ai.generateText.doGenerate',
    kind: SpanKind.CLIENT,
    start: {
      'operation.name': 'ai.generateText.doGenerate weather-bot',
      'ai.operationId': 'ai.generateText.doGenerate',
      ...base,
      'gen_ai.system': 'openai.chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0,
      ...content(capture, { 'ai.prompt.messages': JSON.stringify(messages) }),
    },
    end: {
      'ai.response.finishReason': 'stop',
      'ai.response.model': 'gpt-4o-mini-2024-07-18',
      'ai.usage.inputTokens': tokens[0],
      'ai.usage.outputTokens': tokens[1],
      'ai.usage.totalTokens': tokens[0] + tokens[1],
      'ai.usage.inputTokenDetails.cacheReadTokens': 0,
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': tokens[0],
      'gen_ai.usage.output_tokens': tokens[1],
      ...content(capture, output),
    },
  });
  return {
    name: 'ai.generateText',
    start: {
      'operation.name': 'ai.generateText weather-bot',
      'ai.operationId': 'ai.generateText',
      ...base,
      ...content(capture, {
        'ai.prompt': JSON.stringify({ system: 'You are a weather bot.', prompt: question }),
      }),
    },
    end: {
      'ai.response.finishReason': 'stop',
      'ai.usage.inputTokens': 70,
      'ai.usage.outputTokens': 16,
      'ai.usage.totalTokens': 86,
      ...content(capture, { 'ai.response.text': 'Cold: -3 °C.' }),
    },
    children: [
      doGenerate(
        prompt1,
        {
          'ai.response.toolCalls': JSON.stringify([
            { toolCallId: 'call_9', toolName: 'weather', input: '{"city":"Oslo"}' },
          ]),
        },
        [30, 10],
      ),
      {
        name: 'ai.toolCall',
        start: {
          'operation.name': 'ai.toolCall weather-bot',
          'ai.operationId': 'ai.toolCall',
          'ai.toolCall.name': 'weather',
          'ai.toolCall.id': 'call_9',
          ...content(capture, { 'ai.toolCall.args': '{"city":"Oslo"}' }),
        },
        end: content(capture, { 'ai.toolCall.result': '{"celsius":-3}' }),
      },
      doGenerate(prompt2, { 'ai.response.text': 'Cold: -3 °C.' }, [40, 6]),
    ],
  };
}

/** ai 6 `embedMany`: the call and its provider call. */
export function aiSdk6EmbedMany(capture: boolean): SpanNode {
  const base = { 'ai.model.provider': 'openai.embedding', 'ai.model.id': 'text-embedding-3-small' };
  return {
    name: 'ai.embedMany',
    start: {
      'ai.operationId': 'ai.embedMany',
      ...base,
      ...content(capture, { 'ai.values': ['"sunny"', '"rainy"'] }),
    },
    end: { 'ai.usage.tokens': 4 },
    children: [
      {
        name: 'ai.embedMany.doEmbed',
        kind: SpanKind.CLIENT,
        start: {
          'ai.operationId': 'ai.embedMany.doEmbed',
          ...base,
          ...content(capture, { 'ai.values': ['"sunny"', '"rainy"'] }),
        },
        end: { 'ai.usage.tokens': 4 },
      },
    ],
  };
}

/** ai 7 through `@ai-sdk/otel`: `invoke_agent`, `step 1`, `chat`, `execute_tool`, `step 2`, … */
export function aiSdk7Agent(capture: boolean): SpanNode {
  const question = 'Weather in Rome?';
  const input = genAi([text('user', question)]);
  const toolCall = {
    type: 'tool_call',
    id: 'call_7',
    name: 'weather',
    arguments: { city: 'Rome' },
  };
  const chat = (messages: string, output: unknown[], tokens: [number, number]): SpanNode => ({
    name: 'chat gpt-4o-mini',
    kind: SpanKind.CLIENT,
    start: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.max_tokens': 300,
      ...content(capture, {
        'gen_ai.system_instructions': '[{"type":"text","content":"Answer in one line."}]',
        'gen_ai.input.messages': messages,
      }),
    },
    end: {
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': tokens[0],
      'gen_ai.usage.output_tokens': tokens[1],
      'gen_ai.usage.cache_read.input_tokens': 0,
      ...content(capture, { 'gen_ai.output.messages': genAi(output) }),
    },
  });
  return {
    name: 'invoke_agent gpt-4o-mini',
    start: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      ...content(capture, { 'gen_ai.input.messages': input }),
    },
    end: {
      'gen_ai.usage.input_tokens': 55,
      'gen_ai.usage.output_tokens': 14,
      ...content(capture, {
        'gen_ai.output.messages': genAi([
          { ...text('assistant', 'Warm, 25 °C.'), finish_reason: 'stop' },
        ]),
      }),
    },
    children: [
      {
        name: 'step 1',
        start: { 'gen_ai.operation.name': 'agent_step' },
        children: [
          chat(
            input,
            [{ role: 'assistant', parts: [toolCall], finish_reason: 'tool_call' }],
            [25, 8],
          ),
          {
            name: 'execute_tool weather',
            start: {
              'gen_ai.operation.name': 'execute_tool',
              'gen_ai.tool.name': 'weather',
              'gen_ai.tool.call.id': 'call_7',
              'gen_ai.tool.type': 'function',
              ...content(capture, { 'gen_ai.tool.call.arguments': '{"city":"Rome"}' }),
            },
            end: content(capture, { 'gen_ai.tool.call.result': '{"celsius":25}' }),
          },
        ],
      },
      {
        name: 'step 2',
        start: { 'gen_ai.operation.name': 'agent_step' },
        children: [
          chat(
            genAi([
              text('user', question),
              { role: 'assistant', parts: [toolCall] },
              {
                role: 'tool',
                parts: [{ type: 'tool_call_response', id: 'call_7', response: { celsius: 25 } }],
              },
            ]),
            [{ ...text('assistant', 'Warm, 25 °C.'), finish_reason: 'stop' }],
            [30, 6],
          ),
        ],
      },
    ],
  };
}

/** An HTTP server span: no GenAI key at all. */
export function httpRequest(children: SpanNode[]): SpanNode {
  return {
    name: 'POST /chat',
    kind: SpanKind.SERVER,
    start: { 'http.request.method': 'POST', 'url.path': '/chat' },
    end: { 'http.response.status_code': 200 },
    children,
  };
}
