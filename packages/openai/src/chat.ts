import { field, isObject, text, tokenCount, type CallEnd, type CallOutcome, type TokenCounts } from '@promptkit/events/adapter';

/**
 * Usage of a Chat Completions response or of a stream's usage chunk (`CompletionUsage`):
 * `prompt_tokens` counts every prompt token, `prompt_tokens_details.cached_tokens` (cache reads) and
 * `.cache_write_tokens` (`openai` 6+) are parts of it; `completion_tokens` counts every generated
 * token, `completion_tokens_details.reasoning_tokens` a part of it.
 */
function chatUsage(usage: unknown): TokenCounts {
  return {
    inputTokens: tokenCount(field(usage, 'prompt_tokens')),
    outputTokens: tokenCount(field(usage, 'completion_tokens')),
    cachedTokens: tokenCount(field(usage, 'prompt_tokens_details', 'cached_tokens')),
    cacheWriteTokens: tokenCount(field(usage, 'prompt_tokens_details', 'cache_write_tokens')),
    reasoningTokens: tokenCount(field(usage, 'completion_tokens_details', 'reasoning_tokens')),
  };
}

function firstChoice(value: unknown): unknown {
  const choices = field(value, 'choices');
  return Array.isArray(choices) ? choices[0] : undefined;
}

/** The outcome of a non-streaming `chat.completions.create`. */
export function chatCompletionOutcome(completion: unknown): CallOutcome {
  return {
    model: text(field(completion, 'model')),
    ...chatUsage(field(completion, 'usage')),
    finishReason: text(field(firstChoice(completion), 'finish_reason')),
  };
}

/** True when a chunk's delta carries generated output: text, a refusal or tool-call arguments. */
function carriesContent(chunk: unknown): boolean {
  const choices = field(chunk, 'choices');
  if (!Array.isArray(choices)) return false;
  return choices.some((choice) => {
    const delta = field(choice, 'delta');
    if (!isObject(delta)) return false;
    const toolCalls = delta.tool_calls;
    return text(delta.content) !== undefined || text(delta.refusal) !== undefined || (Array.isArray(toolCalls) && toolCalls.length > 0);
  });
}

/** Follows the chunks of a streaming `chat.completions.create`. */
export class ChatStreamReader {
  private model: string | undefined;
  private usage: unknown;
  private finishReason: string | undefined;

  /** `hideUsageChunk`: the adapter asked for usage, so the usage-only chunk is not the caller's. */
  constructor(private readonly hideUsageChunk: boolean) {}

  /** Reads one chunk; returns whether it carried the first content (for time to first token). */
  read(chunk: unknown): { content: boolean } {
    this.model ??= text(field(chunk, 'model'));
    const usage = field(chunk, 'usage');
    if (isObject(usage)) this.usage = usage;
    const reason = text(field(firstChoice(chunk), 'finish_reason'));
    if (reason !== undefined) this.finishReason = reason;
    return { content: carriesContent(chunk) };
  }

  /**
   * The final chunk that `include_usage` adds has no choices, only usage. When the caller did not
   * ask for it, it is dropped so the caller sees exactly the chunks it would have seen.
   */
  hides(chunk: unknown): boolean {
    if (!this.hideUsageChunk) return false;
    const choices = field(chunk, 'choices');
    return Array.isArray(choices) && choices.length === 0 && isObject(field(chunk, 'usage'));
  }

  /** Without a usage chunk (the caller set `stream_options` without `include_usage`), tokens are 0. */
  end(): CallEnd {
    return { ok: true, outcome: { model: this.model, ...chatUsage(this.usage), finishReason: this.finishReason } };
  }

  /** A stream that broke off: the failure carries the model that was answering. */
  fail(error: unknown): CallEnd {
    return { ok: false, error, model: this.model };
  }
}
