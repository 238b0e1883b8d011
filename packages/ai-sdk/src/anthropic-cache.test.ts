// An Anthropic call that read 3,000 cached tokens, wrote 200 and sent 12 new ones has 3,212 input
// tokens, whichever `ai` major runs it and whichever specification its model speaks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV2 } from 'ai-v5/test';
import { RecordedEvents } from '../../../test/support/recorded-events.js';
import { promptkitMiddleware } from './index.js';
import { MAJORS, type AiApi } from './test-majors.js';

const expected = { model: 'claude-sonnet-4-5-20250929', inputTokens: 3212, outputTokens: 50, cachedTokens: 3000, cacheWriteTokens: 200, finishReason: 'end_turn' };
const response = { id: 'msg-test', modelId: 'claude-sonnet-4-5-20250929', timestamp: new Date(0) };
const providerMetadata = { anthropic: { cacheCreationInputTokens: 200 } };

/** As `@ai-sdk/anthropic` 2 (for `ai` 5) reports it: `inputTokens` is Anthropic's `input_tokens`, without the cache. */
function anthropicV2() {
  const usage = { inputTokens: 12, outputTokens: 50, totalTokens: 62, cachedInputTokens: 3000 };
  return new MockLanguageModelV2({
    provider: 'anthropic.messages',
    modelId: 'claude-sonnet-4-5',
    doGenerate: () => Promise.resolve({ content: [{ type: 'text' as const, text: 'Hi' }], finishReason: 'stop' as const, usage, providerMetadata, warnings: [], response }),
    doStream: () =>
      Promise.resolve({
        stream: simulateReadableStream({
          chunks: [
            { type: 'stream-start' as const, warnings: [] },
            { type: 'response-metadata' as const, ...response },
            { type: 'text-start' as const, id: 't' },
            { type: 'text-delta' as const, id: 't', delta: 'Hi' },
            { type: 'text-end' as const, id: 't' },
            { type: 'finish' as const, finishReason: 'stop' as const, usage, providerMetadata },
          ],
        }),
      }),
  });
}

/** As `@ai-sdk/anthropic` 3 (for `ai` 6 and 7) reports it: `total` already includes the cache. */
function anthropicNested(ai: AiApi) {
  return ai.mockModel({
    provider: 'anthropic.messages',
    modelId: 'claude-sonnet-4-5',
    doGenerate: () =>
      Promise.resolve({
        content: [{ type: 'text', text: 'Hi' }],
        finishReason: { unified: 'stop', raw: 'end_turn' },
        usage: { inputTokens: { total: 3212, noCache: 12, cacheRead: 3000, cacheWrite: 200 }, outputTokens: { total: 50, text: 50, reasoning: undefined } },
        providerMetadata,
        warnings: [],
        response,
      }),
  });
}

for (const major of MAJORS) {
  describe(`Anthropic prompt caching (${major.label})`, { skip: major.skip }, () => {
    const r = new RecordedEvents();
    const recorded = () => {
      const { model, inputTokens, outputTokens, cachedTokens, cacheWriteTokens, finishReason } = r.completed();
      return { model, inputTokens, outputTokens, cachedTokens, cacheWriteTokens, finishReason };
    };

    test('a V2 Anthropic model, generateText and streamText', async () => {
      const ai = await major.load();
      const model = ai.wrapLanguageModel({ model: anthropicV2(), middleware: promptkitMiddleware({ eventBus: r.eventBus }) });
      await ai.generateText({ model, prompt: 'Hi' });
      // A V2 model reports only the unified reason.
      assert.deepEqual(recorded(), { ...expected, finishReason: 'stop' });

      r.events.length = 0;
      await ai.streamText({ model, prompt: 'Hi' }).consumeStream();
      assert.deepEqual(recorded(), { ...expected, finishReason: 'stop' });
    });

    test('a V3/V4 Anthropic model', { skip: major.spec === 'v2' && 'ai 5 runs V2 models only' }, async () => {
      const ai = await major.load();
      await ai.generateText({ model: ai.wrapLanguageModel({ model: anthropicNested(ai), middleware: promptkitMiddleware({ eventBus: r.eventBus }) }), prompt: 'Hi' });
      assert.deepEqual(recorded(), expected);
    });
  });
}
