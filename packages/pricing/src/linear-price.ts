import { count, type PriceUsage } from './usage.js';

/**
 * Prices of one long-context tier in USD per million (tokens, or requests for `request`). Each
 * token price applies to its own part of the usage: `input` to the uncached prompt tokens (input −
 * cache reads − cache writes), `output` to the non-reasoning output tokens (output − reasoning).
 */
export interface TierPrices {
  /** The largest total input token count this tier applies to; Infinity for the last tier. */
  readonly upTo: number;
  /** A fixed fee per call (per-request pricing), USD per million calls. */
  readonly request: number;
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly output: number;
  readonly reasoning: number;
}

/**
 * A resolved price: the cost of a call is linear in its token counts within one tier, and the tier
 * is chosen by the call's total input tokens (a call past a tier's start pays that tier's prices on
 * every token, as Anthropic and Google bill long contexts).
 */
export class LinearPrice {
  /** Tiers in increasing `upTo` order; the last one's `upTo` is Infinity. */
  readonly tiers: readonly TierPrices[];

  constructor(tiers: readonly TierPrices[]) {
    this.tiers = tiers;
  }

  /**
   * The cost in USD, or undefined when a count is not a count (negative, non-finite, above
   * {@link MAX_COUNT}). Parts larger than their whole are clamped to it (cache reads, then cache
   * writes, to the input; reasoning to the output), so inconsistent counts still price.
   */
  cost(usage: PriceUsage): number | undefined {
    const input = count(usage.inputTokens);
    const output = count(usage.outputTokens);
    let cacheRead = count(usage.cachedTokens);
    let cacheWrite = count(usage.cacheWriteTokens);
    let reasoning = count(usage.reasoningTokens);
    if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0 || reasoning < 0) return undefined;
    if (cacheRead > input) cacheRead = input;
    if (cacheWrite > input - cacheRead) cacheWrite = input - cacheRead;
    if (reasoning > output) reasoning = output;
    const tiers = this.tiers;
    let tier = tiers[0]!;
    for (let i = 1; input > tier.upTo; i++) tier = tiers[i]!;
    // One division at the end keeps round prices exact (7250 / 1e6, not a sum of fractions).
    return (
      (tier.request +
        tier.input * (input - cacheRead - cacheWrite) +
        tier.cacheRead * cacheRead +
        tier.cacheWrite * cacheWrite +
        tier.output * (output - reasoning) +
        tier.reasoning * reasoning) /
      1_000_000
    );
  }
}
