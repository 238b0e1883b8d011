import type { ModelProfile } from './models.js';
import type { Random } from './random.js';

/** An error as an LLM API reports it: an HTTP status and a message. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  get rateLimited(): boolean {
    return this.status === 429;
  }
}

export interface CallRequest {
  inputTokens: number;
  /** The part of `inputTokens` served from the provider's prompt cache. */
  cachedTokens: number;
  /** The part of `inputTokens` written to the provider's prompt cache (Anthropic-style caching). */
  cacheWriteTokens: number;
  /** Whether the model may answer with tool calls instead of text. */
  toolsOffered: boolean;
}

/** What the fake provider will do with one call: decided up front, then played out in time. */
export type CallPlan =
  | {
      ok: true;
      durationMs: number;
      timeToFirstTokenMs: number;
      outputTokens: number;
      /** The part of `outputTokens` a reasoning model spent thinking; 0 for other models. */
      reasoningTokens: number;
      finishReason: 'stop' | 'length' | 'tool_calls';
    }
  | { ok: false; durationMs: number; error: ProviderError };

/** A text answer that runs into its token limit now and then (finish reason `length`). */
const TRUNCATION_RATE = 0.04;

const RATE_LIMIT_RATE = 0.015;
const ERROR_RATE = 0.04;
const MAX_OUTPUT_TOKENS = 4096;
const MIN_CALL_MS = 300;
const MAX_CALL_MS = 20_000;

const SERVER_ERRORS: readonly (readonly [status: number, message: string])[] = [
  [500, 'internal server error'],
  [503, 'service overloaded, retry later'],
  [504, 'upstream request timed out'],
];

/**
 * The fake provider: no network, only a plausible outcome for the call. Latency is time to first
 * token (longer for long uncached prompts) plus streaming time, with a long tail of slow calls.
 */
export function planCall(rng: Random, model: ModelProfile, request: CallRequest): CallPlan {
  const roll = rng.next();
  if (roll < RATE_LIMIT_RATE) {
    const error = new ProviderError(429, `${model.provider} rate limit exceeded for ${model.model}`);
    return { ok: false, durationMs: rng.between(MIN_CALL_MS, 600), error };
  }
  if (roll < RATE_LIMIT_RATE + ERROR_RATE) {
    const [status, message] = rng.pick(SERVER_ERRORS);
    const error = new ProviderError(status, `${model.provider} ${model.model}: ${message}`);
    return { ok: false, durationMs: clamp(rng.logNormal(2000, 0.9), MIN_CALL_MS, MAX_CALL_MS), error };
  }

  const wantsTools = request.toolsOffered && rng.chance(0.3);
  const truncated = !wantsTools && rng.chance(TRUNCATION_RATE);
  // A tool-call answer is a short JSON object; a text answer is a few paragraphs (a reasoning model
  // thinks first: its reasoning tokens are part of its output).
  const answerTokens = truncated ? MAX_OUTPUT_TOKENS : Math.round(clamp(rng.logNormal(wantsTools ? 60 : 250, 0.6), 5, MAX_OUTPUT_TOKENS - 1));
  const reasoningTokens = model.reasoning ? Math.round(answerTokens * rng.between(0.5, 3)) : 0;
  const outputTokens = answerTokens + reasoningTokens;
  const uncachedTokens = request.inputTokens - request.cachedTokens;
  let timeToFirstTokenMs = model.firstTokenMs * rng.logNormal(1, 0.35) + uncachedTokens * 0.03;
  let durationMs = timeToFirstTokenMs + (outputTokens / model.outputTokensPerSecond) * 1000 * rng.logNormal(1, 0.2);
  // Now and then the provider is overloaded and everything is slower.
  if (rng.chance(0.03)) durationMs *= rng.between(1.5, 3);
  durationMs = clamp(durationMs, MIN_CALL_MS, MAX_CALL_MS);
  timeToFirstTokenMs = Math.min(timeToFirstTokenMs, durationMs);
  const finishReason = wantsTools ? 'tool_calls' : truncated ? 'length' : 'stop';
  return { ok: true, durationMs, timeToFirstTokenMs, outputTokens, reasoningTokens, finishReason };
}

/** A streamed piece of the answer; the last chunk carries the usage instead, as OpenAI sends it. */
export type StreamChunk =
  | { delta: string }
  | {
      delta: '';
      usage: { inputTokens: number; outputTokens: number; cachedTokens: number; cacheWriteTokens: number; reasoningTokens: number };
      cost: number | undefined;
      finishReason: 'stop' | 'length' | 'tool_calls';
    };

/** Most content chunks per answer: enough to show streaming, few enough to keep the demo cheap. */
const MAX_CHUNKS = 8;

/**
 * Plays a planned call out as a stream: the first chunk after the time to first token, the rest
 * spread over the remaining time, then a usage chunk. A failed call fails before its first chunk,
 * as an HTTP error does. `advance` waits simulated milliseconds.
 */
export async function* streamCall(
  plan: CallPlan,
  request: CallRequest,
  costUsd: number | undefined,
  advance: (ms: number) => Promise<void>,
): AsyncGenerator<StreamChunk> {
  if (!plan.ok) {
    await advance(plan.durationMs);
    throw plan.error;
  }
  await advance(plan.timeToFirstTokenMs);
  const chunks = Math.min(MAX_CHUNKS, Math.max(1, Math.ceil(plan.outputTokens / 40)));
  const gapMs = (plan.durationMs - plan.timeToFirstTokenMs) / chunks;
  for (let i = 0; i < chunks; i++) {
    yield { delta: `token block ${i + 1}/${chunks}` };
    await advance(gapMs);
  }
  const { inputTokens, cachedTokens, cacheWriteTokens } = request;
  const usage = { inputTokens, outputTokens: plan.outputTokens, cachedTokens, cacheWriteTokens, reasoningTokens: plan.reasoningTokens };
  yield { delta: '', usage, cost: costUsd, finishReason: plan.finishReason };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
