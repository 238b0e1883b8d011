import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_PRICES, PRICES_AS_OF } from './bundled.js';
import { parsePriceTable, PricingError } from './parse.js';
import { callCost } from './price.js';
import { normalizeModel, Pricing } from './pricing.js';

const bundled = new Pricing();
const price = (provider: string, model: string) => bundled.priceOf(provider, model);
const key = (name: string) => BUNDLED_PRICES[name]!.price;

test('dated, aliased and hosted model ids find their bundled price; the longest key wins', () => {
  const cases: [provider: string, model: string, key: string | undefined][] = [
    ['openai', 'gpt-4o', 'gpt-4o'],
    ['openai', 'gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai', 'GPT-4o-2024-11-20', 'gpt-4o'],
    ['openai', 'gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'], // a longer key: the launch snapshot's price
    ['openai', 'gpt-4o-mini', 'gpt-4o-mini'],
    ['openai', 'gpt-4o-mini-2024-07-18', 'gpt-4o-mini'], // never gpt-4o's
    ['openai', 'gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['openai', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-mini'],
    ['openai', 'gpt-4.1-nano', 'gpt-4.1-nano'],
    ['openai', 'gpt-4-0613', 'gpt-4'],
    ['openai', 'gpt-4-1106-preview', 'gpt-4-turbo'], // alias
    ['openai', 'gpt-4-turbo-2024-04-09', 'gpt-4-turbo'],
    ['openai', 'o1-2024-12-17', 'o1'],
    ['openai', 'o1-preview-2024-09-12', 'o1'],
    ['openai', 'o1-mini-2024-09-12', 'o1-mini'],
    ['openai', 'o3-mini-2025-01-31', 'o3-mini'],
    ['openai', 'o3-2025-04-16', 'o3'],
    ['openai', 'o4-mini-2025-04-16', 'o4-mini'],
    ['openai', 'gpt-5-2025-08-07', 'gpt-5'],
    ['openrouter', 'openai/gpt-4o-mini', 'gpt-4o-mini'], // vendor path prefix
    ['anthropic', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['anthropic', 'claude-3-5-sonnet-latest', 'claude-3-5-sonnet'],
    ['anthropic', 'claude-3-5-haiku-20241022', 'claude-3-5-haiku'],
    ['anthropic', 'claude-3-7-sonnet-20250219', 'claude-3-7-sonnet'],
    ['anthropic', 'claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['anthropic', 'claude-opus-4-1-20250805', 'claude-opus-4'],
    ['anthropic', 'claude-opus-4-5-20251101', 'claude-opus-4-5'], // a third of opus-4's price: must not fall back
    ['anthropic', 'claude-haiku-4-5', 'claude-haiku-4-5'],
    ['openrouter', 'anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet'], // dotted alias
    ['bedrock', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['bedrock', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet'],
    ['vertex', 'claude-3-5-haiku@20241022', 'claude-3-5-haiku'],
    ['google', 'gemini-1.5-pro', 'gemini-1.5-pro'],
    ['google', 'models/gemini-1.5-pro-002', 'gemini-1.5-pro'],
    ['google', 'models/gemini-1.5-flash-8b-001', 'gemini-1.5-flash-8b'],
    ['google', 'gemini-1.5-flash-latest', 'gemini-1.5-flash'],
    ['google', 'gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['google', 'gemini-2.0-flash-lite-001', 'gemini-2.0-flash-lite'],
    ['vertex', 'publishers/google/models/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['google', 'gemini-2.5-flash', 'gemini-2.5-flash'],
    ['google', 'gemini-2.5-flash-lite', 'gemini-2.5-flash-lite'],
    // Unknown, or a sibling the table does not price: no price, never a shorter key's.
    ['openai', 'gpt-4.5-preview', undefined], // `.` is no separator: not gpt-4
    ['openai', 'gpt-4oo', undefined],
    ['openai', 'gpt-4o-realtime-preview', undefined],
    ['openai', 'gpt-5-pro', undefined],
    ['openai', 'chatgpt-4o-latest', undefined],
    ['google', 'gemini-2.5-flash-preview-05-20', undefined],
    ['google', 'gemini-2.5-flash-image', undefined],
    ['acme', 'my-finetune', undefined],
    ['acme', '', undefined],
  ];
  for (const [provider, model, expected] of cases) {
    assert.deepEqual(price(provider, model), expected === undefined ? undefined : key(expected), `${provider} ${model}`);
  }
  // A second lookup comes from the cache and agrees.
  assert.deepEqual(price('openai', 'gpt-4o-mini-2024-07-18'), key('gpt-4o-mini'));
  assert.equal(price('openai', 'gpt-4o-realtime-preview'), undefined);
});

test('normalizeModel strips paths and hosting prefixes, lower-cases', () => {
  assert.equal(normalizeModel('models/Gemini-1.5-Pro-002'), 'gemini-1.5-pro-002');
  assert.equal(normalizeModel('eu.anthropic.claude-3-haiku-20240307-v1:0'), 'claude-3-haiku-20240307-v1:0');
  assert.equal(normalizeModel(' gpt-4o '), 'gpt-4o');
});

test('cost = (input − cached)·input + cached·cached + output·output, per million tokens', () => {
  // gpt-4o: 2.50 in, 1.25 cached, 10 out → (800·2.5 + 200·1.25 + 500·10) / 1e6
  assert.equal(bundled.costOf('openai', 'gpt-4o', { inputTokens: 1000, cachedTokens: 200, outputTokens: 500 }), 0.00725);
  assert.equal(bundled.costOf('openai', 'gpt-4o', { inputTokens: 1000, outputTokens: 500 }), 0.0075);
  // No cached price: cached tokens cost the input price.
  assert.equal(callCost({ input: 2, output: 8 }, { inputTokens: 1000, cachedTokens: 400, outputTokens: 0 }), 0.002);
  // More cached than input tokens (bad counts) is clamped to the prompt.
  assert.equal(callCost({ input: 2, output: 8, cached: 1 }, { inputTokens: 100, cachedTokens: 500, outputTokens: 0 }), 0.0001);
  // Long-context tier: past the threshold every token is billed at the higher prices.
  const sonnet4 = { input: 3, cached: 0.3, output: 15, above: { tokens: 200_000, input: 6, cached: 0.6, output: 22.5 } };
  assert.equal(callCost(sonnet4, { inputTokens: 200_000, outputTokens: 1000 }), (200_000 * 3 + 1000 * 15) / 1e6);
  assert.equal(callCost(sonnet4, { inputTokens: 200_001, outputTokens: 1000 }), (200_001 * 6 + 1000 * 22.5) / 1e6);
  assert.equal(bundled.costOf('acme', 'unknown-model', { inputTokens: 1, outputTokens: 1 }), undefined);
});

test('overrides win over the bundled table; provider/model keys price one provider only', () => {
  const pricing = new Pricing({
    overrides: {
      'gpt-4o': { input: 1, output: 2 },
      'my-model': { input: 3, output: 4, cached: 1 },
      'azure/gpt-4o-mini': { input: 0.1, output: 0.5 },
      'claude-3-haiku': null, // deliberately unpriced
    },
  });
  assert.deepEqual(pricing.priceOf('openai', 'gpt-4o-2024-08-06'), { input: 1, output: 2 });
  assert.deepEqual(pricing.priceOf('acme', 'my-model-v2'), { input: 3, output: 4, cached: 1 });
  assert.deepEqual(pricing.priceOf('azure', 'gpt-4o-mini'), { input: 0.1, output: 0.5 });
  assert.deepEqual(pricing.priceOf('openai', 'gpt-4o-mini'), key('gpt-4o-mini'));
  // The longest key wins across both tables: azure's gpt-4o-mini key does not price azure gpt-4o.
  assert.deepEqual(pricing.priceOf('azure', 'gpt-4o'), { input: 1, output: 2 });
  assert.equal(pricing.priceOf('anthropic', 'claude-3-haiku-20240307'), undefined);
  assert.deepEqual(pricing.priceOf('openai', 'gpt-4o-2024-05-13'), key('gpt-4o-2024-05-13'));

  const onlyOverrides = new Pricing({ bundled: false, overrides: { 'my-model': { input: 1, output: 1 } } });
  assert.equal(onlyOverrides.priceOf('openai', 'gpt-4o'), undefined);
  assert.equal(onlyOverrides.asOf, PRICES_AS_OF);
});

test('every bundled price is valid, dated, and every alias and key is a normalized model id', () => {
  assert.match(PRICES_AS_OF, /^\d{4}-\d{2}-\d{2}$/);
  const keys = new Set<string>();
  for (const [name, entry] of Object.entries(BUNDLED_PRICES)) {
    for (const id of [name, ...(entry.aliases ?? [])]) {
      assert.equal(normalizeModel(id), id, id);
      assert.ok(!keys.has(id), `${id} is listed twice`);
      keys.add(id);
    }
    if (entry.price !== null) assert.deepEqual(parsePriceTable({ [name]: entry.price }, 'bundled')[name], entry.price, name);
    else assert.ok(entry.note, `${name} says why it is unpriced`);
  }
  for (const provider of ['openai', 'anthropic', 'google'] as const) {
    assert.ok(Object.values(BUNDLED_PRICES).filter((e) => e.provider === provider && e.price !== null).length >= 6, provider);
  }
});

test('parsePriceTable names the entry and field of a bad price', () => {
  assert.deepEqual(parsePriceTable({ m: { input: 1, output: 2, cached: 0.5 }, n: null }, 'pricing'), {
    m: { input: 1, output: 2, cached: 0.5 },
    n: null,
  });
  const bad: [unknown, RegExp][] = [
    [[], /pricing must be an object of model ids to prices/],
    ['x', /pricing must be an object of model ids to prices, .*got "x"/],
    [{ m: 5 }, /pricing\["m"\] must be an object like \{ "input": 2.5/],
    [{ m: { input: 1 } }, /pricing\["m"\]\.output must be a number of USD per million tokens, 0 or more; got undefined/],
    [{ m: { input: -1, output: 1 } }, /pricing\["m"\]\.input must be a number .* got -1/],
    [{ m: { input: '1', output: 1 } }, /pricing\["m"\]\.input must be a number .* got "1"/],
    [{ m: { input: 1, output: Number.NaN } }, /\.output must be a number .* got NaN/],
    [{ m: { input: 1, output: 1, ouput: 2 } }, /pricing\["m"\] has an unknown field "ouput"; expected input, output, cached, above/],
    [{ m: { input: 1, output: 1, above: { tokens: 1.5, input: 1, output: 1 } } }, /pricing\["m"\]\.above\.tokens must be a whole number/],
    [{ ' ': { input: 1, output: 1 } }, /pricing has an empty model id/],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => parsePriceTable(value, 'pricing'), (error: unknown) => error instanceof PricingError && message.test(error.message), JSON.stringify(value));
  }
});
