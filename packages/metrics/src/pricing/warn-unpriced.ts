import { diag } from '@opentelemetry/api';
import { show } from '../record/recorder.js';
import type { PriceSource } from './price-source.js';

/** Distinct unpriced models warned about per price source; past it, one last line says so. */
export const MAX_WARNED_MODELS = 100;

// Which models each price source has warned about: a warning per model, not per call.
const warned = new WeakMap<PriceSource, Set<string>>();

/** Warns once per (provider, model) and price source that a call had no price. */
export function warnUnpriced(source: PriceSource, provider: string, model: string): void {
  let seen = warned.get(source);
  if (seen === undefined) warned.set(source, (seen = new Set()));
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
