// Model runs of real LangChain models (LangChain's fake models and a scripted model that reports
// usage) through PromptKitCallbackHandler, with LangChain running callbacks in the background.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { RecordedEvents } from '../../../test/support/recorded-events.js';
import { PromptKitCallbackHandler } from './index.js';
import { VERSIONS, scriptedChatModel, type LangChain } from './test-langchain.js';

const usage = { input_tokens: 3212, output_tokens: 480, total_tokens: 3692, input_token_details: { cache_read: 3000, cache_creation: 200 }, output_token_details: { reasoning: 320 } };

for (const version of VERSIONS) {
  describe(`model runs (${version.label})`, () => {
    const r = new RecordedEvents();
    let lc: LangChain;
    before(async () => {
      lc = await version.load();
    });
    const handler = () => new PromptKitCallbackHandler({ eventBus: r.eventBus });

    test('a chat model call is a provider call with both models, every token count and the finish reason', async () => {
      const model = scriptedChatModel(lc, {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        answers: [{ text: 'Hello!', usage, responseMetadata: { model: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn' } }],
      });
      const h = handler();
      const reply = await model.invoke('Hi', { callbacks: [h] });
      assert.equal(reply.content, 'Hello!');
      await lc.awaitAllCallbacks();
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.completed']);
      assert.deepEqual(r.one('provider.call.started'), { provider: 'anthropic', model: 'claude-sonnet-4-5' });
      const data = r.one('provider.call.completed');
      assert.ok(data.durationMs >= 0 && data.durationMs < 5_000);
      assert.deepEqual(
        { ...data, durationMs: 0 },
        {
          provider: 'anthropic',
          model: 'claude-sonnet-4-5-20250929',
          requestModel: 'claude-sonnet-4-5',
          operation: 'chat',
          durationMs: 0,
          inputTokens: 3212,
          outputTokens: 480,
          cachedTokens: 3000,
          cacheWriteTokens: 200,
          reasoningTokens: 320,
          finishReason: 'end_turn',
        },
      );
      assert.deepEqual(h.counts(), { openRuns: 0, evictedRuns: 0 });
    });

    test('a streamed call records time to first token and the usage of its last chunk', async () => {
      const model = scriptedChatModel(lc, {
        provider: 'openai',
        model: 'gpt-4o-mini',
        firstChunkDelayMs: 40,
        chunkDelayMs: 5,
        answers: [{ text: 'Hello there friend', usage: { input_tokens: 30, output_tokens: 3, total_tokens: 33 }, responseMetadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' } }],
      });
      let text = '';
      for await (const chunk of await model.stream('Hi', { callbacks: [handler()] })) text += typeof chunk.content === 'string' ? chunk.content : '';
      assert.equal(text, 'Hello there friend');
      await lc.awaitAllCallbacks();
      const data = r.one('provider.call.completed');
      assert.deepEqual([data.provider, data.model, data.inputTokens, data.outputTokens, data.finishReason], ['openai', 'gpt-4o-mini-2024-07-18', 30, 3, 'stop']);
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 35, `ttft ${data.timeToFirstTokenMs}`);
      assert.ok(data.timeToFirstTokenMs <= data.durationMs);
    });

    test('without usage_metadata the legacy llmOutput.tokenUsage is used', async () => {
      const model = scriptedChatModel(lc, { model: 'local', answers: [{ text: 'x', llmOutput: { tokenUsage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 } } }] });
      await model.invoke('Hi', { callbacks: [handler()] });
      await lc.awaitAllCallbacks();
      const data = r.one('provider.call.completed');
      assert.deepEqual([data.inputTokens, data.outputTokens, data.cachedTokens], [12, 3, undefined]);
    });

    test("LangChain's fake models: provider from the class (ls_provider), no usage, time to first token when streamed", async () => {
      await new lc.FakeListChatModel({ responses: ['pong'] }).invoke('ping', { callbacks: [handler()] });
      await lc.awaitAllCallbacks();
      const plain = r.one('provider.call.completed');
      assert.deepEqual([plain.provider, plain.model, plain.inputTokens, plain.timeToFirstTokenMs], ['FakeListChatModel', '', undefined, undefined]);

      r.events.length = 0;
      const streaming = new lc.FakeStreamingChatModel({ sleep: 20, responses: [new lc.AIMessage('abc')] });
      for await (const chunk of await streaming.stream('q', { callbacks: [handler()] })) assert.equal(typeof chunk.content, 'string');
      await lc.awaitAllCallbacks();
      const streamed = r.one('provider.call.completed');
      assert.equal(streamed.provider, 'FakeStreamingChatModel');
      assert.ok(streamed.timeToFirstTokenMs !== undefined && streamed.timeToFirstTokenMs >= 15, `ttft ${streamed.timeToFirstTokenMs}`);
    });

    test('a text LLM is a text_completion call; providerName names a provider the model does not', async () => {
      await new lc.FakeLLM({}).invoke('echo', { callbacks: [new PromptKitCallbackHandler({ eventBus: r.eventBus, providerName: 'local' })] });
      await lc.awaitAllCallbacks();
      const data = r.one('provider.call.completed');
      assert.deepEqual([data.provider, data.operation], ['local', 'text_completion']);
    });

    test('a failing model call is a failed provider call with the very error the caller gets', async () => {
      const error = Object.assign(new Error('Rate limit reached'), { status: 429 });
      const model = scriptedChatModel(lc, { provider: 'openai', model: 'gpt-4o', answers: [{ error }] });
      await assert.rejects(model.invoke('Hi', { callbacks: [handler()] }), (caught) => caught === error);
      await lc.awaitAllCallbacks();
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.failed']);
      const failed = r.one('provider.call.failed');
      assert.deepEqual({ ...failed, durationMs: 0 }, { provider: 'openai', model: 'gpt-4o', operation: 'chat', durationMs: 0, error });
    });

    test('awaitHandlers: events are there as soon as the call returns', async () => {
      const model = scriptedChatModel(lc, { provider: 'openai', model: 'gpt-4o', answers: [{ text: 'x', usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } }] });
      await model.invoke('Hi', { callbacks: [new PromptKitCallbackHandler({ eventBus: r.eventBus, awaitHandlers: true })] });
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.completed']);
    });
  });
}
