import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidPricesError, loadPrices, parsePrices } from './load-prices';
import { BUILT_IN_PRICES, costOf, findPrice } from './price-table';

describe('findPrice', () => {
  it('matches exactly, then the longest dated or suffixed prefix, ignoring provider and case', () => {
    expect(findPrice(BUILT_IN_PRICES, 'gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(findPrice(BUILT_IN_PRICES, 'gpt-4o-mini-2024-07-18')).toEqual({
      input: 0.15,
      output: 0.6,
    });
    expect(findPrice(BUILT_IN_PRICES, 'openai/GPT-4o-mini')).toEqual({ input: 0.15, output: 0.6 });
    expect(findPrice(BUILT_IN_PRICES, 'gpt-4oxyz')).toBeUndefined();
    expect(findPrice(BUILT_IN_PRICES, 'llama-3')).toBeUndefined();
  });

  it('prices usage per million tokens', () => {
    expect(costOf(BUILT_IN_PRICES, 'gpt-4o', { input: 1_000_000, output: 500_000 })).toBeCloseTo(
      7.5,
    );
    expect(costOf(BUILT_IN_PRICES, 'gpt-4o', {})).toBeUndefined();
    expect(costOf(BUILT_IN_PRICES, undefined, { input: 5 })).toBeUndefined();
  });
});

describe('price files', () => {
  it('override and extend the built-in table', () => {
    const table = parsePrices(
      '{"gpt-4o": {"input": 1, "output": 2}, "local-llm": {"input": 0, "output": 0}}',
    );
    expect(findPrice(table, 'gpt-4o')).toEqual({ input: 1, output: 2 });
    expect(findPrice(table, 'local-llm')).toEqual({ input: 0, output: 0 });
    expect(findPrice(table, 'gpt-4o-mini')).toEqual(BUILT_IN_PRICES['gpt-4o-mini']);
  });

  it('name what is wrong', () => {
    expect(() => parsePrices('[')).toThrow(/not valid JSON/);
    expect(() => parsePrices('[]')).toThrow(/object of model names/);
    expect(() => parsePrices('{"m": {"input": -1, "output": 1}}')).toThrow('m.input');
    expect(() => parsePrices('{"m": 3}')).toThrow(InvalidPricesError);
    const dir = mkdtempSync(join(tmpdir(), 'threadline-prices-'));
    try {
      writeFileSync(join(dir, 'p.json'), '{"m": {"input": 1, "output": "2"}}');
      expect(() => loadPrices(join(dir, 'p.json'))).toThrow(/p\.json: m\.output/);
      expect(() => loadPrices(join(dir, 'missing.json'))).toThrow(/missing\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
