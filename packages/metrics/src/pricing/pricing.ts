import { BUNDLED_PRICES, PRICES_AS_OF } from './bundled.js';
import { callCost, type ModelPrice, type PriceTable, type TokenUsage } from './price.js';

export interface PricingOptions {
  /** Prices that win over the bundled ones (same keys and matching). */
  overrides?: PriceTable;
  /** Start from the bundled table. Default true. */
  bundled?: boolean;
}

/** A price, or null for a model known to be unpriced; the map value for a key. */
type Entry = ModelPrice | null;

// After a key, the model id must go on with a separator: `gpt-4o` prices `gpt-4o-2024-08-06` and
// `claude-3-5-haiku@20241022`, but `gpt-4` never prices `gpt-4o` and `gpt-4` never prices `gpt-4.5`.
const SEPARATOR = /[^a-z0-9.]/;

// Hosting prefixes in front of a vendor's model id: Bedrock's `us.anthropic.`, `anthropic.`.
const VENDOR_PREFIX = /^(?:(?:us|eu|apac|global|jp|au|ca)\.)?(?:anthropic|openai|google)\./;

// Model ids seen by one Pricing are few; past this many, lookups are not remembered.
const CACHE_LIMIT = 1_000;

/**
 * The model id a table key is compared with: lower case, the last path segment
 * (`models/gemini-1.5-pro-002` → `gemini-1.5-pro-002`, `openai/gpt-4o` → `gpt-4o`) and no
 * hosting prefix (`us.anthropic.claude-3-5-sonnet-20241022-v2:0` → `claude-3-5-sonnet-20241022-v2:0`).
 */
export function normalizeModel(model: string): string {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  return id.replace(VENDOR_PREFIX, '');
}

/** The longest key of `table` that is `id` or a prefix of it followed by a separator, with its length. */
function longestPrefix(table: ReadonlyMap<string, Entry> | undefined, id: string): { entry: Entry; length: number } | undefined {
  if (table === undefined) return undefined;
  const exact = table.get(id);
  if (exact !== undefined) return { entry: exact, length: id.length };
  for (let end = id.length - 1; end > 0; end--) {
    if (!SEPARATOR.test(id[end]!)) continue;
    const entry = table.get(id.slice(0, end));
    if (entry !== undefined) return { entry, length: end };
  }
  return undefined;
}

/**
 * Model prices for computing the cost of calls that report tokens but no cost: the bundled list
 * prices (dated {@link PRICES_AS_OF}) under the overrides given. Lookups never touch the network.
 */
export class Pricing {
  /** The date of the bundled list prices (also when they are not used). */
  readonly asOf = PRICES_AS_OF;
  private readonly models = new Map<string, Entry>();
  private readonly byProvider = new Map<string, Map<string, Entry>>();
  // provider → raw model → price (null: unpriced); bounded by CACHE_LIMIT.
  private readonly cache = new Map<string, Map<string, Entry>>();
  private cached = 0;

  constructor(options: PricingOptions = {}) {
    if (options.bundled !== false) {
      for (const [key, bundled] of Object.entries(BUNDLED_PRICES)) {
        this.models.set(key, bundled.price);
        for (const alias of bundled.aliases ?? []) this.models.set(alias, bundled.price);
      }
    }
    for (const [key, price] of Object.entries(options.overrides ?? {})) this.set(key, price);
  }

  /** The price of `model` as called through `provider`, or undefined when it has none. */
  priceOf(provider: string, model: string): ModelPrice | undefined {
    if (typeof provider !== 'string' || typeof model !== 'string') return undefined;
    let models = this.cache.get(provider);
    const hit = models?.get(model);
    if (hit !== undefined) return hit ?? undefined;
    const entry = this.lookup(provider, model);
    if (this.cached < CACHE_LIMIT) {
      if (models === undefined) this.cache.set(provider, (models = new Map<string, Entry>()));
      models.set(model, entry);
      this.cached++;
    }
    return entry ?? undefined;
  }

  /** The cost in USD of a call, or undefined when the model has no price. */
  costOf(provider: string, model: string, usage: TokenUsage): number | undefined {
    const price = this.priceOf(provider, model);
    return price === undefined ? undefined : callCost(price, usage);
  }

  private set(key: string, price: ModelPrice | null): void {
    const slash = key.indexOf('/');
    if (slash > 0) {
      // `provider/model`: this provider only (e.g. a negotiated rate on one cloud).
      const provider = key.slice(0, slash).trim().toLowerCase();
      let models = this.byProvider.get(provider);
      if (models === undefined) this.byProvider.set(provider, (models = new Map<string, Entry>()));
      models.set(normalizeModel(key.slice(slash + 1)), price);
    } else {
      this.models.set(normalizeModel(key), price);
    }
  }

  private lookup(provider: string, model: string): Entry {
    const id = normalizeModel(model);
    const specific = longestPrefix(this.byProvider.get(provider.trim().toLowerCase()), id);
    const general = longestPrefix(this.models, id);
    // The longest key wins across both tables; on a tie the provider's own price does.
    if (specific !== undefined && (general === undefined || specific.length >= general.length)) return specific.entry;
    return general?.entry ?? null;
  }
}
