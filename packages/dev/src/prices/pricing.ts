import {
  calcPrice,
  type ModelPrice as DataPrice,
  findProvider,
  type ModelInfo,
  type Provider,
} from '@pydantic/genai-prices';
import type { LangfuseObservation } from '@threadline/read-model';
import { findPrice, type ModelPrice, type PriceTable } from './price-table';
import { pricedUsage } from './priced-usage';

/** What a cost is computed from. */
export type PricedObservation = Pick<LangfuseObservation, 'model' | 'usage' | 'startTime'>;

/** Costs of observations: the `--prices` table first, then the bundled price data. */
export interface Pricing {
  /**
   * USD of one observation's tokens at its model's price when it started, cached input and
   * cache writes at their own rates and long-context tiers applied; undefined when it names no
   * model, counts no input or output, or its model has no price.
   */
  costOf(observation: PricedObservation): number | undefined;
}

/** Options of {@link createPricing}. */
export interface PricingOptions {
  /** Entries that win over the bundled price data (a `--prices` file). */
  table?: PriceTable;
}

const ANY_NAME = { starts_with: '' };

// A store holds few model names; the bound keeps spans with made-up names from growing it.
const MAX_REMEMBERED_MODELS = 10_000;

/*
 * The prices of what `pricedUsage` can report, plus a per-request fee. genai-prices validates
 * and decomposes every price a model has on each call, so a model also priced for audio,
 * images, web searches and 1-hour cache writes would cost several times as much to price, for
 * counts that are always zero here.
 */
const PRICE_KEYS: ReadonlySet<string> = new Set([
  'input_mtok',
  'cache_read_mtok',
  'cache_write_mtok',
  'output_mtok',
  'output_reasoning_mtok',
  'requests_kcount',
]);

function reportedPrices(prices: DataPrice): DataPrice {
  return Object.fromEntries(Object.entries(prices).filter(([key]) => PRICE_KEYS.has(key)));
}

/** The model found, matching any name: it was looked up by this name already. */
function foundModel(model: ModelInfo): ModelInfo {
  return {
    ...model,
    match: ANY_NAME,
    prices: Array.isArray(model.prices)
      ? model.prices.map((entry) => ({ ...entry, prices: reportedPrices(entry.prices) }))
      : reportedPrices(model.prices),
  };
}

/** A model's price, found once, as a provider of that one model. */
function fromTable(name: string, price: ModelPrice): Provider {
  const prices: DataPrice = { input_mtok: price.input, output_mtok: price.output };
  if (price.cacheRead !== undefined) prices.cache_read_mtok = price.cacheRead;
  if (price.cacheWrite !== undefined) prices.cache_write_mtok = price.cacheWrite;
  return {
    id: 'threadline-prices',
    name: '--prices',
    api_pattern: '(?!)',
    models: [{ id: name, match: ANY_NAME, prices }],
  };
}

function fromData(name: string, providerId?: string): Provider | undefined {
  const result = calcPrice({}, name, providerId ? { providerId } : {});
  return result ? { ...result.provider, models: [foundModel(result.model)] } : undefined;
}

/**
 * Finds a model in the bundled data; `openai/gpt-4o` is also tried as `gpt-4o` of the provider
 * `openai` (the AI SDK gateway's and LiteLLM's names).
 */
function findInData(model: string): Provider | undefined {
  const name = model.trim().toLowerCase();
  const found = fromData(name);
  if (found) return found;
  const slash = name.indexOf('/');
  if (slash <= 0 || slash === name.length - 1) return undefined;
  const prefix = name.slice(0, slash);
  const bare = name.slice(slash + 1);
  return findProvider({ providerId: prefix }) ? fromData(bare, prefix) : fromData(bare);
}

/**
 * Prices observations with the maintained price data of `@pydantic/genai-prices` (bundled
 * with it: nothing is fetched), after the entries of `table`. Each model is looked up once.
 */
export function createPricing({ table = {} }: PricingOptions = {}): Pricing {
  const models = new Map<string, Provider | null>();
  const costs = new WeakMap<PricedObservation, number | null>();

  const find = (model: string): Provider | undefined => {
    let found = models.get(model);
    if (found === undefined) {
      const entry = findPrice(table, model);
      try {
        found = (entry ? fromTable(model, entry) : findInData(model)) ?? null;
      } catch {
        // Data that genai-prices itself cannot read leaves the model without a price.
        found = null;
      }
      if (models.size >= MAX_REMEMBERED_MODELS) models.clear();
      models.set(model, found);
    }
    return found ?? undefined;
  };

  const compute = ({ model, usage, startTime }: PricedObservation): number | undefined => {
    if (!model) return undefined;
    const units = pricedUsage(usage);
    if (!units) return undefined;
    const provider = find(model);
    if (!provider) return undefined;
    try {
      const result = calcPrice(units, model, {
        provider,
        ...(Number.isFinite(startTime) ? { timestamp: new Date(startTime) } : {}),
      });
      return result?.total_price;
    } catch {
      // What genai-prices refuses to price (e.g. a start time past the range of a Date) has none.
      return undefined;
    }
  };

  return {
    costOf(observation) {
      const known = costs.get(observation);
      if (known !== undefined) return known ?? undefined;
      const cost = compute(observation);
      costs.set(observation, cost ?? null);
      return cost;
    },
  };
}
