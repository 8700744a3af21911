import { readFileSync } from 'node:fs';
import { BUILT_IN_PRICES, type ModelPrice, type PriceTable } from './price-table';

/** A price file that cannot be used, with the reason. */
export class InvalidPricesError extends Error {
  override readonly name = 'InvalidPricesError';
}

function price(value: unknown, path: string): ModelPrice {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidPricesError(`${path}: expected { "input": number, "output": number }`);
  }
  const { input, output } = value as Record<string, unknown>;
  for (const [field, n] of [
    ['input', input],
    ['output', output],
  ] as const) {
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      throw new InvalidPricesError(`${path}.${field}: expected a price ≥ 0 in USD per 1M tokens`);
    }
  }
  return { input: input as number, output: output as number };
}

/**
 * Parses a price file: `{ "model-name": { "input": 0.15, "output": 0.6 } }`, USD per one million
 * tokens. Its entries replace or add to the built-in ones.
 *
 * @throws {InvalidPricesError}
 */
export function parsePrices(text: string, base: PriceTable = BUILT_IN_PRICES): PriceTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidPricesError(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidPricesError('expected an object of model names to prices');
  }
  const table: Record<string, ModelPrice> = { ...base };
  for (const [model, value] of Object.entries(parsed)) {
    if (model.trim() === '') throw new InvalidPricesError('a model name is empty');
    Object.defineProperty(table, model, {
      value: price(value, model),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return table;
}

/** Reads a price file ({@link parsePrices}) from disk. */
export function loadPrices(path: string, base: PriceTable = BUILT_IN_PRICES): PriceTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidPricesError(`${path}: ${(error as Error).message}`);
  }
  try {
    return parsePrices(text, base);
  } catch (error) {
    throw new InvalidPricesError(`${path}: ${(error as Error).message}`);
  }
}
