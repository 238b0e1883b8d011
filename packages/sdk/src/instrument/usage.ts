import type { EventDataMap } from '@promptkit/events';
import { describeError, field, reportProblem } from '@promptkit/events/adapter';

/**
 * Token counts of one call, as OpenAI and the OpenTelemetry GenAI conventions report them:
 * `inputTokens` counts every prompt token, cached ones included; `cachedTokens` is the cached subset.
 */
export interface Usage {
  /** Every prompt token: uncached, read from a cache, written to a cache. */
  inputTokens: number;
  /** Every generated token, reasoning included. */
  outputTokens: number;
  /** Cache reads, a part of `inputTokens`. */
  cachedTokens?: number;
  /** Cache writes, a part of `inputTokens`. */
  cacheWriteTokens?: number;
  /** Reasoning tokens, a part of `outputTokens`. */
  reasoningTokens?: number;
}

const USAGE_KEYS = ['inputTokens', 'outputTokens', 'cachedTokens', 'cacheWriteTokens', 'reasoningTokens'] as const;

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
  for (const key of USAGE_KEYS) {
    const count = field(usage, key);
    if (typeof count === 'number') counts[key] = count;
  }
  if (Object.keys(counts).length === 0) {
    // Most likely a provider's own usage object (prompt_tokens, input_tokens…) handed over as is.
    let keys = '';
    try {
      keys = Object.keys(usage).slice(0, 5).join(', ');
    } catch {
      keys = 'unreadable';
    }
    reportProblem(
      'helpers usage shape',
      `a provider result has a 'usage' object without inputTokens/outputTokens (keys: ${keys}); ` +
        `its tokens are not recorded: pass a 'usage' extractor that maps it to { inputTokens, outputTokens, cachedTokens, cacheWriteTokens, reasoningTokens }`,
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
  try {
    return extractor === undefined ? neutral(source) : (extractor(source) ?? undefined);
  } catch (error) {
    // An extractor of the user's, or a result whose fields cannot be read: the call itself is unaffected.
    reportProblem(`helpers ${what} read`, `reading '${what}' from a result threw (${describeError(error)}); the call is recorded without it`);
    return undefined;
  }
}

/**
 * The usage to publish: whatever counts were reported (never a made-up 0). A part larger than its
 * whole cannot be right under PromptKit's meaning of the counts (Anthropic's raw `input_tokens`, for
 * one, leaves cache reads out): that part is dropped and reported, and the other counts are kept.
 */
export function settleUsage(usage: Partial<Usage> | undefined, call: ProviderCall): Partial<Usage> | undefined {
  if (usage === undefined) return undefined;
  const out: Partial<Usage> = {};
  for (const key of USAGE_KEYS) if (typeof usage[key] === 'number') out[key] = usage[key];
  const parts = [
    ['cachedTokens', 'inputTokens'],
    ['cacheWriteTokens', 'inputTokens'],
    ['reasoningTokens', 'outputTokens'],
  ] as const;
  for (const [part, whole] of parts) {
    const value = out[part];
    const total = out[whole];
    if (value !== undefined && total !== undefined && value > total) {
      reportProblem(
        `helpers ${part} exceeds ${whole}`,
        `${call.provider} ${call.model}: ${part} (${value}) exceeds ${whole} (${total}); ${whole} must count every token, ${part} included ` +
          `(for Anthropic add cache_read_input_tokens and cache_creation_input_tokens to input_tokens). The ${part} count was not recorded`,
      );
      delete out[part];
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
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
