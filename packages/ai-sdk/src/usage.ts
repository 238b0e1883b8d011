// The AI SDK's language-model results, read defensively. With `ai` 6 (LanguageModelV3) usage is
// nested: `inputTokens: { total, noCache, cacheRead, cacheWrite }`, `outputTokens: { total, text,
// reasoning }`, and `finishReason` is `{ unified, raw }`. With `ai` 5 (LanguageModelV2) usage is flat:
// `inputTokens`, `outputTokens`, `cachedInputTokens`, and `finishReason` a string. Both are read.
import { isObject, tokenCount, type CallOutcome, type Json } from '@promptkit/events/adapter';

/** Input tokens (cached included) and their cached subset; undefined where the model reported none. */
function inputTokens(usage: Json): { inputTokens: number | undefined; cachedTokens: number | undefined } {
  const input = usage.inputTokens;
  if (!isObject(input)) {
    return { inputTokens: tokenCount(input), cachedTokens: tokenCount(usage.cachedInputTokens) };
  }
  const cached = tokenCount(input.cacheRead);
  const noCache = tokenCount(input.noCache);
  const total = tokenCount(input.total) ?? (noCache === undefined ? undefined : noCache + (cached ?? 0));
  return { inputTokens: total, cachedTokens: cached };
}

function outputTokens(usage: Json): number | undefined {
  const output = usage.outputTokens;
  if (!isObject(output)) return tokenCount(output);
  const text = tokenCount(output.text);
  const reasoning = tokenCount(output.reasoning);
  return tokenCount(output.total) ?? (text === undefined && reasoning === undefined ? undefined : (text ?? 0) + (reasoning ?? 0));
}

/**
 * Tokens of a `doGenerate` result or of a stream's `finish` part. Counts the model did not report
 * stay undefined, so the call is recorded without tokens rather than with a made-up zero.
 */
export function usageOf(usage: unknown): Pick<CallOutcome, 'inputTokens' | 'outputTokens' | 'cachedTokens'> {
  if (!isObject(usage)) return {};
  return { ...inputTokens(usage), outputTokens: outputTokens(usage) };
}

/** The unified finish reason (`stop`, `length`, `tool-calls`, `content-filter`, `error`, `other`). */
export function finishReasonOf(reason: unknown): string | undefined {
  if (typeof reason === 'string') return reason || undefined;
  if (isObject(reason) && typeof reason.unified === 'string') return reason.unified || undefined;
  return undefined;
}

/** The response's model id (`response.modelId`), when the provider sent one. */
export function responseModelOf(result: unknown): string | undefined {
  const response = isObject(result) ? result.response : undefined;
  const modelId = isObject(response) ? response.modelId : undefined;
  return typeof modelId === 'string' && modelId !== '' ? modelId : undefined;
}

/** The outcome of a `doGenerate` call. */
export function generateOutcome(result: unknown): CallOutcome {
  const fields = isObject(result) ? result : {};
  return { model: responseModelOf(result), ...usageOf(fields.usage), finishReason: finishReasonOf(fields.finishReason) };
}

/** The provider label from the model's `provider`: `openai.chat` → `openai`, `anthropic.messages` → `anthropic`. */
export function providerLabel(provider: unknown): string {
  if (typeof provider !== 'string' || provider === '') return '';
  const dot = provider.indexOf('.');
  return dot > 0 ? provider.slice(0, dot) : provider;
}
