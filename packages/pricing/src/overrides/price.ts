import { LinearPrice, type TierPrices } from '../linear-price.js';

/**
 * A model's price in USD per million tokens. `input` prices prompt tokens that were neither read
 * from nor written to a cache; `cached` prices cache reads and `cacheWrite` cache writes (each
 * default: the input price). Reasoning tokens are output tokens and cost the output price.
 */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  readonly cached?: number;
  readonly cacheWrite?: number;
  /**
   * A long-context tier: a call whose prompt has more than `tokens` input tokens is billed at these
   * prices for all of its tokens (as Anthropic and Google bill their long-context tiers).
   */
  readonly above?: {
    readonly tokens: number;
    readonly input: number;
    readonly output: number;
    readonly cached?: number;
    readonly cacheWrite?: number;
  };
}

/**
 * Prices by model id. A key is a model id or the start of one (`gpt-4o` prices
 * `gpt-4o-2024-08-06`), or `provider/model` to price a model only for that provider
 * (`azure/gpt-4o`). `null` marks a model as deliberately unpriced: its calls count as unpriced,
 * and neither a shorter key nor the database prices them.
 */
export type PriceTable = Readonly<Record<string, ModelPrice | null>>;

function tier(upTo: number, prices: { input: number; output: number; cached?: number | undefined; cacheWrite?: number | undefined }): TierPrices {
  const { input, output } = prices;
  return { upTo, request: 0, input, cacheRead: prices.cached ?? input, cacheWrite: prices.cacheWrite ?? input, output, reasoning: output };
}

/** The price as a LinearPrice: one tier, or two with `above`. */
export function linearPrice(price: ModelPrice): LinearPrice {
  if (price.above === undefined) return new LinearPrice([tier(Infinity, price)]);
  return new LinearPrice([tier(price.above.tokens, price), tier(Infinity, price.above)]);
}
