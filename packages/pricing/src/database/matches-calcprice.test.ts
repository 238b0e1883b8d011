// Property test: Pricing's cost equals genai-prices' own calcPrice total_price, for every model of
// many providers, at random consistent usages and at every long-context tier boundary.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { calcPrice, findProvider } from '@pydantic/genai-prices';
import { Pricing } from '../pricing.js';
import type { PriceUsage } from '../usage.js';
import { pricesTokens, tierStarts } from './derive.js';

const PROVIDERS = ['openai', 'anthropic', 'google', 'aws', 'azure', 'mistral', 'groq', 'x-ai', 'deepseek', 'cohere', 'perplexity', 'together', 'cerebras', 'moonshotai', 'openrouter'];
const RELATIVE = 1e-9;

const pricing = new Pricing();
before(() => pricing.load());

interface Model {
  provider: string;
  id: string;
  starts: number[];
}

/** Every model id each provider lists, with the tier starts of its price now. */
function models(): Model[] {
  const all: Model[] = [];
  for (const provider of PROVIDERS) {
    for (const { id } of findProvider({ providerId: provider })!.models) {
      const resolved = calcPrice({ input_tokens: 0, output_tokens: 0 }, id, { providerId: provider });
      if (resolved !== null) all.push({ provider, id, starts: tierStarts(resolved.model_price) });
    }
  }
  return all;
}

function theirs(model: Model, usage: Required<PriceUsage>): number {
  const resolved = calcPrice(
    {
      input_tokens: usage.inputTokens,
      cache_read_tokens: usage.cachedTokens,
      cache_write_tokens: usage.cacheWriteTokens,
      output_tokens: usage.outputTokens,
      output_reasoning_tokens: usage.reasoningTokens,
    },
    model.id,
    { providerId: model.provider },
  );
  return resolved!.total_price;
}

function ours(model: Model, usage: PriceUsage): number | undefined {
  const cost = pricing.price(model.provider, model.id, usage);
  assert.ok(!(cost instanceof Promise));
  return cost;
}

function assertSame(model: Model, usage: Required<PriceUsage>): void {
  const expected = theirs(model, usage);
  const actual = ours(model, usage);
  const where = `${model.provider} ${model.id} ${JSON.stringify(usage)}`;
  assert.ok(actual !== undefined, `${where}: unpriced, calcPrice says ${expected}`);
  assert.ok(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected), `${where}: ${actual} ≠ calcPrice ${expected}`);
}

/** A consistent usage: parts within their whole. */
const usageArbitrary = fc
  .record({
    input: fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 2_000_000 })),
    read: fc.double({ min: 0, max: 1, noNaN: true }),
    write: fc.double({ min: 0, max: 1, noNaN: true }),
    output: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 200_000 })),
    reasoning: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ input, read, write, output, reasoning }) => {
    const cachedTokens = Math.floor(input * read);
    return {
      inputTokens: input,
      cachedTokens,
      cacheWriteTokens: Math.floor((input - cachedTokens) * write),
      outputTokens: output,
      reasoningTokens: Math.floor(output * reasoning),
    };
  });

test('the database models PromptKit leaves unpriced are those calcPrice has no token price for', () => {
  const all = models();
  const priced = new Map<string, number>();
  for (const model of all) {
    const resolved = calcPrice({ input_tokens: 0, output_tokens: 0 }, model.id, { providerId: model.provider })!;
    const cost = ours(model, { inputTokens: 1000, outputTokens: 100 });
    assert.equal(cost !== undefined, pricesTokens(resolved.model_price), `${model.provider} ${model.id}`);
    if (cost !== undefined) priced.set(model.provider, (priced.get(model.provider) ?? 0) + 1);
  }
  for (const provider of PROVIDERS) assert.ok((priced.get(provider) ?? 0) >= 5, `${provider}: ${priced.get(provider)} models priced`);
});

test('costs equal calcPrice total_price at random usages with cache reads, writes and reasoning', () => {
  const all = models().filter((model) => ours(model, { inputTokens: 1 }) !== undefined);
  assert.ok(all.length > 500, `${all.length} models`);
  fc.assert(
    fc.property(fc.nat({ max: all.length - 1 }), usageArbitrary, (index, usage) => assertSame(all[index]!, usage)),
    { numRuns: 10_000, seed: 20260923 },
  );
});

test('costs equal calcPrice total_price on both sides of every long-context tier start', () => {
  const tiered = models().filter((model) => model.starts.length > 0 && ours(model, { inputTokens: 1 }) !== undefined);
  const providers = new Set(tiered.map((model) => model.provider));
  for (const provider of ['anthropic', 'google', 'openai']) assert.ok(providers.has(provider), `tiered models of ${provider}`);
  for (const model of tiered) {
    for (const start of model.starts) {
      for (const input of [start - 1, start, start + 1, start * 2]) {
        for (const [read, write] of [[0, 0], [0.5, 0.25], [1, 0], [0, 1]] as const) {
          const cachedTokens = Math.floor(input * read);
          const usage = { inputTokens: input, cachedTokens, cacheWriteTokens: Math.floor((input - cachedTokens) * write), outputTokens: 4321, reasoningTokens: 1234 };
          assertSame(model, usage);
        }
      }
    }
  }
  // The long-context price is really used: gemini-2.5-pro costs more per token past 200k.
  const gemini = tiered.find((model) => model.provider === 'google' && model.id === 'gemini-2.5-pro')!;
  assert.deepEqual(gemini.starts, [200_000]);
  assert.equal(ours(gemini, { inputTokens: 200_001 })! / 200_001, 2.5e-6);
  assert.equal(ours(gemini, { inputTokens: 200_000 })! / 200_000, 1.25e-6);
});
