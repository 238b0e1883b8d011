// The AI SDK's language-model results, read defensively and normalised to PromptKit's meaning of
// each count. Usage comes in two shapes:
// - nested (LanguageModelV3, `ai` 6; V4, `ai` 7): `inputTokens: { total, noCache, cacheRead,
//   cacheWrite }`, `outputTokens: { total, text, reasoning }`; totals include cache and reasoning.
// - flat (LanguageModelV2, `ai` 5): `inputTokens`, `outputTokens`, `cachedInputTokens`,
//   `reasoningTokens`, each with the provider's own meaning, which some providers' V2 models differ on.
import { field, isObject, text, tokenCount, type CallOutcome, type TokenCounts, type Json } from '@promptkit/events/adapter';

/** The model a middleware is handed; any AI SDK language model (V2, V3, V4) has these. */
export interface ModelInfo {
  readonly provider?: unknown;
  readonly modelId?: unknown;
}

/**
 * How a provider's V2 (flat) usage departs from PromptKit's meaning:
 * - Anthropic's Messages models (`anthropic.messages`, `bedrock.anthropic.messages`,
 *   `vertex.anthropic.messages`): `inputTokens` is Anthropic's `input_tokens`, without cache reads
 *   (`cachedInputTokens`) and writes (`providerMetadata.anthropic.cacheCreationInputTokens`).
 * - Bedrock's Converse models (`amazon-bedrock`): `inputTokens` is without `cacheReadInputTokens`
 *   (`cachedInputTokens`) and `cacheWriteInputTokens` (`providerMetadata.bedrock.usage`).
 * - Google's models (`google.generative-ai`, `google.vertex.chat`): `outputTokens` is
 *   `candidatesTokenCount`, without the thinking tokens (`reasoningTokens`).
 * Their V3 models (`ai` 6) report totals that include these parts.
 */
type V2Dialect = 'anthropic' | 'bedrock' | 'google' | undefined;

function v2Dialect(provider: unknown): V2Dialect {
  if (typeof provider !== 'string') return undefined;
  if (/(^|\.)anthropic(\.|$)/.test(provider)) return 'anthropic';
  if (provider.startsWith('amazon-bedrock')) return 'bedrock';
  if (provider.startsWith('google')) return 'google';
  return undefined;
}

/** Cache writes a V2 model reports outside its usage, in its provider metadata. */
function cacheWritesOf(dialect: V2Dialect, providerMetadata: unknown): number | undefined {
  if (dialect === 'anthropic') return tokenCount(field(providerMetadata, 'anthropic', 'cacheCreationInputTokens'));
  if (dialect === 'bedrock') return tokenCount(field(providerMetadata, 'bedrock', 'usage', 'cacheWriteInputTokens'));
  return undefined;
}

interface FlatUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cachedInputTokens: number | undefined;
  reasoningTokens: number | undefined;
}

/** V2 counts in PromptKit's meaning: input with every cached token, output with reasoning. */
function fromFlat(flat: FlatUsage, dialect: V2Dialect, providerMetadata: unknown): TokenCounts {
  const cacheWrites = cacheWritesOf(dialect, providerMetadata);
  let { inputTokens, outputTokens } = flat;
  if ((dialect === 'anthropic' || dialect === 'bedrock') && inputTokens !== undefined) {
    inputTokens += (flat.cachedInputTokens ?? 0) + (cacheWrites ?? 0);
  }
  if (dialect === 'google' && outputTokens !== undefined) outputTokens += flat.reasoningTokens ?? 0;
  return { inputTokens, outputTokens, cachedTokens: flat.cachedInputTokens, cacheWriteTokens: cacheWrites, reasoningTokens: flat.reasoningTokens };
}

function fromNested(input: Json, output: unknown): TokenCounts {
  const cacheRead = tokenCount(input.cacheRead);
  const cacheWrite = tokenCount(input.cacheWrite);
  const noCache = tokenCount(input.noCache);
  const textTokens = tokenCount(field(output, 'text'));
  const reasoning = tokenCount(field(output, 'reasoning'));
  const inputTotal = tokenCount(input.total) ?? (noCache === undefined ? undefined : noCache + (cacheRead ?? 0) + (cacheWrite ?? 0));
  const outputTotal = tokenCount(field(output, 'total')) ?? (textTokens === undefined && reasoning === undefined ? undefined : (textTokens ?? 0) + (reasoning ?? 0));
  return { inputTokens: inputTotal, outputTokens: outputTotal, cachedTokens: cacheRead, cacheWriteTokens: cacheWrite, reasoningTokens: reasoning };
}

/**
 * Token counts of a `doGenerate` result or of a stream's `finish` part, from its `usage` and
 * `providerMetadata`, for a model of `provider`. Counts the model did not report stay undefined,
 * so the call is recorded without them rather than with a made-up zero.
 */
export function usageOf(usage: unknown, providerMetadata: unknown, provider: unknown): TokenCounts {
  if (!isObject(usage)) return {};
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  if (!isObject(input)) {
    const flat = {
      inputTokens: tokenCount(input),
      outputTokens: tokenCount(output),
      cachedInputTokens: tokenCount(usage.cachedInputTokens),
      reasoningTokens: tokenCount(usage.reasoningTokens),
    };
    return fromFlat(flat, v2Dialect(provider), providerMetadata);
  }
  // `ai` 6 and 7 run a V2 model through their converter: its flat counts land in `total`,
  // `cacheRead` and `reasoning`, and it alone leaves both `noCache` and `text` unset.
  const dialect = v2Dialect(provider);
  if (dialect !== undefined && input.noCache === undefined && field(output, 'text') === undefined) {
    const flat = {
      inputTokens: tokenCount(input.total),
      outputTokens: tokenCount(field(output, 'total')),
      cachedInputTokens: tokenCount(input.cacheRead),
      reasoningTokens: tokenCount(field(output, 'reasoning')),
    };
    return fromFlat(flat, dialect, providerMetadata);
  }
  return fromNested(input, output);
}

/**
 * The provider's own finish reason (`end_turn`, `STOP`, `tool_calls`): `finishReason.raw` of V3/V4,
 * else the unified one (`stop`, `length`, `tool-calls`…), which is all a V2 model reports.
 */
export function finishReasonOf(reason: unknown): string | undefined {
  if (typeof reason === 'string') return text(reason);
  return text(field(reason, 'raw')) ?? text(field(reason, 'unified'));
}

/** The response's model id (`response.modelId`), when the provider sent one. */
export function responseModelOf(result: unknown): string | undefined {
  return text(field(result, 'response', 'modelId'));
}

/** The outcome of a `doGenerate` call of a model of `provider`. */
export function generateOutcome(result: unknown, provider: unknown): CallOutcome {
  return {
    model: responseModelOf(result),
    ...usageOf(field(result, 'usage'), field(result, 'providerMetadata'), provider),
    finishReason: finishReasonOf(field(result, 'finishReason')),
  };
}

/**
 * The provider label from the model's `provider`: `openai.chat` → `openai`, `anthropic.messages` →
 * `anthropic`. The AI SDK names Vertex AI `google.vertex.<api>`: that is `vertex`, as the Google Gen
 * AI adapter labels it, not `google` (the Gemini API).
 */
export function providerLabel(provider: unknown): string {
  if (typeof provider !== 'string' || provider === '') return '';
  if (provider === 'google.vertex' || provider.startsWith('google.vertex.')) return 'vertex';
  const dot = provider.indexOf('.');
  return dot > 0 ? provider.slice(0, dot) : provider;
}
