import { readFileSync } from 'node:fs';
import type { ModelPrice, PriceTable } from './price-table';

/** A price file that cannot be used, with the reason. */
export class InvalidPricesError extends Error {
  override readonly name = 'InvalidPricesError';
}

const REQUIRED = ['input', 'output'] as const;
const OPTIONAL = ['cacheRead', 'cacheWrite'] as const;

function usd(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidPricesError(`${path}: expected a price ≥ 0 in USD per 1M tokens`);
  }
  return value;
}

function price(value: unknown, path: string): ModelPrice {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidPricesError(`${path}: expected { "input": number, "output": number }`);
  }
  const fields = value as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    if (
      !(REQUIRED as readonly string[]).includes(field) &&
      !(OPTIONAL as readonly string[]).includes(field)
    ) {
      // A misspelt `cached` would otherwise price cached tokens as input without a word.
      throw new InvalidPricesError(
        `${path}.${field}: unknown field (fields: input, output, cacheRead, cacheWrite)`,
      );
    }
  }
  const result: ModelPrice = {
    input: usd(fields.input, `${path}.input`),
    output: usd(fields.output, `${path}.output`),
  };
  for (const field of OPTIONAL) {
    if (fields[field] !== undefined) result[field] = usd(fields[field], `${path}.${field}`);
  }
  return result;
}

/**
 * Parses a price file: `{ "my-model": { "input": 0.15, "output": 0.6, "cacheRead": 0.075 } }`,
 * USD per one million tokens. Its entries win over the bundled price data.
 *
 * @throws {InvalidPricesError}
 */
export function parsePrices(text: string): PriceTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidPricesError(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidPricesError('expected an object of model names to prices');
  }
  const table: Record<string, ModelPrice> = {};
  for (const [model, value] of Object.entries(parsed)) {
    if (model.trim() === '') throw new InvalidPricesError('a model name is empty');
    // defineProperty, so a model named `__proto__` is an entry like any other.
    Object.defineProperty(table, model, {
      value: price(value, model),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return table;
}

/**
 * Reads a `--prices` file: `{ "my-model": { "input": 0.15, "output": 0.6 } }`, USD per one
 * million tokens, with optional `cacheRead` and `cacheWrite` prices. Give the table to
 * `startDevServer({ prices })`; its entries win over the bundled price data.
 *
 * @throws {InvalidPricesError} when the file cannot be read or is not such a table.
 */
export function loadPrices(path: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidPricesError(`${path}: ${(error as Error).message}`);
  }
  try {
    return parsePrices(text);
  } catch (error) {
    throw new InvalidPricesError(`${path}: ${(error as Error).message}`);
  }
}
