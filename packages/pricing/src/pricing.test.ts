// Pricing with the real database (@pydantic/genai-prices): provider mapping, what stays unpriced,
// overrides over the database, the data's identity.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import * as database from '@pydantic/genai-prices';
import { databaseProviderId } from './database/resolve.js';
import { PRICE_DATA_AS_OF, PRICE_DATA_SOURCE, PRICE_DATA_VERSION } from './identity.js';
import { Pricing } from './pricing.js';

const pricing = new Pricing();
before(() => pricing.load());

/** The price, which must be at hand now that the database has loaded. */
function price(source: Pricing, provider: string, model: string, usage: Parameters<Pricing['price']>[2]): number | undefined {
  const cost = source.price(provider, model, usage);
  assert.ok(!(cost instanceof Promise), `${provider} ${model}: priced at once`);
  return cost;
}

test("PromptKit's provider labels map to the database's providers; unknown ones to none", () => {
  const cases: [label: string, id: string | undefined][] = [
    ['openai', 'openai'],
    ['openai.chat', 'openai'],
    ['anthropic', 'anthropic'],
    ['anthropic.messages', 'anthropic'],
    ['google', 'google'],
    ['gemini', 'google'],
    ['google.generative-ai', 'google'],
    ['vertex_ai', 'google'],
    ['google.vertex.chat', 'google'],
    ['bedrock', 'aws'],
    ['amazon-bedrock', 'aws'],
    ['azure', 'azure'],
    ['mistral', 'mistral'],
    ['xai', 'x-ai'],
    ['groq', 'groq'],
    ['deepseek', 'deepseek'],
    ['Anthropic', 'anthropic'],
    ['ollama', undefined],
    ['vllm', undefined],
    ['litellm', undefined],
    ['acme', undefined],
    ['', undefined],
    [' ', undefined],
  ];
  for (const [label, id] of cases) assert.equal(databaseProviderId(database, label), id, label);
});

test('database prices: cache reads and writes, long-context tiers, dated ids', () => {
  // gpt-4o: (800·2.50 + 200·1.25 + 500·10) / 1e6
  assert.equal(price(pricing, 'openai', 'gpt-4o-2024-08-06', { inputTokens: 1000, cachedTokens: 200, outputTokens: 500 }), 0.00725);
  // Claude Sonnet 4.5: 12 uncached·$3 + 3000 reads·$0.30 + 100 writes·$3.75 + 50 out·$15
  assert.equal(price(pricing, 'anthropic', 'claude-sonnet-4-5-20250929', { inputTokens: 3112, cachedTokens: 3000, cacheWriteTokens: 100, outputTokens: 50 }), 0.002061);
  // Gemini 2.5 Pro past 200k input tokens: every token at the long-context prices ($2.50 in, $15 out).
  assert.equal(price(pricing, 'google', 'gemini-2.5-pro', { inputTokens: 250_000, outputTokens: 1000 }), 0.64);
  assert.equal(price(pricing, 'gemini', 'gemini-2.5-pro', { inputTokens: 200_000, outputTokens: 1000 }), 0.26);
  // A call with input tokens and no output count is priced on its input.
  assert.equal(price(pricing, 'openai', 'gpt-4o', { inputTokens: 1000 }), 0.0025);
  // Inconsistent counts are clamped, never thrown on: 500 cached of a 100-token prompt.
  assert.equal(price(pricing, 'openai', 'gpt-4o', { inputTokens: 100, cachedTokens: 500 }), 0.000125);
});

test('unknown providers and models stay unpriced, never priced by a guess from the model id', () => {
  const usage = { inputTokens: 1000, outputTokens: 100 };
  for (const [provider, model] of [
    ['ollama', 'llama3.1'],
    ['vllm', 'gpt-4o'], // a cloud model id on a self-hosted server: not OpenAI's price
    ['acme', 'claude-sonnet-4-5'],
    ['', 'gpt-4o'],
    ['openai', 'mystery-model'],
    ['openai', 'claude-sonnet-4-5'], // OpenAI does not serve it
  ]) {
    assert.equal(price(pricing, provider!, model!, usage), undefined, `${provider} ${model}`);
  }
});

test('overrides win over the database, per provider or for all; null keeps a model unpriced', () => {
  const withOverrides = new Pricing({
    overrides: { 'gpt-4o': { input: 1, output: 2 }, 'azure/gpt-4o-mini': { input: 0.1, output: 0.5 }, 'claude-3-haiku': null, 'llama3.1': { input: 0, output: 0 } },
  });
  const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
  assert.equal(price(withOverrides, 'openai', 'gpt-4o-2024-08-06', usage), 3);
  assert.equal(price(withOverrides, 'azure', 'gpt-4o-mini', usage), 0.6);
  assert.equal(price(withOverrides, 'openai', 'gpt-4o-mini', usage), 0.75); // the database's $0.15 + $0.60
  assert.equal(price(withOverrides, 'anthropic', 'claude-3-haiku-20240307', usage), undefined);
  assert.equal(price(withOverrides, 'ollama', 'llama3.1', usage), 0); // your own free model: $0 because you said so
});

test("a prefix key prices its model's dated ids, not other models the database knows by a longer id", () => {
  const withOverrides = new Pricing({ overrides: { 'gpt-4o': { input: 1, output: 2 }, 'my-finetune': { input: 3, output: 4 } } });
  const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
  assert.equal(price(withOverrides, 'openai', 'gpt-4o', usage), 3);
  assert.equal(price(withOverrides, 'openai', 'gpt-4o-2024-08-06', usage), 3); // the same model, dated
  assert.equal(price(withOverrides, 'openai', 'gpt-4o-mini-2024-07-18', usage), 0.75); // another model: the database's price
  assert.equal(price(withOverrides, 'openai', 'gpt-4o-2024-05-13', usage), 20); // the launch snapshot: its own $5 / $15
  assert.equal(price(withOverrides, 'acme', 'gpt-4o-mini', usage), 3); // a provider the database does not know: the key
  assert.equal(price(withOverrides, 'acme', 'my-finetune-v2', usage), 7);
});

test("the price data's identity: the pinned version is the one installed, with its date", () => {
  assert.equal(PRICE_DATA_SOURCE, '@pydantic/genai-prices');
  assert.deepEqual(pricing.info, { source: PRICE_DATA_SOURCE, version: PRICE_DATA_VERSION, asOf: PRICE_DATA_AS_OF });
  assert.match(PRICE_DATA_AS_OF, /^\d{4}-\d{2}-\d{2}$/);
  // The package exports no ./package.json: find it from its main file.
  let dir = dirname(createRequire(import.meta.url).resolve(PRICE_DATA_SOURCE));
  let manifest: { name?: string; version?: string } = {};
  for (let up = 0; up < 5 && manifest.name !== PRICE_DATA_SOURCE; up++, dir = dirname(dir)) {
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      manifest = {};
    }
  }
  assert.equal(manifest.name, PRICE_DATA_SOURCE);
  assert.equal(manifest.version, PRICE_DATA_VERSION);
  // And the dependency is pinned to exactly that version.
  const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  assert.equal(own.dependencies[PRICE_DATA_SOURCE], PRICE_DATA_VERSION);
});
