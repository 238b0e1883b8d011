import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finishReasonOf, providerLabel, usageOf } from './usage.js';

const nested = (input: Record<string, number | undefined>, output: Record<string, number | undefined>) => ({ inputTokens: input, outputTokens: output });
// What `ai` 6 and 7 make of a V2 model's flat usage (their convertV2UsageToV3).
const convertedV2 = (flat: { inputTokens?: number; outputTokens?: number; cachedInputTokens?: number; reasoningTokens?: number }) =>
  nested(
    { total: flat.inputTokens, noCache: undefined, cacheRead: flat.cachedInputTokens, cacheWrite: undefined },
    { total: flat.outputTokens, text: undefined, reasoning: flat.reasoningTokens },
  );
const anthropicWrites = (n: number | null) => ({ anthropic: { cacheCreationInputTokens: n } });
const bedrockWrites = (n: number) => ({ bedrock: { usage: { cacheWriteInputTokens: n } } });

// [case, model.provider, usage, providerMetadata, expected counts in PromptKit's meaning]
const cases: [string, string, unknown, unknown, Record<string, number | undefined>][] = [
  [
    'V3/V4: totals as they are, cacheRead and cacheWrite parts of input, reasoning part of output',
    'openai.responses',
    nested({ total: 2000, noCache: 464, cacheRead: 1280, cacheWrite: 256 }, { total: 600, text: 152, reasoning: 448 }),
    undefined,
    { inputTokens: 2000, outputTokens: 600, cachedTokens: 1280, cacheWriteTokens: 256, reasoningTokens: 448 },
  ],
  [
    'V3 Anthropic: the provider already counts cache into the total',
    'anthropic.messages',
    nested({ total: 3212, noCache: 12, cacheRead: 3000, cacheWrite: 200 }, { total: 50, text: 50, reasoning: undefined }),
    anthropicWrites(200),
    { inputTokens: 3212, outputTokens: 50, cachedTokens: 3000, cacheWriteTokens: 200, reasoningTokens: undefined },
  ],
  [
    'V3 without totals: the parts are added up',
    'openai.chat',
    nested({ total: undefined, noCache: 60, cacheRead: 40, cacheWrite: 10 }, { total: undefined, text: 20, reasoning: 5 }),
    undefined,
    { inputTokens: 110, outputTokens: 25, cachedTokens: 40, cacheWriteTokens: 10, reasoningTokens: 5 },
  ],
  [
    'V2 OpenAI: inputTokens includes cached, outputTokens includes reasoning',
    'openai.chat',
    { inputTokens: 1200, outputTokens: 480, totalTokens: 1680, cachedInputTokens: 1024, reasoningTokens: 320 },
    undefined,
    { inputTokens: 1200, outputTokens: 480, cachedTokens: 1024, cacheWriteTokens: undefined, reasoningTokens: 320 },
  ],
  [
    'V2 Anthropic: 12 new and 3,000 cached tokens are 3,012 input',
    'anthropic.messages',
    { inputTokens: 12, outputTokens: 50, totalTokens: 62, cachedInputTokens: 3000 },
    anthropicWrites(null),
    { inputTokens: 3012, outputTokens: 50, cachedTokens: 3000, cacheWriteTokens: undefined, reasoningTokens: undefined },
  ],
  [
    'V2 Anthropic writing the cache: cacheCreationInputTokens from providerMetadata',
    'anthropic.messages',
    { inputTokens: 12, outputTokens: 50, totalTokens: 62, cachedInputTokens: 0 },
    anthropicWrites(3000),
    { inputTokens: 3012, outputTokens: 50, cachedTokens: 0, cacheWriteTokens: 3000, reasoningTokens: undefined },
  ],
  [
    'V2 Anthropic through Bedrock (bedrock.anthropic.messages) and Vertex alike',
    'vertex.anthropic.messages',
    { inputTokens: 12, outputTokens: 50, totalTokens: 62, cachedInputTokens: 3000 },
    anthropicWrites(100),
    { inputTokens: 3112, outputTokens: 50, cachedTokens: 3000, cacheWriteTokens: 100, reasoningTokens: undefined },
  ],
  [
    'V2 Bedrock Converse: cacheRead and cacheWriteInputTokens are outside inputTokens',
    'amazon-bedrock',
    { inputTokens: 12, outputTokens: 50, totalTokens: 62, cachedInputTokens: 3000 },
    bedrockWrites(500),
    { inputTokens: 3512, outputTokens: 50, cachedTokens: 3000, cacheWriteTokens: 500, reasoningTokens: undefined },
  ],
  [
    'V2 Google: outputTokens (candidatesTokenCount) leaves the thinking tokens out',
    'google.generative-ai',
    { inputTokens: 900, outputTokens: 100, totalTokens: 1400, cachedInputTokens: 512, reasoningTokens: 400 },
    undefined,
    { inputTokens: 900, outputTokens: 500, cachedTokens: 512, cacheWriteTokens: undefined, reasoningTokens: 400 },
  ],
  [
    'a V2 Anthropic model converted by ai 6/7 gets the same correction',
    'anthropic.messages',
    convertedV2({ inputTokens: 12, outputTokens: 50, cachedInputTokens: 3000 }),
    anthropicWrites(200),
    { inputTokens: 3212, outputTokens: 50, cachedTokens: 3000, cacheWriteTokens: 200, reasoningTokens: undefined },
  ],
  [
    'a V2 Google model converted by ai 6/7 gets the same correction',
    'google.vertex.chat',
    convertedV2({ inputTokens: 900, outputTokens: 100, reasoningTokens: 400 }),
    undefined,
    { inputTokens: 900, outputTokens: 500, cachedTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: 400 },
  ],
  [
    'a V2 OpenAI model converted by ai 6/7 needs none',
    'openai.chat',
    convertedV2({ inputTokens: 1200, outputTokens: 480, cachedInputTokens: 1024, reasoningTokens: 320 }),
    undefined,
    { inputTokens: 1200, outputTokens: 480, cachedTokens: 1024, cacheWriteTokens: undefined, reasoningTokens: 320 },
  ],
  [
    'V2 with nothing reported: no counts, not zeros, and no cache added to nothing',
    'anthropic.messages',
    { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined },
    anthropicWrites(10),
    { inputTokens: undefined, outputTokens: undefined, cachedTokens: undefined, cacheWriteTokens: 10, reasoningTokens: undefined },
  ],
  [
    'malformed counts are left out',
    'openai.chat',
    { inputTokens: -1, outputTokens: Number.NaN, cachedInputTokens: '3' },
    undefined,
    { inputTokens: undefined, outputTokens: undefined, cachedTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
  ],
];

test('usage → PromptKit token counts, per shape and provider', () => {
  for (const [name, provider, usage, providerMetadata, expected] of cases) {
    assert.deepEqual(usageOf(usage, providerMetadata, provider), expected, name);
  }
  assert.deepEqual(usageOf(undefined, undefined, 'openai.chat'), {}, 'no usage at all');
});

test("finish reason: the provider's own (raw) first, else the unified one", () => {
  assert.equal(finishReasonOf({ unified: 'tool-calls', raw: 'tool_use' }), 'tool_use');
  assert.equal(finishReasonOf({ unified: 'stop', raw: undefined }), 'stop', 'a converted V2 result has no raw reason');
  assert.equal(finishReasonOf({ unified: 'length', raw: '' }), 'length');
  assert.equal(finishReasonOf('content-filter'), 'content-filter', 'V2: a string');
  assert.equal(finishReasonOf(undefined), undefined);
  assert.equal(finishReasonOf({}), undefined);
});

test("provider label: the model's provider up to the first dot", () => {
  assert.equal(providerLabel('openai.chat'), 'openai');
  assert.equal(providerLabel('openai.responses'), 'openai');
  assert.equal(providerLabel('google.generative-ai'), 'google');
  assert.equal(providerLabel('google.vertex.chat'), 'vertex', 'Vertex AI, as the Google Gen AI adapter labels it');
  assert.equal(providerLabel('amazon-bedrock'), 'amazon-bedrock');
  assert.equal(providerLabel(undefined), '');
});
