import { field, sumTokenCounts, text, tokenCount, type CallOutcome } from '@promptkit/events/adapter';

type Counts = Pick<CallOutcome, 'inputTokens' | 'outputTokens' | 'cachedTokens' | 'reasoningTokens'>;

/** The `usageMetadata` fields PromptKit reads; a stream keeps the last value of each. */
export const USAGE_FIELDS = ['promptTokenCount', 'toolUsePromptTokenCount', 'cachedContentTokenCount', 'candidatesTokenCount', 'thoughtsTokenCount'] as const;

/**
 * PromptKit's token counts from a Gemini `usageMetadata`. `promptTokenCount` already includes
 * `cachedContentTokenCount` (the cached part); tool results fed back to the model
 * (`toolUsePromptTokenCount`) are prompt too. Thoughts are outside `candidatesTokenCount`
 * (`totalTokenCount` adds them), so output is `candidatesTokenCount + thoughtsTokenCount`, of which
 * `thoughtsTokenCount` is reasoning. A count the API did not send stays undefined.
 */
export function geminiUsage(usageMetadata: unknown): Counts {
  const thoughts = tokenCount(field(usageMetadata, 'thoughtsTokenCount'));
  return {
    inputTokens: sumTokenCounts(field(usageMetadata, 'promptTokenCount'), field(usageMetadata, 'toolUsePromptTokenCount')),
    outputTokens: sumTokenCounts(field(usageMetadata, 'candidatesTokenCount'), thoughts),
    cachedTokens: tokenCount(field(usageMetadata, 'cachedContentTokenCount')),
    reasoningTokens: thoughts,
  };
}

function firstCandidate(response: unknown): unknown {
  const candidates = field(response, 'candidates');
  return Array.isArray(candidates) ? (candidates as unknown[])[0] : undefined;
}

/**
 * The first candidate's `finishReason` (`STOP`, `MAX_TOKENS`, `SAFETY`…); for a blocked prompt,
 * which has no candidates, `promptFeedback.blockReason` (`SAFETY`, `PROHIBITED_CONTENT`…).
 */
export function finishReason(response: unknown): string | undefined {
  return text(field(firstCandidate(response), 'finishReason')) ?? text(field(response, 'promptFeedback', 'blockReason'));
}

/** The outcome of `models.generateContent`: a `GenerateContentResponse`. */
export function responseOutcome(response: unknown): CallOutcome {
  return {
    model: text(field(response, 'modelVersion')),
    ...geminiUsage(field(response, 'usageMetadata')),
    finishReason: finishReason(response),
  };
}
