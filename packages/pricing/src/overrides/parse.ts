import type { ModelPrice, PriceTable } from './price.js';

/** A price table that cannot be used; the message names the entry and the field. */
export class PricingError extends Error {
  override name = 'PricingError';
}

const PRICE_FIELDS = ['input', 'output', 'cached', 'cacheWrite', 'above'];
const TIER_FIELDS = ['tokens', 'input', 'output', 'cached', 'cacheWrite'];

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;

function usd(where: string, value: unknown, optional: boolean): number | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) {
    throw new PricingError(`${where} must be a number of USD per million tokens, 0 or more; got ${describe(value)}`);
  }
  return value;
}

function object(where: string, value: unknown, fields: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PricingError(`${where} must be an object like { "input": 2.5, "output": 10, "cached": 1.25 } (USD per million tokens); got ${describe(value)}`);
  }
  for (const field of Object.keys(value)) {
    if (!fields.includes(field)) throw new PricingError(`${where} has an unknown field "${field}"; expected ${fields.join(', ')}`);
  }
  return value as Record<string, unknown>;
}

/** The optional cache prices of a price or tier, only those given. */
function cachePrices(where: string, fields: Record<string, unknown>): { cached?: number; cacheWrite?: number } {
  const cached = usd(`${where}.cached`, fields.cached, true);
  const cacheWrite = usd(`${where}.cacheWrite`, fields.cacheWrite, true);
  return { ...(cached !== undefined ? { cached } : {}), ...(cacheWrite !== undefined ? { cacheWrite } : {}) };
}

/** Checks one price: `{ input, output, cached?, cacheWrite?, above? }`, all USD per million tokens. */
export function parseModelPrice(value: unknown, where: string): ModelPrice {
  const fields = object(where, value, PRICE_FIELDS);
  const input = usd(`${where}.input`, fields.input, false)!;
  const output = usd(`${where}.output`, fields.output, false)!;
  const price: ModelPrice = { input, output, ...cachePrices(where, fields) };
  if (fields.above === undefined) return price;
  const tier = object(`${where}.above`, fields.above, TIER_FIELDS);
  const tokens = tier.tokens;
  if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens < 0) {
    throw new PricingError(`${where}.above.tokens must be a whole number of input tokens; got ${describe(tokens)}`);
  }
  const above = {
    tokens,
    input: usd(`${where}.above.input`, tier.input, false)!,
    output: usd(`${where}.above.output`, tier.output, false)!,
    ...cachePrices(`${where}.above`, tier),
  };
  return { ...price, above };
}

/**
 * Checks a price table given in code or read from a JSON file: model id → price, or null for a
 * model that must stay unpriced. `where` names the source in errors (`pricing`, a file path).
 * Throws a {@link PricingError} naming the first bad entry and field.
 */
export function parsePriceTable(value: unknown, where: string): PriceTable {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PricingError(`${where} must be an object of model ids to prices, like { "my-model": { "input": 1, "output": 2 } }; got ${describe(value)}`);
  }
  const table: Record<string, ModelPrice | null> = {};
  for (const [model, price] of Object.entries(value)) {
    if (model.trim() === '') throw new PricingError(`${where} has an empty model id`);
    table[model] = price === null ? null : parseModelPrice(price, `${where}[${JSON.stringify(model)}]`);
  }
  return table;
}
