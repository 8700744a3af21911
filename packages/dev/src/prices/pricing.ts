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

/** A model's price, found once: the provider holds that one model. */
interface Found {
  provider: Provider;
  /** The name the model matches under: a provider prefix taken off. */
  name: string;
}

// A store holds few model names; the bound keeps spans with made-up names from growing it.
const MAX_REMEMBERED_MODELS = 10_000;

/*
 * Only prices per million tokens and per request: the page knows tokens, and genai-prices
 * validates and decomposes every price a model has on each call, so a model priced for web
 * searches, images and audio too would cost several times as much to price.
 */
function tokenPrices(prices: DataPrice): DataPrice {
  return Object.fromEntries(
    Object.entries(prices).filter(([key]) => key.endsWith('_mtok') || key === 'requests_kcount'),
  );
}

function tokenModel(model: ModelInfo): ModelInfo {
  return {
    ...model,
    prices: Array.isArray(model.prices)
      ? model.prices.map((entry) => ({ ...entry, prices: tokenPrices(entry.prices) }))
      : tokenPrices(model.prices),
  };
}

function fromTable(name: string, price: ModelPrice): Found {
  const prices: DataPrice = { input_mtok: price.input, output_mtok: price.output };
  if (price.cacheRead !== undefined) prices.cache_read_mtok = price.cacheRead;
  if (price.cacheWrite !== undefined) prices.cache_write_mtok = price.cacheWrite;
  return {
    name,
    provider: {
      id: 'threadline-prices',
      name: '--prices',
      api_pattern: '(?!)',
      models: [{ id: name, match: { starts_with: '' }, prices }],
    },
  };
}

function fromData(name: string, providerId?: string): Found | undefined {
  const result = calcPrice({}, name, providerId ? { providerId } : {});
  if (!result) return undefined;
  return { name, provider: { ...result.provider, models: [tokenModel(result.model)] } };
}

/**
 * Finds a model in the bundled data; `openai/gpt-4o` is also tried as `gpt-4o` of the provider
 * `openai` (the AI SDK gateway's and LiteLLM's names).
 */
function findInData(model: string): Found | undefined {
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
  const models = new Map<string, Found | null>();
  const costs = new WeakMap<PricedObservation, number | null>();

  const find = (model: string): Found | undefined => {
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
    const found = find(model);
    if (!found) return undefined;
    try {
      const result = calcPrice(units, found.name, {
        provider: found.provider,
        ...(Number.isFinite(startTime) ? { timestamp: new Date(startTime) } : {}),
      });
      return result?.total_price;
    } catch {
      // Counts the data cannot price (a part larger than its whole) show as no price.
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
