import type { EventDataMap } from '@promptkit/events';
import { reportProblem } from '@promptkit/events/adapter';

/**
 * Token counts of one call, as OpenAI and the OpenTelemetry GenAI conventions report them:
 * `inputTokens` counts every prompt token, cached ones included; `cachedTokens` is the cached subset.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
}

/**
 * The neutral shape a provider callback (or a stream chunk) may return for the helpers to read
 * without an extractor. Other fields are ignored and the value is returned unchanged.
 */
export interface ProviderResult {
  usage?: Usage;
  /** USD for this call; leave it out to let the metrics listener price the tokens. */
  cost?: number;
  finishReason?: string;
}

/** Names the call in events and metric labels. */
export interface ProviderCall {
  provider: string;
  model: string;
}

/** What a call reported, once read from its result or its chunks. */
export interface CallReport {
  usage: Partial<Usage> | undefined;
  cost: number | undefined;
  finishReason: string | undefined;
}

type ProviderCompleted = EventDataMap['provider.call.completed'];

/** Reads `value.usage` in the neutral shape; any of the three counts may be missing (streams). */
export function neutralUsage(value: unknown): Partial<Usage> | undefined {
  const usage = field(value, 'usage');
  if (usage === null || typeof usage !== 'object') return undefined;
  const counts: Partial<Usage> = {};
  const { inputTokens, outputTokens, cachedTokens } = usage as Record<string, unknown>;
  if (typeof inputTokens === 'number') counts.inputTokens = inputTokens;
  if (typeof outputTokens === 'number') counts.outputTokens = outputTokens;
  if (typeof cachedTokens === 'number') counts.cachedTokens = cachedTokens;
  if (Object.keys(counts).length === 0) {
    // Most likely a provider's own usage object (prompt_tokens, input_tokens…) handed over as is.
    reportProblem(
      'usage_shape',
      `a provider result has a 'usage' object without inputTokens/outputTokens (keys: ${Object.keys(usage).slice(0, 5).join(', ')}); ` +
        `its tokens are not recorded: pass a 'usage' extractor that maps it to { inputTokens, outputTokens, cachedTokens }`,
    );
    return undefined;
  }
  return counts;
}

export function neutralCost(value: unknown): number | undefined {
  const cost = field(value, 'cost');
  return typeof cost === 'number' ? cost : undefined;
}

export function neutralFinishReason(value: unknown): string | undefined {
  const reason = field(value, 'finishReason');
  return typeof reason === 'string' ? reason : undefined;
}

/** Runs a user's extractor; one that throws reads as "not reported" and is reported through diag. */
export function extract<S, V>(extractor: ((source: S) => V | undefined) | undefined, source: S, neutral: (value: unknown) => V | undefined, what: string): V | undefined {
  if (extractor === undefined) return neutral(source);
  try {
    return extractor(source) ?? undefined;
  } catch (error) {
    reportProblem(`${what}_extractor`, `the '${what}' extractor threw (${String(error)}); the call is recorded without it`);
    return undefined;
  }
}

/**
 * The usage to publish: both counts known, or none (the helpers never invent a zero). A cached count
 * above the input count cannot be right under the convention above (Anthropic's `input_tokens`, for
 * one, leaves cache reads out); it is dropped and reported, and the other counts are kept.
 */
export function settleUsage(usage: Partial<Usage> | undefined, call: ProviderCall): Usage | undefined {
  if (usage === undefined) return undefined;
  const { inputTokens, outputTokens, cachedTokens } = usage;
  if (typeof inputTokens !== 'number' || typeof outputTokens !== 'number') return undefined;
  if (cachedTokens === undefined) return { inputTokens, outputTokens };
  if (cachedTokens > inputTokens) {
    reportProblem(
      'cached_exceeds_input',
      `${call.provider} ${call.model}: cachedTokens (${cachedTokens}) exceeds inputTokens (${inputTokens}); ` +
        `inputTokens must count every prompt token, cached ones included (for Anthropic add cache_read_input_tokens to input_tokens). ` +
        `The cached count was not recorded`,
    );
    return { inputTokens, outputTokens };
  }
  return { inputTokens, outputTokens, cachedTokens };
}

/**
 * `provider.call.completed` for a call that finished. Token counts appear only when the provider
 * reported them: a call without usage carries none, rather than zeros that would read as a free call.
 */
export function completedData(call: ProviderCall, durationMs: number, report: CallReport, timeToFirstTokenMs?: number): ProviderCompleted {
  const data: ProviderCompleted = {
    provider: call.provider,
    model: call.model,
    durationMs,
  };
  const usage = settleUsage(report.usage, call);
  if (usage !== undefined) Object.assign(data, usage);
  if (report.cost !== undefined) data.cost = report.cost;
  if (report.finishReason !== undefined) data.finishReason = report.finishReason;
  if (timeToFirstTokenMs !== undefined) data.timeToFirstTokenMs = timeToFirstTokenMs;
  return data;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}
