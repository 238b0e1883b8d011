import { describeError, reportProblem } from '@promptkit/events/adapter';
import type { LinearPrice } from '../linear-price.js';
import { deriveLinearPrice, pricesTokens, type Probe } from './derive.js';
import type { Database } from './load.js';
import { RESOLUTION_TTL_MS, validUntil } from './validity.js';

/** A model's price as resolved at one time: null for unpriced; good until `expires` (ms since the epoch). */
export interface Resolution {
  readonly price: LinearPrice | null;
  readonly expires: number;
}

/**
 * The database's provider id for a PromptKit `provider` label, by the database's own matching
 * (`gemini`, `vertex_ai` → `google`; `bedrock` → `aws`; `xai` → `x-ai`; `anthropic.messages` →
 * `anthropic`), or undefined for a provider it does not know (`ollama`, `vllm`, your own).
 */
export function databaseProviderId(database: Pick<Database, 'findProvider'>, provider: string): string | undefined {
  // The label only: matching by model id would give a self-hosted `llama-3` a cloud provider's price.
  return provider.trim() === '' ? undefined : database.findProvider({ providerId: provider })?.id;
}

/** The id of the database's model for `model` through `provider`, or undefined when it has none. */
export function databaseModelId(database: Database, provider: string, model: string): string | undefined {
  const providerId = databaseProviderId(database, provider);
  if (providerId === undefined) return undefined;
  try {
    return database.calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId })?.model.id;
  } catch {
    return undefined;
  }
}

/**
 * Resolves `model` called through `provider` from the database at time `now`: the model's price
 * as a LinearPrice derived from genai-prices' own `calcPrice`, or null when the provider or model
 * is unknown, when the model has no per-token price, or when it cannot be derived (reported).
 */
export function resolveFromDatabase(database: Database, provider: string, model: string, now: number): Resolution {
  const unpriced = { price: null, expires: now + RESOLUTION_TTL_MS };
  const providerId = databaseProviderId(database, provider);
  if (providerId === undefined) return unpriced;
  const timestamp = new Date(now);
  try {
    const calculate = (input: number, cacheRead: number, cacheWrite: number, output: number, reasoning: number) =>
      database.calcPrice(
        { input_tokens: input, cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite, output_tokens: output, output_reasoning_tokens: reasoning },
        model,
        { providerId, timestamp },
      );
    const resolved = calculate(0, 0, 0, 0, 0);
    if (resolved === null || !pricesTokens(resolved.model_price)) return unpriced;
    // Every probe resolves to the model just found: one price, one time.
    const probe: Probe = (...counts) => calculate(...counts)!.total_price * 1_000_000;
    return { price: deriveLinearPrice(resolved, probe), expires: validUntil(resolved.model, now) };
  } catch (error) {
    reportProblem(
      'pricing database model',
      `model ${JSON.stringify(model.slice(0, 80))} (provider ${JSON.stringify(provider.slice(0, 40))}) cannot be priced from @pydantic/genai-prices: ${describeError(error)}; its calls are counted as unpriced`,
    );
    return unpriced;
  }
}
