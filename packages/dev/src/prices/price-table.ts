/**
 * A model's price in US dollars per one million tokens, as a `--prices` file gives it. Cached
 * and cache-written input tokens cost `input` unless their own price is given.
 */
export interface ModelPrice {
  input: number;
  output: number;
  /** Input tokens read from the provider's prompt cache. */
  cacheRead?: number;
  /** Input tokens written to the provider's prompt cache. */
  cacheWrite?: number;
}

/** Model name (or name prefix) to price: the entries of a `--prices` file. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * The entry of `table` for a model: an exact entry, else the longest entry that the name starts
 * with followed by `-` (so `gpt-4o-mini-2024-07-18` takes `gpt-4o-mini`, never `gpt-4o`).
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
