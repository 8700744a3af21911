import {
  type AIMessage,
  HumanMessage,
  SystemMessage,
  type ToolMessage,
} from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { FakeLLM } from '@langchain/core/utils/testing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThreadlineCallbackHandler } from '../src/index';
import { ScriptedChatModel, type ScriptedReply } from './support/scripted-chat-model';
import { spanNamed, useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();

/** Every key that carries content in the GenAI conventions. */
const GEN_AI_CONTENT_KEYS = [
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
];

const weather = tool(async ({ city }: { city: string }) => `${city}: 21°C`, {
  name: 'weather',
  description: 'Current weather of a city',
  schema: z.object({ city: z.string() }),
});

const REPLIES: ScriptedReply[] = [
  {
    toolCalls: [{ id: 'call_1', name: 'weather', args: { city: 'Paris' } }],
    usage: { input: 12, output: 5 },
  },
  { content: 'It is 21°C in Paris.', usage: { input: 30, output: 9 } },
];

/** system + question → model → tool → model, as an agent loop does it. */
function agentLoop(model: ScriptedChatModel) {
  return RunnableLambda.from(async (question: string) => {
    const history = [new SystemMessage('Answer in one sentence.'), new HumanMessage(question)];
    const first = (await model.invoke(history)) as AIMessage;
    const result = (await weather.invoke({
      ...first.tool_calls![0]!,
      type: 'tool_call',
    })) as ToolMessage;
    const second = await model.invoke([...history, first, result]);
    return second.content as string;
  }).withConfig({ runName: 'answer' });
}

function json(span: ReadableSpan, key: string): unknown {
  const value = span.attributes[key];
  expect(typeof value, `${span.name} ${key}`).toBe('string');
  return JSON.parse(value as string);
}

describe('GenAI content attributes (content capture on)', () => {
  it('generation spans: input messages, system instructions and output messages as the conventions define them', async () => {
    const handler = new ThreadlineCallbackHandler();
    const answer = await agentLoop(new ScriptedChatModel({ replies: REPLIES })).invoke(
      'Weather in Paris?',
      { callbacks: [handler] },
    );
    expect(answer).toBe('It is 21°C in Paris.');
    const [first, second] = capture.spans().filter((s) => s.name === 'ScriptedChatModel');

    expect(first!.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(json(first!, 'gen_ai.input.messages')).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Answer in one sentence.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
    ]);
    expect(json(first!, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
        finish_reason: 'tool_call',
      },
    ]);

    expect(second!.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(json(second!, 'gen_ai.input.messages')).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Answer in one sentence.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
      },
      {
        role: 'tool',
        name: 'weather',
        parts: [{ type: 'tool_call_response', id: 'call_1', response: 'Paris: 21°C' }],
      },
    ]);
    expect(json(second!, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'It is 21°C in Paris.' }],
        finish_reason: 'stop',
      },
    ]);
    // The provider's own finish reasons stay as they were reported.
    expect(first!.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    // No tools in the scripted model's invocation params: no definitions.
    expect(first!.attributes['gen_ai.tool.definitions']).toBeUndefined();
    expect(handler.openRuns).toBe(0);
  });

  it('tool spans: name, call id, type, arguments and result; chains keep the Langfuse keys only', async () => {
    await agentLoop(new ScriptedChatModel({ replies: REPLIES })).invoke('Weather in Paris?', {
      callbacks: [new ThreadlineCallbackHandler()],
    });
    const spans = capture.spans();
    const toolSpan = spanNamed(spans, 'weather');
    expect(toolSpan.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.result': 'Paris: 21°C',
      'langfuse.observation.output': 'Paris: 21°C',
    });
    expect(json(toolSpan, 'gen_ai.tool.call.arguments')).toEqual({ city: 'Paris' });
    for (const key of ['gen_ai.input.messages', 'gen_ai.output.messages']) {
      expect(toolSpan.attributes[key], key).toBeUndefined();
    }

    const chain = spanNamed(spans, 'answer');
    // LangChain hands a chain a string input as `{ input }` and its string output as `{ output }`.
    expect(json(chain, 'langfuse.observation.input')).toEqual({ input: 'Weather in Paris?' });
    expect(json(chain, 'langfuse.observation.output')).toEqual({ output: 'It is 21°C in Paris.' });
    for (const key of GEN_AI_CONTENT_KEYS) expect(chain.attributes[key], key).toBeUndefined();
  });

  it('a prompt template’s messages, a multimodal question and a text-completion model', async () => {
    const model = new ScriptedChatModel({ replies: [{ content: 'A cat.' }, { content: 'Ja.' }] });
    const chain = ChatPromptTemplate.fromMessages([
      ['system', 'You describe images.'],
      ['human', '{question}'],
    ]).pipe(model);
    await chain.invoke(
      { question: 'What is it?' },
      { callbacks: [new ThreadlineCallbackHandler()] },
    );
    await model.invoke(
      [
        new HumanMessage({
          content: [
            { type: 'text', text: 'And these?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: 'https://example.com/cat.jpg' },
          ],
        }),
      ],
      { callbacks: [new ThreadlineCallbackHandler()] },
    );
    await new FakeLLM({ response: 'Bonjour' }).invoke('Say hello in French', {
      callbacks: [new ThreadlineCallbackHandler()],
    });

    const [templated, multimodal] = capture.spans().filter((s) => s.name === 'ScriptedChatModel');
    expect(templated!.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(json(templated!, 'gen_ai.input.messages')).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You describe images.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'What is it?' }] },
    ]);
    expect(json(multimodal!, 'gen_ai.input.messages')).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'text', content: 'And these?' },
          // Inline data is never recorded, only named.
          { type: 'text', content: '[image/png: not recorded]' },
          { type: 'uri', modality: 'image', uri: 'https://example.com/cat.jpg' },
        ],
      },
    ]);
    expect(multimodal!.attributes['gen_ai.system_instructions']).toBeUndefined();

    const llm = spanNamed(capture.spans(), 'FakeLLM');
    expect(llm.attributes['gen_ai.operation.name']).toBe('text_completion');
    expect(json(llm, 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Say hello in French' }] },
    ]);
    // FakeLLM reports no finish reason, so its output message has none.
    expect(json(llm, 'gen_ai.output.messages')).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Bonjour' }] },
    ]);
  });

  it('a history past the size bound stays valid JSON: long strings cut, the question whole', async () => {
    const model = new ScriptedChatModel({ replies: [{ content: 'Summarised.' }] });
    await model.invoke(
      [new HumanMessage('x'.repeat(50_000)), new HumanMessage('Summarise the above.')],
      { callbacks: [new ThreadlineCallbackHandler()] },
    );
    const [span] = capture.spans();
    const recorded = String(span!.attributes['gen_ai.input.messages']);
    expect(recorded.length).toBeLessThanOrEqual(32_768);
    const messages = JSON.parse(recorded);
    expect(messages[0].parts[0].content).toMatch(/^x+…\[truncated\]$/);
    expect(messages[1]).toEqual({
      role: 'user',
      parts: [{ type: 'text', content: 'Summarise the above.' }],
    });
  });

  it('usage: cached, cache-creation and reasoning counts under the GenAI keys and USAGE_DETAIL_KEYS', async () => {
    const model = new ScriptedChatModel({
      replies: [
        {
          content: 'Done.',
          usage: { input: 100, output: 40, cacheRead: 60, cacheCreation: 25, reasoning: 30 },
        },
      ],
    });
    await model.invoke('Think hard.', { callbacks: [new ThreadlineCallbackHandler()] });
    const [span] = capture.spans();
    expect(span!.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 40,
      'gen_ai.usage.cache_read.input_tokens': 60,
      'gen_ai.usage.cache_creation.input_tokens': 25,
      'gen_ai.usage.reasoning.output_tokens': 30,
    });
    expect(json(span!, 'langfuse.observation.usage_details')).toEqual({
      input: 15,
      input_cached_tokens: 60,
      input_cache_creation_tokens: 25,
      output: 10,
      output_reasoning_tokens: 30,
      total: 140,
    });
  });
});

