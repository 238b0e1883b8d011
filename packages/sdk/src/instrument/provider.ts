import type { EventDataMap } from '@promptkit/events';
import type { Emitter } from './emit.js';
import { measure } from './measure.js';
import { completedData, extract, neutralCost, neutralFinishReason, neutralUsage, type ProviderCall, type Usage } from './usage.js';

/**
 * One LLM call. Without extractors the result is read in the neutral shape
 * `{ usage: { inputTokens, outputTokens, cachedTokens? }, cost?, finishReason? }`; an extractor,
 * when given, replaces the neutral reading of its field.
 */
export interface ProviderCallOptions<R> extends ProviderCall {
  /** Token counts from the result, e.g. `(r) => ({ inputTokens: r.usage.prompt_tokens, … })`. */
  usage?: (result: R) => Usage | undefined;
  /** USD for the call; without it the metrics listener prices the tokens where it can. */
  cost?: (result: R) => number | undefined;
  finishReason?: (result: R) => string | undefined;
}

type Completed = EventDataMap['provider.call.completed'];

/** Times one call and publishes `provider.call.*`; returns its result or rethrows its error unchanged. */
export async function callProvider<R>(
  emitter: Emitter,
  call: ProviderCallOptions<R>,
  fn: () => R | PromiseLike<R>,
  onCompleted?: (data: Completed) => void,
): Promise<R> {
  const { provider, model } = call;
  emitter.emit('provider.call.started', { provider, model });
  const outcome = await measure(emitter.now, fn);
  if (!outcome.ok) {
    emitter.emit('provider.call.failed', { provider, model, durationMs: outcome.durationMs, error: outcome.error });
    throw outcome.error;
  }
  const result = outcome.value;
  const data = completedData(call, outcome.durationMs, {
    usage: extract(call.usage, result, neutralUsage, 'usage'),
    cost: extract(call.cost, result, neutralCost, 'cost'),
    finishReason: extract(call.finishReason, result, neutralFinishReason, 'finishReason'),
  });
  emitter.emit('provider.call.completed', data);
  onCompleted?.(data);
  return result;
}
