import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { telemetry } from '../src/index';
import { useHarness } from './harness';
import { MAJORS, type Major } from './majors';

const SYSTEM = 'You answer weather questions.';
const QUESTION = 'Weather in Paris?';
const ANSWER = 'Sunny, 21 degrees.';

const TOOL_DEFINITION = {
  type: 'function',
  name: 'weather',
  description: 'Current weather of a city',
  parameters: expect.objectContaining({
    type: 'object',
    properties: { city: { type: 'string' } },
  }),
};

function weatherTool(major: Major) {
  return major.ai.tool({
    description: 'Current weather of a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => ({ city, temperature: 21 }),
  });
}

/** Keys that hold what was said, of the AI SDK and of the GenAI conventions. */
const CAPTURED_KEYS = [
  'ai.prompt',
  'ai.prompt.messages',
  'ai.prompt.tools',
  'ai.response.text',
  'ai.response.toolCalls',
  'ai.toolCall.args',
  'ai.toolCall.result',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
];

/** The GenAI content keys of a span, parsed. */
function genAiContent(span: ReadableSpan): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const key of [
    'gen_ai.system_instructions',
    'gen_ai.input.messages',
    'gen_ai.output.messages',
    'gen_ai.tool.definitions',
  ]) {
    const value = span.attributes[key];
    if (value !== undefined) content[key] = JSON.parse(value as string);
  }
  return content;
}

const TURNS = [
  { toolCalls: [{ id: 'call-1', name: 'weather', input: { city: 'Paris' } }] },
  { text: ANSWER },
];

/** What the two model calls of the tool loop carry, in order. */
const LOOP_CONTENT = [
  {
    'gen_ai.system_instructions': [{ type: 'text', content: SYSTEM }],
    'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: QUESTION }] }],
    'gen_ai.output.messages': [
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call-1', name: 'weather', arguments: { city: 'Paris' } }],
        finish_reason: 'tool_call',
      },
    ],
    'gen_ai.tool.definitions': [TOOL_DEFINITION],
  },
  {
    'gen_ai.system_instructions': [{ type: 'text', content: SYSTEM }],
    'gen_ai.input.messages': [
      { role: 'user', parts: [{ type: 'text', content: QUESTION }] },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call-1', name: 'weather', arguments: { city: 'Paris' } }],
      },
      {
        role: 'tool',
        parts: [
          {
            type: 'tool_call_response',
            id: 'call-1',
            response: { city: 'Paris', temperature: 21 },
          },
        ],
      },
    ],
    'gen_ai.output.messages': [
      { role: 'assistant', parts: [{ type: 'text', content: ANSWER }], finish_reason: 'stop' },
    ],
    'gen_ai.tool.definitions': [TOOL_DEFINITION],
  },
];

describe.each(MAJORS)('$name: GenAI content keys on model calls', (major) => {
  const harness = useHarness();
  afterEach(() => vi.unstubAllEnvs());

  function modelCalls(spans: ReadableSpan[]): ReadableSpan[] {
    return spans
      .filter((span) => /\.do(Generate|Stream)$/.test(span.name))
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
  }

  it('generateText tool loop: input, system instructions, tool definitions, output', async () => {
    await major.ai.generateText({
      model: major.chatModel(TURNS),
      system: SYSTEM,
      prompt: QUESTION,
      tools: { weather: weatherTool(major) },
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: telemetry(),
    });
    const calls = modelCalls(await harness.settle());
    expect(calls.map(genAiContent)).toEqual(LOOP_CONTENT);
  });

  it('streamText tool loop: the answer put together from the stream', async () => {
    await major.ai
      .streamText({
        model: major.chatModel(TURNS),
        system: SYSTEM,
        prompt: QUESTION,
        tools: { weather: weatherTool(major) },
        stopWhen: major.ai.stepCountIs(3),
        experimental_telemetry: telemetry(),
      })
      .consumeStream();
    const calls = modelCalls(await harness.settle());
    expect(calls.map((span) => span.name)).toEqual([
      'ai.streamText.doStream',
      'ai.streamText.doStream',
    ]);
    expect(calls.map(genAiContent)).toEqual(LOOP_CONTENT);
  });

  it('generateObject: the object as the answer text', async () => {
    const json = '{"city":"Paris","temperature":21}';
    await major.ai.generateObject({
      model: major.chatModel([{ text: json }]),
      schema: z.object({ city: z.string(), temperature: z.number() }),
      prompt: QUESTION,
      experimental_telemetry: telemetry(),
    });
    const [call] = modelCalls(await harness.settle());
    expect(genAiContent(call!)).toEqual({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: QUESTION }] }],
      'gen_ai.output.messages': [
        { role: 'assistant', parts: [{ type: 'text', content: json }], finish_reason: 'stop' },
      ],
    });
  });

  it('only the model calls get them: not the call, the tool call or an embedding', async () => {
    await major.ai.generateText({
      model: major.chatModel(TURNS),
      prompt: QUESTION,
      tools: { weather: weatherTool(major) },
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: telemetry(),
    });
    await major.ai.embed({
      model: major.embeddingModel(),
      value: 'hi',
      experimental_telemetry: telemetry(),
    });
    const others = (await harness.settle()).filter(
      (span) => !/\.do(Generate|Stream)$/.test(span.name),
    );
    expect(others.map((span) => span.name).sort()).toEqual([
      'ai.embed',
      'ai.embed.doEmbed',
      'ai.generateText',
      'ai.toolCall',
    ]);
    for (const span of others) expect(genAiContent(span), span.name).toEqual({});
  });

  it.each<[string, { recordInputs?: boolean; recordOutputs?: boolean }, string[]]>([
    ['recordInputs: false', { recordInputs: false }, ['gen_ai.output.messages']],
    ['recordOutputs: false', { recordOutputs: false }, ['gen_ai.input.messages']],
    ['both false', { recordInputs: false, recordOutputs: false }, []],
  ])('%s: only what the SDK recorded', async (_name, options, keys) => {
    await major.ai.generateText({
      model: major.chatModel(TURNS),
      prompt: QUESTION,
      tools: { weather: weatherTool(major) },
      stopWhen: major.ai.stepCountIs(3),
      experimental_telemetry: telemetry(options),
    });
    for (const call of modelCalls(await harness.settle())) {
      const written = Object.keys(genAiContent(call));
      // Tool definitions are inputs: recorded with the prompt only.
      const expected = keys.includes('gen_ai.input.messages')
        ? [...keys, 'gen_ai.tool.definitions']
        : keys;
      expect(written.sort()).toEqual([...expected].sort());
    }
  });

  it('THREADLINE_CAPTURE_CONTENT=false: no content on any span', async () => {
    vi.stubEnv('THREADLINE_CAPTURE_CONTENT', 'false');
    await major.ai
      .streamText({
        model: major.chatModel(TURNS),
        system: SYSTEM,
        prompt: QUESTION,
        tools: { weather: weatherTool(major) },
        stopWhen: major.ai.stepCountIs(3),
        experimental_telemetry: telemetry(),
      })
      .consumeStream();
    const spans = await harness.settle();
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect(
        CAPTURED_KEYS.filter((key) => span.attributes[key] !== undefined),
        span.name,
      ).toEqual([]);
      expect(JSON.stringify(span.attributes), span.name).not.toContain(QUESTION);
    }
  });
});
