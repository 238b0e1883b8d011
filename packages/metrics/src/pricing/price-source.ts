/**
 * Token counts of one call for pricing, as the events carry them: `inputTokens` counts every prompt
 * token (cache reads and writes included) and `outputTokens` every generated token (reasoning
 * included); the other counts are parts of those. A count the event lacks is absent here (a price
 * source counts it as 0).
 */
export interface PriceUsage {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  cachedTokens?: number | undefined;
  cacheWriteTokens?: number | undefined;
  reasoningTokens?: number | undefined;
}

/** Which price data computes costs; shown as `promptkit_pricing_info{source, version, as_of} 1`. */
export interface PriceDataInfo {
  readonly source: string;
  readonly version: string;
  /** The date of the prices, `YYYY-MM-DD`. */
  readonly asOf: string;
}

/**
 * Where MetricsListener gets the cost of a call that reported tokens but no cost. `Pricing` from
 * `@promptkit/pricing` is one (the genai-prices database under your overrides); any object of this
 * shape will do.
 */
export interface PriceSource {
  /**
   * The cost in USD, or undefined when the call has no price (it is then counted in
   * `promptkit_provider_unpriced_requests_total`). A promise when the price is not at hand yet (a
   * database still loading): the listener records the cost when it settles. Called on the record
   * path, so it should be cheap once a (provider, model) has been seen.
   */
  price(provider: string, model: string, usage: PriceUsage): number | undefined | PromiseLike<number | undefined>;
  readonly info: PriceDataInfo;
}
