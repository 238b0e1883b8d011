import assert from 'node:assert/strict';
import { test } from 'node:test';
import { carriesContent, llmResultOutcome, usageMetadataCounts } from './llm-result.js';
import { modelStart } from './model.js';

// [case, usage_metadata as integrations report it, counts in PromptKit's meaning]
const usageCases: [string, unknown, Record<string, number | undefined>][] = [
  [
    'OpenAI (@langchain/openai): cached prompt tokens and reasoning',
    { input_tokens: 1200, output_tokens: 480, total_tokens: 1680, input_token_details: { cache_read: 1024 }, output_token_details: { reasoning: 320 } },
    { inputTokens: 1200, outputTokens: 480, cachedTokens: 1024, cacheWriteTokens: undefined, reasoningTokens: 320 },
  ],
  [
    'Anthropic (@langchain/anthropic): input_tokens already sums new, cache reads and cache writes',
    { input_tokens: 3212, output_tokens: 50, total_tokens: 3262, input_token_details: { cache_read: 3000, cache_creation: 200 } },
    { inputTokens: 3212, outputTokens: 50, cachedTokens: 3000, cacheWriteTokens: 200, reasoningTokens: undefined },
  ],
  [
    'a streamed 1.x message: empty detail objects',
    { input_tokens: 10, output_tokens: 2, total_tokens: 12, input_token_details: {}, output_token_details: {} },
    { inputTokens: 10, outputTokens: 2, cachedTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
  ],
  [
    'zeros reported are zeros',
    { input_tokens: 0, output_tokens: 0, total_tokens: 0, input_token_details: { cache_read: 0 } },
    { inputTokens: 0, outputTokens: 0, cachedTokens: 0, cacheWriteTokens: undefined, reasoningTokens: undefined },
  ],
  [
    'malformed counts are left out',
    { input_tokens: -5, output_tokens: '7', input_token_details: { cache_read: Number.NaN } },
    { inputTokens: undefined, outputTokens: undefined, cachedTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
  ],
];

test('usage_metadata → PromptKit token counts', () => {
  for (const [name, usage, expected] of usageCases) assert.deepEqual(usageMetadataCounts(usage), expected, name);
});

const result = (message: unknown, llmOutput?: unknown, generationInfo?: unknown) => ({ generations: [[{ text: 'x', message, generationInfo }]], llmOutput });

test('an LLMResult: usage_metadata first, llmOutput.tokenUsage without it; answering model and finish reason from response_metadata', () => {
  const usage_metadata = { input_tokens: 100, output_tokens: 20, total_tokens: 120 };
  assert.deepEqual(
    llmResultOutcome(result({ usage_metadata, response_metadata: { model_name: 'gpt-4o-2024-08-06', finish_reason: 'stop' } }, { tokenUsage: { promptTokens: 1, completionTokens: 1 } })),
    { model: 'gpt-4o-2024-08-06', inputTokens: 100, outputTokens: 20, cachedTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined, finishReason: 'stop' },
  );
  assert.deepEqual(llmResultOutcome(result({ response_metadata: {} }, { tokenUsage: { promptTokens: 30, completionTokens: 4, totalTokens: 34 } })), {
    model: undefined,
    inputTokens: 30,
    outputTokens: 4,
    finishReason: undefined,
  });
  const anthropic = llmResultOutcome(result({ response_metadata: { model: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn' } }));
  assert.deepEqual([anthropic.model, anthropic.finishReason], ['claude-sonnet-4-5-20250929', 'end_turn']);
  assert.equal(llmResultOutcome(result({ response_metadata: { finishReason: 'MAX_TOKENS' } })).finishReason, 'MAX_TOKENS', 'Google');
  assert.equal(llmResultOutcome(result(undefined, undefined, { finish_reason: 'length' })).finishReason, 'length', 'a text LLM: generationInfo');
});

test('odd LLMResults give an outcome without counts, never a throw', () => {
  for (const odd of [undefined, null, {}, { generations: [] }, { generations: [[]] }, { generations: 'x' }, { generations: [[null]] }]) {
    assert.deepEqual(llmResultOutcome(odd), { model: undefined, inputTokens: undefined, outputTokens: undefined, finishReason: undefined }, JSON.stringify(odd));
  }
});

test('a streamed token carries content when it has text or tool-call arguments', () => {
  assert.equal(carriesContent('Hel', undefined), true);
  assert.equal(carriesContent('', { chunk: { message: { tool_call_chunks: [{ args: '{"q"' }] } } }), true);
  assert.equal(carriesContent('', { chunk: { message: { tool_call_chunks: [] } } }), false);
  assert.equal(carriesContent('', undefined), false);
});

test('provider and model: ls_provider/ls_model_name, else invocation params, else the fallback', () => {
  assert.deepEqual(modelStart({ ls_provider: 'openai', ls_model_name: 'gpt-4o' }, { invocation_params: { model: 'other' } }, 'langchain'), { provider: 'openai', model: 'gpt-4o' });
  assert.deepEqual(modelStart({}, { invocation_params: { provider: 'openrouter', model_name: 'llama-3' } }, 'langchain'), { provider: 'openrouter', model: 'llama-3' });
  assert.deepEqual(modelStart({ ls_provider: '' }, { invocation_params: { modelName: 'm' } }, 'langchain'), { provider: 'langchain', model: 'm' });
  assert.deepEqual(modelStart(undefined, undefined, 'mine'), { provider: 'mine', model: '' });
});
