import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidPricesError, loadPrices, parsePrices } from './load-prices';

describe('price files', () => {
  it('read input and output prices, and cache prices when given', () => {
    expect(
      parsePrices(
        '{"local-llm": {"input": 0, "output": 0}, "gpt-4o": {"input": 2.5, "output": 10, "cacheRead": 1.25, "cacheWrite": 3}}',
      ),
    ).toEqual({
      'local-llm': { input: 0, output: 0 },
      'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 3 },
    });
    const table = parsePrices('{"__proto__": {"input": 1, "output": 1}}');
    expect(Object.keys(table)).toEqual(['__proto__']);
  });

  it('name what is wrong', () => {
    expect(() => parsePrices('[')).toThrow(/not valid JSON/);
    expect(() => parsePrices('[]')).toThrow(/object of model names/);
    expect(() => parsePrices('{"m": {"input": -1, "output": 1}}')).toThrow('m.input');
    expect(() => parsePrices('{"m": {"input": 1, "output": 1, "cacheRead": "0.5"}}')).toThrow(
      'm.cacheRead',
    );
    expect(() => parsePrices('{"m": {"input": 1, "output": 1, "cached": 0.5}}')).toThrow(
      /m\.cached: unknown field/,
    );
    expect(() => parsePrices('{"m": 3}')).toThrow(InvalidPricesError);
    expect(() => parsePrices('{" ": {"input": 1, "output": 1}}')).toThrow(/empty/);
    const dir = mkdtempSync(join(tmpdir(), 'threadline-prices-'));
    try {
      writeFileSync(join(dir, 'p.json'), '{"m": {"input": 1, "output": "2"}}');
      expect(() => loadPrices(join(dir, 'p.json'))).toThrow(/p\.json: m\.output/);
      expect(() => loadPrices(join(dir, 'missing.json'))).toThrow(/missing\.json/);
      writeFileSync(join(dir, 'ok.json'), '{"m": {"input": 1, "output": 2}}');
      expect(loadPrices(join(dir, 'ok.json'))).toEqual({ m: { input: 1, output: 2 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
