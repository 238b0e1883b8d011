/**
 * A model's list price in USD per million tokens. `input` is the price of prompt tokens that were
 * not read from a cache; `cached` the price of those that were (default: the input price).
 */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  readonly cached?: number;
  /**
   * A long-context tier: a call whose prompt has more than `tokens` input tokens is billed at these
   * prices for all of its tokens (as Anthropic and Google bill their long-context tiers).
   */
  readonly above?: {
    readonly tokens: number;
    readonly input: number;
    readonly output: number;
    readonly cached?: number;
  };
}

/**
 * Prices by model id. A key is a model id or the start of one (`gpt-4o` prices
 * `gpt-4o-2024-08-06`), or `provider/model` to price a model only for that provider
 * (`azure/gpt-4o`). `null` marks a model as deliberately unpriced: its calls count as unpriced
 * and no shorter key prices them.
 */
export type PriceTable = Readonly<Record<string, ModelPrice | null>>;

/** Token counts of one call. `inputTokens` counts every prompt token, the cached ones included. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
}

/** The cost of one call in USD: (input − cached)·input + cached·cached + output·output, per million. */
export function callCost(price: ModelPrice, usage: TokenUsage): number {
  const { inputTokens, outputTokens } = usage;
  const tier = price.above !== undefined && inputTokens > price.above.tokens ? price.above : price;
  // Cached tokens are part of the prompt; a count above the prompt's is clamped to it.
  const cached = Math.min(usage.cachedTokens ?? 0, inputTokens);
  const cachedPrice = tier.cached ?? tier.input;
  // One division at the end keeps round prices exact (7250 / 1e6, not a sum of three fractions).
  return ((inputTokens - cached) * tier.input + cached * cachedPrice + outputTokens * tier.output) / 1_000_000;
}
