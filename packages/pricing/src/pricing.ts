import { DatabaseLoader, sharedLoader, type Database, type LoadState } from './database/load.js';
import { databaseModelId, resolveFromDatabase, type Resolution } from './database/resolve.js';
import { ExpiryTimer } from './expiry.js';
import { DATABASE_INFO, OVERRIDES_ONLY_INFO, type PriceDataInfo } from './identity.js';
import { linearPrice, type PriceTable } from './overrides/price.js';
import { OverrideTable, type OverrideMatch } from './overrides/table.js';
import { ResolutionCache } from './resolution-cache.js';
import type { PriceUsage } from './usage.js';

export interface PricingOptions {
  /** Prices that win over the database, USD per million tokens (see PriceTable for the matching). */
  overrides?: PriceTable;
  /** Price the calls no override prices from the database (@pydantic/genai-prices). Default true. */
  database?: boolean;
}

const UNPRICED: Resolution = { price: null, expires: Infinity };

const fromOverride = (override: OverrideMatch): Resolution => ({ price: override.entry === null ? null : linearPrice(override.entry), expires: Infinity });

/**
 * True when a key that matched `model` only as a prefix (`gpt-4o` of `gpt-4o-mini`) names another
 * model in the database: the longer id is then priced by the database, as a longer key would win.
 * A dated or suffixed id of the key's own model (`gpt-4o-2024-08-06`), or an id the database does
 * not know, takes the override.
 */
function anotherModel(database: Database, provider: string, model: string, key: string): boolean {
  const keyModel = databaseModelId(database, provider, key);
  const ownModel = databaseModelId(database, provider, model);
  return keyModel !== undefined && ownModel !== undefined && ownModel !== keyModel;
}

/** Distinct (provider, model) pairs whose resolved price is kept. */
export const RESOLUTION_CACHE_LIMIT = 1_000;

/**
 * Prices for calls that report tokens but no cost: your overrides, then the offline price database
 * `@pydantic/genai-prices` (never fetched over the network). A price is resolved once per
 * provider and model (again after a day, or when a time-based price changes) into a few
 * multiplications; the database itself is imported only when a call first needs it.
 */
export class Pricing {
  /** The price data in use: the database's name, version and date, or `overrides` without it. */
  readonly info: PriceDataInfo;
  private readonly overrides: OverrideTable;
  private readonly loader: DatabaseLoader | undefined;
  private readonly cache = new ResolutionCache<Resolution>(RESOLUTION_CACHE_LIMIT);
  // Database prices are dropped when they may have changed, and resolved again on their next use.
  private readonly expiry = new ExpiryTimer((now) => {
    let next = Infinity;
    this.cache.sweep((resolution) => {
      if (resolution.expires <= now) return true;
      next = Math.min(next, resolution.expires);
      return false;
    });
    return next;
  });

  /** `loader` is for tests; every Pricing shares one loader by default. */
  constructor(options: PricingOptions = {}, loader: DatabaseLoader = sharedLoader) {
    this.overrides = new OverrideTable(options.overrides);
    this.loader = options.database === false ? undefined : loader;
    this.info = this.loader === undefined ? OVERRIDES_ONLY_INFO : DATABASE_INFO;
  }

  /**
   * The cost in USD of a call of `model` through `provider` with these token counts, or undefined
   * when it has no price (an unknown provider or model, a model kept unpriced, counts that are not
   * counts). A promise while the database is still loading: it settles once the price is known.
   * Never throws; a promise never rejects.
   */
  price(provider: string, model: string, usage: PriceUsage): number | undefined | Promise<number | undefined> {
    if (typeof provider !== 'string' || typeof model !== 'string' || usage === null || typeof usage !== 'object') return undefined;
    try {
      const known = this.cache.get(provider, model);
      if (known !== undefined) return known.price?.cost(usage);
      const resolved = this.resolve(provider, model);
      if (resolved !== undefined) return resolved.price?.cost(usage);
    } catch {
      // Counts behind throwing getters (or a revoked Proxy) have no price.
      return undefined;
    }
    return this.loader!.load().then(
      () => this.price(provider, model, usage),
      () => undefined,
    );
  }

  /** Loads the database now (say, at startup, to price the first calls without waiting). Never rejects. */
  async load(): Promise<void> {
    await this.loader?.load().catch(() => undefined);
  }

  /** Where the database is: not needed yet (`idle`), `loading`, `loaded`, or `failed` to load. */
  get databaseState(): LoadState | 'off' {
    return this.loader === undefined ? 'off' : this.loader.state;
  }

  /** The resolution now (and remembered), or undefined while the database has still to load. */
  private resolve(provider: string, model: string): Resolution | undefined {
    const override = this.overrides.match(provider, model);
    const resolution = override?.exact === true ? fromOverride(override) : this.resolveWithDatabase(provider, model, override);
    if (resolution === undefined) return undefined;
    this.cache.set(provider, model, resolution);
    this.expiry.schedule(resolution.expires);
    return resolution;
  }

  private resolveWithDatabase(provider: string, model: string, override: OverrideMatch | undefined): Resolution | undefined {
    if (this.loader === undefined || this.loader.state === 'failed') return override === undefined ? UNPRICED : fromOverride(override);
    const database = this.loader.loaded();
    if (database === undefined) return undefined;
    if (override !== undefined && !anotherModel(database, provider, model, override.key)) return fromOverride(override);
    return resolveFromDatabase(database, provider, model, Date.now());
  }
}
