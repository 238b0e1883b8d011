import type { ModelPrice as DatabasePrice, PriceCalculation } from '@pydantic/genai-prices';
import { LinearPrice, type TierPrices } from '../linear-price.js';

/** The database's price of one call in USD per million, for these counts (input includes its parts). */
export type Probe = (input: number, cacheRead: number, cacheWrite: number, output: number, reasoning: number) => number;

// Output does not choose the tier, so one large output count serves every tier's output probes.
const OUTPUT_PROBE = 1_000_000;
// How far into an open-ended last tier its input probes reach.
const OPEN_TIER_SPAN = 1_000_000;
// Agreement asked of a resolved price with the database at check points: far below a cent's
// share of any bill, far above floating-point noise.
const TOLERANCE = 1e-9;

/** A price with none of these keys prices nothing PromptKit counts (images, audio seconds, searches). */
const TOKEN_PRICE_KEYS = ['input_mtok', 'output_mtok'];

export function pricesTokens(price: DatabasePrice): boolean {
  return TOKEN_PRICE_KEYS.some((key) => price[key] !== undefined);
}

/** The input token counts where a long-context tier starts, sorted, from every tiered price. */
export function tierStarts(price: DatabasePrice): number[] {
  const starts = new Set<number>();
  for (const value of Object.values(price)) {
    if (typeof value === 'object') for (const tier of value.tiers) starts.add(tier.start);
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * A derived price in USD per million, rid of the noise the subtractions leave: a value within
 * 1e-12 of `scale` (the size of the totals it came from) is 0, others keep 12 significant digits,
 * which restores the database's decimal prices exactly.
 */
function clean(value: number, scale: number): number {
  if (Math.abs(value) <= 1e-12 * Math.abs(scale) || Math.abs(value) < 1e-12) return 0;
  return Number(value.toPrecision(12));
}

/**
 * The prices of the tier whose total input lies in [low, high]. The database's cost is linear in
 * the counts within a tier, so a few calls at counts inside it give each coefficient exactly; the
 * probes reach as far apart as the tier allows, which keeps the rounding of the totals far below
 * the prices they yield.
 */
function tierPrices(probe: Probe, low: number, high: number): TierPrices {
  const at = high === Infinity ? low + OPEN_TIER_SPAN : high;
  const atTotal = probe(at, 0, 0, 0, 0);
  let input = 0;
  let request = atTotal;
  if (at > low) {
    const lowTotal = probe(low, 0, 0, 0, 0);
    input = clean((atTotal - lowTotal) / (at - low), atTotal / at);
    request = clean(lowTotal - input * low, lowTotal);
  } else if (at > 0) {
    // A tier of one input count: only the sum of the request fee and its input cost can be seen.
    input = clean(atTotal / at, atTotal / at);
    request = 0;
  }
  // With all input read from (or written to) the cache, the total is the request fee plus that part.
  const part = (total: number) => (at > 0 ? clean((total - request) / at, total / at) : input);
  const withOutput = probe(at, 0, 0, OUTPUT_PROBE, 0);
  return {
    upTo: high,
    request,
    input,
    cacheRead: part(probe(at, at, 0, 0, 0)),
    cacheWrite: part(probe(at, 0, at, 0, 0)),
    output: clean((withOutput - atTotal) / OUTPUT_PROBE, withOutput / OUTPUT_PROBE),
    reasoning: clean((probe(at, 0, 0, OUTPUT_PROBE, OUTPUT_PROBE) - atTotal) / OUTPUT_PROBE, withOutput / OUTPUT_PROBE),
  };
}

/** Thrown when the database's cost is not the linear function derived from it. */
export class NotLinearError extends Error {
  override name = 'NotLinearError';
}

function check(price: LinearPrice, probe: Probe, input: number, output: number): void {
  const cacheRead = Math.floor(input / 3);
  const cacheWrite = Math.floor(input / 5);
  const reasoning = Math.floor(output / 2);
  const expected = probe(input, cacheRead, cacheWrite, output, reasoning) / 1_000_000;
  const actual = price.cost({ inputTokens: input, cachedTokens: cacheRead, cacheWriteTokens: cacheWrite, outputTokens: output, reasoningTokens: reasoning })!;
  if (!(Math.abs(actual - expected) <= TOLERANCE * Math.max(Math.abs(expected), 1e-12))) {
    throw new NotLinearError(`at ${input} input and ${output} output tokens the database says ${expected} USD, the derived price ${actual}`);
  }
}

/**
 * The database's price of one model as a LinearPrice, derived from its own calculation: the tiers
 * come from the resolved price's tier starts (a tier applies past its start, by total input), and
 * each tier's coefficients from probes inside it; every tier is then checked at counts the probes
 * did not use. Throws a NotLinearError when the check fails, or what calcPrice throws.
 */
export function deriveLinearPrice(resolved: Pick<PriceCalculation, 'model_price'>, probe: Probe): LinearPrice {
  const starts = tierStarts(resolved.model_price);
  // Tier k covers total input counts [low, high]: from past the previous start to its own start.
  const bounds = [0, ...starts.map((start) => start + 1)].map((low, k) => ({ low, high: k < starts.length ? starts[k]! : Infinity }));
  const price = new LinearPrice(bounds.map(({ low, high }) => tierPrices(probe, low, high)));
  for (const { low, high } of bounds) {
    const top = high === Infinity ? low + 3 * OPEN_TIER_SPAN : high;
    check(price, probe, top, 12_345);
    check(price, probe, Math.min(top, low + Math.ceil((top - low) / 2)), 777);
    check(price, probe, Math.min(top, low + 1_000), 3);
  }
  return price;
}
