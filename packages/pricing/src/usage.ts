/**
 * Token counts of one call, as PromptKit's events carry them (the same meaning as genai-prices'
 * `input_tokens`, `cache_read_tokens`, `cache_write_tokens`, `output_tokens` and
 * `output_reasoning_tokens`). A count that is absent counts as 0.
 */
export interface PriceUsage {
  /** Every prompt token: uncached, cache reads and cache writes. */
  inputTokens?: number | undefined;
  /** Every generated token, reasoning included. */
  outputTokens?: number | undefined;
  /** Prompt tokens read from a cache (part of `inputTokens`). */
  cachedTokens?: number | undefined;
  /** Prompt tokens written to a cache (part of `inputTokens`). */
  cacheWriteTokens?: number | undefined;
  /** Reasoning tokens (part of `outputTokens`). */
  reasoningTokens?: number | undefined;
}

/** Largest count priced; larger ones (and negative, non-finite or non-numbers) make a usage unpriceable. */
export const MAX_COUNT = 1e15;

/** The count, 0 when absent, or -1 when it is not a count at all. */
export function count(value: unknown): number {
  if (value === undefined) return 0;
  return typeof value === 'number' && value >= 0 && value <= MAX_COUNT ? value : -1;
}
