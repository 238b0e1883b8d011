import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pricing } from '../pricing.js';
import { linearPrice, type ModelPrice } from './price.js';
import { normalizeModel, OverrideTable } from './table.js';

const gpt4o: ModelPrice = { input: 2.5, output: 10, cached: 1.25 };
const mini: ModelPrice = { input: 0.15, output: 0.6, cached: 0.075 };
const launch: ModelPrice = { input: 5, output: 15 };
const sonnet: ModelPrice = { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75 };
const table = new OverrideTable({
  'gpt-4o': gpt4o,
  'gpt-4o-2024-05-13': launch,
  'gpt-4o-mini': mini,
  'gpt-4': { input: 30, output: 60 },
  'claude-3-5-sonnet': sonnet,
  'gemini-1.5-pro': { input: 1.25, output: 5 },
  'gpt-4o-realtime': null,
  'azure/gpt-4o-mini': { input: 0.1, output: 0.5 },
});

test('dated, pathed and hosted model ids find their override; the longest key wins', () => {
  const cases: [provider: string, model: string, expected: ModelPrice | null | undefined][] = [
    ['openai', 'gpt-4o', gpt4o],
    ['openai', 'gpt-4o-2024-08-06', gpt4o],
    ['openai', 'GPT-4o-2024-11-20', gpt4o],
    ['openai', 'gpt-4o-2024-05-13', launch], // a longer key: the launch snapshot's price
    ['openai', 'gpt-4o-mini-2024-07-18', mini], // never gpt-4o's
    ['openai', 'gpt-4-0613', { input: 30, output: 60 }],
    ['openrouter', 'openai/gpt-4o-mini', mini], // vendor path prefix
    ['bedrock', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0', sonnet],
    ['vertex', 'claude-3-5-sonnet@20241022', sonnet],
    ['google', 'models/gemini-1.5-pro-002', { input: 1.25, output: 5 }],
    ['openai', 'gpt-4o-realtime-preview', null], // kept unpriced, not gpt-4o's price
    ['azure', 'gpt-4o-mini', { input: 0.1, output: 0.5 }], // provider/model: this provider only
    ['azure', 'gpt-4o', gpt4o], // the provider's shorter key does not win over a longer general one
    // No key: undefined (the database decides), never a shorter key's price.
    ['openai', 'gpt-4.5-preview', undefined], // `.` is no separator: not gpt-4
    ['openai', 'gpt-4oo', undefined],
    ['acme', 'my-finetune', undefined],
    ['acme', '', undefined],
  ];
  for (const [provider, model, expected] of cases) assert.deepEqual(table.lookup(provider, model), expected, `${provider} ${model}`);
});

test('normalizeModel strips paths and hosting prefixes, lower-cases', () => {
  assert.equal(normalizeModel('models/Gemini-1.5-Pro-002'), 'gemini-1.5-pro-002');
  assert.equal(normalizeModel('eu.anthropic.claude-3-haiku-20240307-v1:0'), 'claude-3-haiku-20240307-v1:0');
  assert.equal(normalizeModel(' gpt-4o '), 'gpt-4o');
});

test('cost: each part at its price, per million tokens; parts default to the input price', () => {
  // gpt-4o: (800·2.50 + 200·1.25 + 500·10) / 1e6
  assert.equal(linearPrice(gpt4o).cost({ inputTokens: 1000, cachedTokens: 200, outputTokens: 500 }), 0.00725);
  // Claude: 12 uncached + 3000 cache reads + 100 cache writes, 50 out: (12·3 + 3000·0.3 + 100·3.75 + 50·15) / 1e6
  assert.equal(linearPrice(sonnet).cost({ inputTokens: 3112, cachedTokens: 3000, cacheWriteTokens: 100, outputTokens: 50 }), 0.002061);
  // No cached or cache-write price: those tokens cost the input price; reasoning costs the output price.
  assert.equal(linearPrice({ input: 2, output: 8 }).cost({ inputTokens: 1000, cachedTokens: 400, cacheWriteTokens: 100, outputTokens: 10, reasoningTokens: 6 }), 0.00208);
  // Absent counts are 0: input only, output only.
  assert.equal(linearPrice(gpt4o).cost({ inputTokens: 1000 }), 0.0025);
  assert.equal(linearPrice(gpt4o).cost({ outputTokens: 1000 }), 0.01);
  assert.equal(linearPrice(gpt4o).cost({}), 0);
});

test('parts larger than their whole are clamped; counts that are not counts have no cost', () => {
  const price = linearPrice({ input: 2, output: 8, cached: 1, cacheWrite: 4 });
  // 500 cached of a 100-token prompt: all 100 are cache reads, no room left for writes.
  assert.equal(price.cost({ inputTokens: 100, cachedTokens: 500, cacheWriteTokens: 50, outputTokens: 0 }), 0.0001);
  // Writes are clamped to what the reads leave: 60 reads + 40 writes.
  assert.equal(price.cost({ inputTokens: 100, cachedTokens: 60, cacheWriteTokens: 70 }), (60 * 1 + 40 * 4) / 1e6);
  // Reasoning beyond the output is the output.
  assert.equal(price.cost({ outputTokens: 10, reasoningTokens: 99 }), 0.00008);
  for (const bad of [-1, Number.NaN, Infinity, 1e16, '5' as unknown as number]) {
    assert.equal(price.cost({ inputTokens: bad }), undefined, String(bad));
    assert.equal(price.cost({ inputTokens: 10, reasoningTokens: bad }), undefined, String(bad));
  }
});

test('long-context tier: past the threshold every token is billed at the higher prices', () => {
  const price = linearPrice({ input: 3, cached: 0.3, cacheWrite: 3.75, output: 15, above: { tokens: 200_000, input: 6, cached: 0.6, output: 22.5 } });
  assert.equal(price.cost({ inputTokens: 200_000, outputTokens: 1000 }), (200_000 * 3 + 1000 * 15) / 1e6);
  assert.equal(price.cost({ inputTokens: 200_001, outputTokens: 1000 }), (200_001 * 6 + 1000 * 22.5) / 1e6);
  // The tier's own cache-write price is absent: its input price applies.
  assert.equal(price.cost({ inputTokens: 300_000, cacheWriteTokens: 100_000 }), (300_000 * 6) / 1e6);
});

test('overrides win over the database; null keeps a model unpriced; without the database only overrides price', () => {
  const onlyOverrides = new Pricing({ database: false, overrides: { 'my-model': { input: 1, output: 1 }, 'gpt-4o': null } });
  assert.equal(onlyOverrides.price('acme', 'my-model-v2', { inputTokens: 1e6, outputTokens: 1e6 }), 2);
  assert.equal(onlyOverrides.price('openai', 'gpt-4o', { inputTokens: 1 }), undefined);
  assert.equal(onlyOverrides.price('openai', 'gpt-4o-mini', { inputTokens: 1 }), undefined);
  assert.deepEqual(onlyOverrides.info, { source: 'overrides', version: 'none', asOf: 'none' });
  assert.equal(onlyOverrides.databaseState, 'off');
  // Not a string, no usage object, or counts that cannot be read: no price, no throw.
  assert.equal(onlyOverrides.price(42 as unknown as string, 'my-model', { inputTokens: 1 }), undefined);
  assert.equal(onlyOverrides.price('acme', 'my-model', null as never), undefined);
  const hostile = {
    get inputTokens(): number {
      throw new Error('no');
    },
  };
  assert.equal(onlyOverrides.price('acme', 'my-model', hostile), undefined);
});
