import type { LangfuseUsage } from '@threadline/read-model';

/** US dollars per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Model name (or name prefix) to price. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices of common models, USD per 1M tokens, as published by the providers in 2025.
 * A local estimate, not a bill: cached-input discounts, batch prices and long-context tiers
 * are left out. Override or extend with `--prices file.json`.
 */
export const BUILT_IN_PRICES: PriceTable = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'gpt-3.5-turbo-instruct': { input: 1.5, output: 2 },
  o3: { input: 2, output: 8 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
};

/**
 * The price of a model: an exact entry, else the longest entry that the name starts with
 * followed by `-` (so `gpt-4o-mini-2024-07-18` is priced as `gpt-4o-mini`, never `gpt-4o`).
 * A provider prefix such as `openai/` is ignored. Case-insensitive.
 */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  const name = model.trim().toLowerCase();
  const bare = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  let best: { key: string; price: ModelPrice } | undefined;
  for (const [key, price] of Object.entries(table)) {
    const entry = key.toLowerCase();
    for (const candidate of [name, bare]) {
      if (candidate === entry) return price;
      if (candidate.startsWith(`${entry}-`) && (!best || entry.length > best.key.length)) {
        best = { key: entry, price };
      }
    }
  }
  return best?.price;
}

/** Cost in USD of one observation's usage, or undefined when the model has no price. */
export function costOf(
  table: PriceTable,
  model: string | undefined,
  usage: LangfuseUsage,
): number | undefined {
  if (!model || (usage.input === undefined && usage.output === undefined)) return undefined;
  const price = findPrice(table, model);
  if (!price) return undefined;
  return ((usage.input ?? 0) * price.input + (usage.output ?? 0) * price.output) / 1_000_000;
}
