import { describe, expect, it } from 'vitest';
import { pricedUsage } from './priced-usage';

describe('pricedUsage', () => {
  it('reads Threadline usage details, where cached and reasoning tokens are listed apart', () => {
    // What @threadline/openai writes for 1000 prompt tokens of which 800 cached, and
    // 300 completion tokens of which 200 reasoning.
    expect(
      pricedUsage({
        input: 200,
        input_cached_tokens: 800,
        output: 100,
        output_reasoning_tokens: 200,
        total: 1300,
      }),
    ).toEqual({
      input_tokens: 1000,
      cache_read_tokens: 800,
      output_tokens: 300,
      output_reasoning_tokens: 200,
    });
    expect(
      pricedUsage({ input: 100, input_cache_creation_tokens: 2000, output: 50, total: 2150 }),
    ).toEqual({ input_tokens: 2100, cache_write_tokens: 2000, output_tokens: 50 });
    // Langfuse's LangChain names.
    expect(
      pricedUsage({ input: 10, input_cache_read: 90, output: 5, output_reasoning: 3 }),
    ).toEqual({
      input_tokens: 100,
      cache_read_tokens: 90,
      output_tokens: 8,
      output_reasoning_tokens: 3,
    });
  });

  it('reads the GenAI conventions, where input and output count the cached and reasoning ones', () => {
    expect(
      pricedUsage({
        input: 1000,
        output: 300,
        total: 1300,
        cache_read_input_tokens: 800,
        reasoning_output_tokens: 200,
      }),
    ).toEqual({
      input_tokens: 1000,
      cache_read_tokens: 800,
      output_tokens: 300,
      output_reasoning_tokens: 200,
    });
    // The AI SDK's and OpenInference's counts: input and output only.
    expect(pricedUsage({ input: 54, output: 1, total: 55 })).toEqual({
      input_tokens: 54,
      output_tokens: 1,
    });
  });

  it('takes parts larger than their whole as counted apart, and prices nothing without counts', () => {
    // Anthropic's input_tokens leave the cache out.
    expect(pricedUsage({ input: 5, output: 1, total: 6, cache_read_input_tokens: 900 })).toEqual({
      input_tokens: 905,
      cache_read_tokens: 900,
      output_tokens: 1,
    });
    expect(pricedUsage({ output: 10, reasoning_output_tokens: 40, total: 10 })).toEqual({
      input_tokens: 0,
      output_tokens: 50,
      output_reasoning_tokens: 40,
    });
    expect(pricedUsage({ total: 100 })).toBeUndefined();
    expect(pricedUsage({})).toBeUndefined();
  });
});
