import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { jsonAttribute } from './support/attributes';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();
const GENAI_CONTENT_KEYS = [
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
];

describe.each(SDKS)('embeddings with %s', (_name, SDK) => {
  it('is an embedding observation with input usage and no vectors recorded', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const client = observeOpenAI(bare, { sessionId: 'conv-e' });
    const input = ['first text here', 'second one'];
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input });
    // The SDK decodes its default base64 answer the same way with and without Threadline.
    const bareResult = await bare.embeddings.create({ model: 'text-embedding-3-small', input });
    expect(result.data.map((d) => d.embedding)).toEqual(bareResult.data.map((d) => d.embedding));
    const span = h.onlySpan();
    expect(span.name).toBe('embeddings text-embedding-3-small');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'langfuse.observation.type': 'embedding',
      'gen_ai.usage.input_tokens': 5,
      'gen_ai.conversation.id': 'conv-e',
    });
    expect(span.attributes['gen_ai.usage.output_tokens']).toBeUndefined();
    expect(span.attributes['gen_ai.request.encoding_formats']).toBeUndefined();
    expect(span.attributes['langfuse.observation.output']).toBeUndefined();
    expect(jsonAttribute(span, 'langfuse.observation.input')).toEqual(input);
    expect(jsonAttribute(span, 'langfuse.observation.usage_details')).toEqual({
      input: 5,
      total: 5,
    });
    // The GenAI conventions define no content attribute for embeddings.
    for (const key of GENAI_CONTENT_KEYS) expect(span.attributes[key]).toBeUndefined();
    expect(span.attributes['openai.api.type']).toBe('embeddings');
  });

  it('records the encoding format and dimensions the caller chose', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'x',
      encoding_format: 'float',
      dimensions: 8,
    });
    expect(h.onlySpan().attributes).toMatchObject({
      'gen_ai.request.encoding_formats': ['float'],
      'gen_ai.embeddings.dimension.count': 8,
    });
  });
});

describe.each(SDKS)('legacy completions with %s', (_name, SDK) => {
  it('a plain call is a text_completion generation', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'once upon a time', usage: { input: 4, output: 4 } });
    const completion = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'tell a story',
      max_tokens: 16,
      stop: 'END',
    });
    expect(completion.choices[0]!.text).toBe('once upon a time');
    const span = h.onlySpan();
    expect(span.name).toBe('text_completion gpt-3.5-turbo-instruct');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'text_completion',
      'langfuse.observation.type': 'generation',
      'gen_ai.request.max_tokens': 16,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.response.id': completion.id,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 4,
      'gen_ai.usage.output_tokens': 4,
    });
    // A plain string is recorded as it is (core's toContentAttribute), not as a JSON string.
    expect(span.attributes['langfuse.observation.input']).toBe('tell a story');
    expect(span.attributes['langfuse.observation.output']).toBe('once upon a time');
    expect(jsonAttribute(span, 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'tell a story' }] },
    ]);
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'once upon a time' }],
        finish_reason: 'stop',
      },
    ]);
    expect(span.attributes['openai.api.type']).toBe('completions');
  });

  it('a streamed call records text, finish reason and usage', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'a b c d', finishReason: 'length', usage: { input: 2, output: 4 } });
    const stream = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'letters',
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('a b c d');
    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['length'],
      'gen_ai.usage.output_tokens': 4,
    });
    expect(span.attributes['langfuse.observation.completion_start_time']).toEqual(
      expect.any(String),
    );
    expect(span.attributes['langfuse.observation.output']).toBe('a b c d');
    expect(jsonAttribute(span, 'gen_ai.output.messages')).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'a b c d' }], finish_reason: 'length' },
    ]);
  });
});
