// What a finished LangChain model run reports, from the `LLMResult` handed to `handleLLMEnd`, in
// PromptKit's meaning of each count. One run is one prompt, so its generation is `generations[0][0]`.
import { field, isObject, text, tokenCount, type CallOutcome, type TokenCounts } from '@promptkit/events/adapter';

/**
 * Counts of an `AIMessage`'s `usage_metadata` (`UsageMetadata`): `input_tokens` counts every prompt
 * token, cache reads (`input_token_details.cache_read`) and writes (`.cache_creation`) included;
 * `output_tokens` every generated token, `output_token_details.reasoning` included.
 */
export function usageMetadataCounts(usage: unknown): TokenCounts {
  return {
    inputTokens: tokenCount(field(usage, 'input_tokens')),
    outputTokens: tokenCount(field(usage, 'output_tokens')),
    cachedTokens: tokenCount(field(usage, 'input_token_details', 'cache_read')),
    cacheWriteTokens: tokenCount(field(usage, 'input_token_details', 'cache_creation')),
    reasoningTokens: tokenCount(field(usage, 'output_token_details', 'reasoning')),
  };
}

/** The legacy `llmOutput.tokenUsage` (`{ promptTokens, completionTokens }`), for models that set no `usage_metadata`. */
function tokenUsageCounts(tokenUsage: unknown): TokenCounts {
  return {
    inputTokens: tokenCount(field(tokenUsage, 'promptTokens')),
    outputTokens: tokenCount(field(tokenUsage, 'completionTokens')),
  };
}

// Where providers put the stop reason and the answering model in `response_metadata`: OpenAI
// `finish_reason`/`model_name`, Anthropic `stop_reason`/`model`, Google `finishReason`.
const FINISH_KEYS = ['finish_reason', 'stop_reason', 'finishReason'] as const;
const MODEL_KEYS = ['model_name', 'model'] as const;

function firstText(object: unknown, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(field(object, key));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The outcome of a model run from its `LLMResult`; never throws over an odd shape. */
export function llmResultOutcome(output: unknown): CallOutcome {
  const generations = field(output, 'generations');
  const first: unknown = Array.isArray(generations) && Array.isArray(generations[0]) ? (generations[0] as unknown[])[0] : undefined;
  const message = field(first, 'message');
  const responseMetadata = field(message, 'response_metadata');
  const usage = field(message, 'usage_metadata');
  const counts = isObject(usage) ? usageMetadataCounts(usage) : tokenUsageCounts(field(output, 'llmOutput', 'tokenUsage'));
  return {
    model: firstText(responseMetadata, MODEL_KEYS),
    ...counts,
    finishReason: firstText(responseMetadata, FINISH_KEYS) ?? firstText(field(first, 'generationInfo'), FINISH_KEYS),
  };
}

/** True when a streamed token or chunk carries generated output: text or tool-call arguments. */
export function carriesContent(token: unknown, fields: unknown): boolean {
  if (typeof token === 'string' && token !== '') return true;
  const toolCallChunks = field(fields, 'chunk', 'message', 'tool_call_chunks');
  return Array.isArray(toolCallChunks) && toolCallChunks.length > 0;
}
