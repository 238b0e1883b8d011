import { diag } from '@opentelemetry/api';
import type { EventDataMap } from '@promptkit/events';
import { isAmount, show, type Recorder } from '../record/recorder.js';
import type { Pricing } from './pricing.js';

/** Distinct unpriced models warned about per Pricing; past it, one last line says so. */
export const MAX_WARNED_MODELS = 100;

// Which models each Pricing has warned about: a warning per model, not per call.
const warned = new WeakMap<Pricing, Set<string>>();

function warnOnce(pricing: Pricing, provider: string, model: string): void {
  let seen = warned.get(pricing);
  if (seen === undefined) warned.set(pricing, (seen = new Set()));
  if (seen.size > MAX_WARNED_MODELS) return;
  const key = `${provider}\u0000${model}`;
  if (seen.has(key)) return;
  seen.add(key);
  if (seen.size > MAX_WARNED_MODELS) {
    diag.warn(`promptkit: more than ${MAX_WARNED_MODELS} models have no price; further ones are counted in promptkit_provider_unpriced_requests_total without a warning`);
    return;
  }
  diag.warn(
    `promptkit: no price for model ${show(model)} (provider ${show(provider)}): its calls record no cost and are counted in ` +
      `promptkit_provider_unpriced_requests_total; give its price in USD per million tokens with ` +
      `startMetrics({ pricing: { ${show(model)}: { input, output, cached } } }), or send cost on the event`,
  );
}

/**
 * Records the cost of a call that reported tokens but no cost: priced from the table, or counted
 * as unpriced (and reported once per model). Calls with invalid or no tokens are left alone; the
 * recorder has already dropped and counted invalid ones.
 */
export function recordComputedCost(recorder: Recorder, pricing: Pricing, call: EventDataMap['provider.call.completed']): void {
  const { provider, model, inputTokens, outputTokens, cachedTokens } = call;
  if (!isAmount(inputTokens) || !isAmount(outputTokens) || (cachedTokens !== undefined && !isAmount(cachedTokens))) return;
  if (inputTokens + outputTokens === 0) return;
  if (typeof provider !== 'string' || typeof model !== 'string') return;
  const cost = pricing.costOf(provider, model, { inputTokens, outputTokens, ...(cachedTokens !== undefined ? { cachedTokens } : {}) });
  if (cost !== undefined) return recorder.providerCost(provider, model, cost);
  recorder.providerUnpriced(provider, model);
  warnOnce(pricing, provider, model);
}
