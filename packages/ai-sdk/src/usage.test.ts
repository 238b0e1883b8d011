import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finishReasonOf, providerLabel, usageOf } from './usage.js';

test('usage of ai 6 (LanguageModelV3): nested totals, cacheRead as the cached subset', () => {
  const usage = {
    inputTokens: { total: 100, noCache: 60, cacheRead: 40, cacheWrite: undefined },
    outputTokens: { total: 25, text: 20, reasoning: 5 },
  };
  assert.deepEqual(usageOf(usage), { inputTokens: 100, outputTokens: 25, cachedTokens: 40 });
});

test('usage of ai 6 without totals: the parts are added up', () => {
  const usage = {
    inputTokens: { total: undefined, noCache: 60, cacheRead: 40, cacheWrite: undefined },
    outputTokens: { total: undefined, text: 20, reasoning: 5 },
  };
  assert.deepEqual(usageOf(usage), { inputTokens: 100, outputTokens: 25, cachedTokens: 40 });
});

test('usage of ai 5 (LanguageModelV2): flat counts and cachedInputTokens', () => {
  assert.deepEqual(usageOf({ inputTokens: 100, outputTokens: 25, totalTokens: 125, cachedInputTokens: 40 }), {
    inputTokens: 100,
    outputTokens: 25,
    cachedTokens: 40,
  });
  assert.deepEqual(usageOf({ inputTokens: undefined, outputTokens: 3 }), { inputTokens: undefined, outputTokens: 3, cachedTokens: undefined });
});

test('missing or malformed usage gives no token counts, not zero', () => {
  assert.deepEqual(usageOf(undefined), {});
  assert.deepEqual(usageOf({ inputTokens: -1, outputTokens: Number.NaN }), { inputTokens: undefined, outputTokens: undefined, cachedTokens: undefined });
});

test('finish reasons of ai 6 ({ unified, raw }) and ai 5 (a string)', () => {
  assert.equal(finishReasonOf({ unified: 'tool-calls', raw: 'tool_calls' }), 'tool-calls');
  assert.equal(finishReasonOf('length'), 'length');
  assert.equal(finishReasonOf(undefined), undefined);
});

test("provider label: the model's provider up to the first dot", () => {
  assert.equal(providerLabel('openai.chat'), 'openai');
  assert.equal(providerLabel('openai.responses'), 'openai');
  assert.equal(providerLabel('google.generative-ai'), 'google');
  assert.equal(providerLabel('amazon-bedrock'), 'amazon-bedrock');
  assert.equal(providerLabel(undefined), '');
});
