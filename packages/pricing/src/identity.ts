/** Which price data a price source uses, as `promptkit_pricing_info{source, version, as_of}` shows it. */
export interface PriceDataInfo {
  /** The package the prices come from. */
  readonly source: string;
  /** Its exact version. */
  readonly version: string;
  /** The date of its prices, `YYYY-MM-DD`. */
  readonly asOf: string;
}

/** The price database PromptKit reads (offline: it ships its data and never fetches). */
export const PRICE_DATA_SOURCE = '@pydantic/genai-prices';

/** The exact version PromptKit depends on (a test compares it with the installed package). */
export const PRICE_DATA_VERSION = '0.1.8';

/**
 * The date of the database's prices. The package carries no date of its own, so this is the day
 * version 0.1.8 was published, from the package registry's `time` field (2026-09-23T10:11Z).
 */
export const PRICE_DATA_AS_OF = '2026-09-23';

export const DATABASE_INFO: PriceDataInfo = Object.freeze({ source: PRICE_DATA_SOURCE, version: PRICE_DATA_VERSION, asOf: PRICE_DATA_AS_OF });

/** What a Pricing built without the database reports: only the application's own prices. */
export const OVERRIDES_ONLY_INFO: PriceDataInfo = Object.freeze({ source: 'overrides', version: 'none', asOf: 'none' });
