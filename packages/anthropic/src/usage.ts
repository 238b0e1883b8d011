import { field, sumTokenCounts, text, tokenCount, type CallOutcome } from '@promptkit/events/adapter';

type Counts = Pick<CallOutcome, 'inputTokens' | 'outputTokens' | 'cachedTokens' | 'cacheWriteTokens' | 'reasoningTokens'>;

/**
 * PromptKit's token counts from an Anthropic `Usage` (Messages API). Anthropic's `input_tokens`
 * leaves out the cache: the prompt is `input_tokens + cache_creation_input_tokens +
 * cache_read_input_tokens`, of which cache reads are `cachedTokens` and cache writes
 * `cacheWriteTokens`. `output_tokens` already includes thinking; `output_tokens_details.thinking_tokens`
 * is its reasoning part, when the API reports it. Counts the API left out or set to null stay undefined.
 */
export function anthropicUsage(usage: unknown): Counts {
  const cacheRead = tokenCount(field(usage, 'cache_read_input_tokens'));
  const cacheWrite = tokenCount(field(usage, 'cache_creation_input_tokens'));
  return {
    inputTokens: sumTokenCounts(field(usage, 'input_tokens'), cacheWrite, cacheRead),
    outputTokens: tokenCount(field(usage, 'output_tokens')),
    cachedTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: tokenCount(field(usage, 'output_tokens_details', 'thinking_tokens')),
  };
}

/** The outcome of a non-streaming `messages.create`: a `Message`. */
export function messageOutcome(message: unknown): CallOutcome {
  return {
    model: text(field(message, 'model')),
    ...anthropicUsage(field(message, 'usage')),
    finishReason: text(field(message, 'stop_reason')),
  };
}
