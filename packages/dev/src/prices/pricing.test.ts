import { describe, expect, it } from 'vitest';
import { createPricing } from './pricing';

/*
 * Figures are the providers' list prices as @pydantic/genai-prices (the locked version) has
 * them, USD per million tokens; a data update that changes one should fail here, to be checked.
 */

const AT = Date.UTC(2025, 5, 1);
const cost = (model: string | undefined, usage: Record<string, number>, startTime = AT) =>
  createPricing().costOf({ model, usage, startTime });

describe('createPricing', () => {
  it('prices gpt-4o-mini, its cached input tokens at the cached rate', () => {
    // $0.15 input, $0.075 cached input, $0.60 output.
    expect(cost('gpt-4o-mini', { input: 1000, output: 100, total: 1100 })).toBeCloseTo(
      (1000 * 0.15 + 100 * 0.6) / 1e6,
      12,
    );
    const cached = (200 * 0.15 + 800 * 0.075 + 100 * 0.6) / 1e6;
    // As @threadline/openai writes usage details, and as the GenAI conventions count.
    expect(
      cost('gpt-4o-mini', { input: 200, input_cached_tokens: 800, output: 100, total: 1100 }),
    ).toBeCloseTo(cached, 12);
    expect(
      cost('gpt-4o-mini', { input: 1000, cache_read_input_tokens: 800, output: 100, total: 1100 }),
    ).toBeCloseTo(cached, 12);
  });

  it('finds dated and provider-prefixed names', () => {
    const plain = cost('gpt-4o-mini', { input: 1000, output: 100 });
    expect(plain).toBeGreaterThan(0);
    expect(cost('gpt-4o-mini-2024-07-18', { input: 1000, output: 100 })).toBe(plain);
    expect(cost('openai/gpt-4o-mini', { input: 1000, output: 100 })).toBe(plain);
    expect(cost('GPT-4o-mini', { input: 1000, output: 100 })).toBe(plain);
  });

  it('prices a reasoning model: its reasoning tokens are output tokens', () => {
    // o4-mini: $1.10 input, $4.40 output; 1000 output tokens of which 800 reasoning.
    const expected = (1000 * 1.1 + 1000 * 4.4) / 1e6;
    expect(
      cost('o4-mini', { input: 1000, output: 200, output_reasoning_tokens: 800, total: 2000 }),
    ).toBeCloseTo(expected, 12);
    expect(
      cost('o4-mini', { input: 1000, output: 1000, reasoning_output_tokens: 800, total: 2000 }),
    ).toBeCloseTo(expected, 12);
  });

  it('prices cache writes and reads at their own rates (Anthropic)', () => {
    // claude-sonnet-4: $3 input, $3.75 cache write, $0.30 cache read, $15 output.
    expect(
      cost('claude-sonnet-4-20250514', {
        input: 100,
        input_cached_tokens: 1000,
        input_cache_creation_tokens: 2000,
        output: 50,
        total: 3150,
      }),
    ).toBeCloseTo((100 * 3 + 1000 * 0.3 + 2000 * 3.75 + 50 * 15) / 1e6, 12);
  });

  it('applies long-context tiers (gemini-2.5-pro above 200k input tokens)', () => {
    expect(cost('gemini-2.5-pro', { input: 100_000, output: 1000 })).toBeCloseTo(
      (100_000 * 1.25 + 1000 * 10) / 1e6,
      12,
    );
    expect(cost('gemini-2.5-pro', { input: 300_000, output: 1000 })).toBeCloseTo(
      (300_000 * 2.5 + 1000 * 15) / 1e6,
      12,
    );
  });

  it('gives no cost, not zero, for an unknown model, no model, or no counts', () => {
    expect(cost('my-private-model', { input: 1000, output: 100 })).toBeUndefined();
    expect(cost('llama-3', { input: 1000, output: 100 })).toBeUndefined();
    expect(cost(undefined, { input: 1000, output: 100 })).toBeUndefined();
    expect(cost('gpt-4o-mini', { total: 1100 })).toBeUndefined();
    expect(cost('gpt-4o-mini', { input: 0, output: 0 })).toBe(0);
  });

  it('lets the price table win over the price data, cache prices included', () => {
    const pricing = createPricing({
      table: {
        'gpt-4o-mini': { input: 1, output: 2 },
        'my-finetune': { input: 3, output: 4, cacheRead: 0.5, cacheWrite: 5 },
      },
    });
    const costOf = (model: string, usage: Record<string, number>) =>
      pricing.costOf({ model, usage, startTime: AT });
    expect(costOf('gpt-4o-mini', { input: 1000, output: 100 })).toBeCloseTo(0.0012, 12);
    expect(costOf('openai/gpt-4o-mini-2024-07-18', { input: 1000, output: 100 })).toBeCloseTo(
      0.0012,
      12,
    );
    expect(
      costOf('my-finetune-v2', {
        input: 100,
        input_cached_tokens: 1000,
        input_cache_creation_tokens: 10,
        output: 10,
        total: 1120,
      }),
    ).toBeCloseTo((100 * 3 + 1000 * 0.5 + 10 * 5 + 10 * 4) / 1e6, 12);
    // Without a cache price, cached tokens cost the input price.
    expect(costOf('gpt-4o-mini', { input: 200, input_cached_tokens: 800, output: 0 })).toBeCloseTo(
      0.001,
      12,
    );
    // Models the table leaves out still come from the data.
    expect(costOf('gpt-4o', { input: 1_000_000, output: 0 })).toBeCloseTo(2.5, 12);
  });

  it('prices a call whose start time cannot be read at today’s price', () => {
    expect(cost('gpt-4o-mini', { input: 10, output: 1 }, Number.NaN)).toBeCloseTo(
      (10 * 0.15 + 0.6) / 1e6,
      12,
    );
  });
});
