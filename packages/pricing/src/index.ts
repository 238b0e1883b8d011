// Offline model prices for PromptKit's cost metrics: the @pydantic/genai-prices database under the
// application's own prices. Depends on no OpenTelemetry package: it computes, the listener records.
export { Pricing, RESOLUTION_CACHE_LIMIT } from './pricing.js';
export type { PricingOptions } from './pricing.js';
export { DATABASE_INFO, PRICE_DATA_AS_OF, PRICE_DATA_SOURCE, PRICE_DATA_VERSION } from './identity.js';
export type { PriceDataInfo } from './identity.js';
export type { PriceUsage } from './usage.js';
export { LinearPrice } from './linear-price.js';
export type { TierPrices } from './linear-price.js';
export { linearPrice } from './overrides/price.js';
export type { ModelPrice, PriceTable } from './overrides/price.js';
export { parseModelPrice, parsePriceTable, PricingError } from './overrides/parse.js';
export { normalizeModel } from './overrides/table.js';
export { databaseProviderId } from './database/resolve.js';
export type { LoadState } from './database/load.js';