describe('GenAI content attributes (content capture off)', () => {
  it('no span carries any content key; names, ids, models and usage stay', async () => {
    await agentLoop(new ScriptedChatModel({ replies: REPLIES })).invoke('Weather in Paris?', {
      callbacks: [new ThreadlineCallbackHandler({ captureContent: false })],
    });
    const spans = capture.spans();
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      for (const key of [
        ...GEN_AI_CONTENT_KEYS,
        'langfuse.observation.input',
        'langfuse.observation.output',
      ]) {
        expect(span.attributes[key], `${span.name} ${key}`).toBeUndefined();
      }
    }
    expect(spanNamed(spans, 'weather').attributes).toMatchObject({
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.id': 'call_1',
    });
    for (const generation of spans.filter((s) => s.name === 'ScriptedChatModel')) {
      expect(generation.attributes['gen_ai.response.model']).toBe('scripted-1');
      expect(generation.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    }
  });
});

describe('runs the handler ends itself', () => {
  it('a stream left early inside a run: its runs end with parent_ended when the run ends, once', async () => {
    const handler = new ThreadlineCallbackHandler();
    const inner = ChatPromptTemplate.fromMessages([['human', '{q}']])
      .pipe(new ScriptedChatModel({ replies: [{ content: 'one two three four' }] }))
      .pipe(new StringOutputParser());
    const firstWord = RunnableLambda.from(async (q: string) => {
      for await (const chunk of await inner.stream({ q })) return chunk;
      return '';
    }).withConfig({ runName: 'first-word' });
    expect(await firstWord.invoke('count', { callbacks: [handler] })).toBe('one ');
    expect(handler.openRuns).toBe(0);

    const spans = capture.spans();
    expect(new Set(spans.map((s) => s.spanContext().spanId)).size).toBe(spans.length);
    const reasons = Object.fromEntries(
      spans.map((s) => [s.name, s.attributes['threadline.end_reason']]),
    );
    expect(reasons).toEqual({
      'first-word': undefined,
      ChatPromptTemplate: undefined,
      RunnableSequence: 'parent_ended',
      ScriptedChatModel: 'parent_ended',
      StrOutputParser: 'parent_ended',
    });
    // Each ends at its last sign of life, never after the run that ended them.
    const root = spanNamed(spans, 'first-word');
    for (const name of ['RunnableSequence', 'ScriptedChatModel', 'StrOutputParser']) {
      const span = spanNamed(spans, name);
      expect(toNanos(span.endTime), name).toBeLessThanOrEqual(toNanos(root.endTime));
    }
  });
});

function toNanos([seconds, nanos]: readonly [number, number]): number {
  return seconds * 1e9 + nanos;
}
