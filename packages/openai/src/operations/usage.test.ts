import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { writeUsage } from './usage';

function usageOf(usage: unknown): Attributes {
  const out: Attributes = {};
  writeUsage(usage, out);
  return out;
}

describe('writeUsage', () => {
  it('chat usage: GenAI counts as reported, Langfuse details apart from input and output', () => {
    const out = usageOf({
      prompt_tokens: 100,
      completion_tokens: 50,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 60, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 20, audio_tokens: 5 },
    });
    expect(out).toMatchObject({
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 50,
      'gen_ai.usage.cache_read.input_tokens': 60,
      'gen_ai.usage.reasoning.output_tokens': 20,
    });
    expect(JSON.parse(out['langfuse.observation.usage_details'] as string)).toEqual({
      input: 40,
      output: 25,
      total: 150,
      input_cached_tokens: 60,
      output_reasoning_tokens: 20,
      output_audio_tokens: 5,
    });
  });

  it('Responses API usage', () => {
    const out = usageOf({
      input_tokens: 10,
      output_tokens: 8,
      total_tokens: 18,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 3 },
    });
    expect(out['gen_ai.usage.cache_read.input_tokens']).toBe(0);
    expect(JSON.parse(out['langfuse.observation.usage_details'] as string)).toEqual({
      input: 10,
      output: 5,
      total: 18,
      output_reasoning_tokens: 3,
    });
  });

  it('cache writes (openai 7) are input_cache_creation_tokens; text_tokens is not set apart', () => {
    const out = usageOf({
      prompt_tokens: 100,
      completion_tokens: 10,
      total_tokens: 110,
      prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 50, text_tokens: 100 },
    });
    expect(out).toMatchObject({
      'gen_ai.usage.cache_read.input_tokens': 30,
      'gen_ai.usage.cache_creation.input_tokens': 50,
    });
    expect(JSON.parse(out['langfuse.observation.usage_details'] as string)).toEqual({
      input: 20,
      output: 10,
      total: 110,
      input_cached_tokens: 30,
      input_cache_creation_tokens: 50,
    });
  });

  it('embeddings usage has input only; a missing total is input plus output', () => {
    expect(
      JSON.parse(
        usageOf({ prompt_tokens: 7, total_tokens: 7 })[
          'langfuse.observation.usage_details'
        ] as string,
      ),
    ).toEqual({ input: 7, total: 7 });
    expect(
      JSON.parse(
        usageOf({ prompt_tokens: 2, completion_tokens: 3 })[
          'langfuse.observation.usage_details'
        ] as string,
      ),
    ).toEqual({ input: 2, output: 3, total: 5 });
  });

  it('writes nothing for absent or malformed usage', () => {
    expect(usageOf(null)).toEqual({});
    expect(usageOf('lots')).toEqual({});
    expect(usageOf({ prompt_tokens: 'x' })).toEqual({});
  });
});
