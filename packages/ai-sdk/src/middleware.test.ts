import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { simulateReadableStream } from 'ai';
import { RecordedEvents } from '../../../test/support/recorded-events.js';
import { promptkitMiddleware } from './index.js';
import { generateResult, streamParts, streamResult } from './test-fixtures.js';
import { MAJORS, type AiApi } from './test-majors.js';

for (const major of MAJORS) {
  describe(`promptkitMiddleware (${major.label})`, { skip: major.skip }, () => {
    const r = new RecordedEvents();
    let ai: AiApi;
    before(async () => {
      ai = await major.load();
    });
    const rateLimit = () =>
      new ai.APICallError({ message: 'Rate limit reached', url: 'http://127.0.0.1/v1/chat/completions', requestBodyValues: {}, statusCode: 429, isRetryable: true });

    test('generateText records provider, both models, every token count and the finish reason', async () => {
      const usage = { input: 1200, output: 480, cached: 1024, cacheWrite: major.spec === 'v2' ? undefined : 64, reasoning: 320 };
      const result = generateResult(major.spec, 'o4-mini-2025-04-16', 'Hello!', usage);
      const model = ai.mockModel({ provider: 'openai.chat', modelId: 'o4-mini', doGenerate: () => Promise.resolve(result) });
      let seen: unknown;
      // Outside PromptKit's middleware (the last one wraps the model): sees what it passes on.
      const outer = { specificationVersion: 'v3', middlewareVersion: 'v2', wrapGenerate: async ({ doGenerate }: { doGenerate: () => Promise<unknown> }) => (seen = await doGenerate()) };
      const { text, response } = await ai.generateText({ model: ai.wrapLanguageModel({ model, middleware: [outer, promptkitMiddleware({ eventBus: r.eventBus })] }), prompt: 'Hi' });
      assert.equal(seen, result, 'the very object the model returned');
      assert.equal(text, 'Hello!');
      assert.equal(response.modelId, 'o4-mini-2025-04-16');
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.completed']);
      assert.deepEqual(r.events[0]!.data, { provider: 'openai', model: 'o4-mini' });
      const data = r.completed();
      assert.ok(data.durationMs >= 0);
      assert.deepEqual(
        { ...data, durationMs: 0 },
        {
          provider: 'openai',
          model: 'o4-mini-2025-04-16',
          requestModel: 'o4-mini',
          durationMs: 0,
          inputTokens: 1200,
          outputTokens: 480,
          cachedTokens: 1024,
          ...(major.spec === 'v2' ? {} : { cacheWriteTokens: 64 }),
          reasoningTokens: 320,
          finishReason: 'stop',
        },
      );
    });

    test("the finish reason is the provider's own where the model reports it, else the unified one", async () => {
      const result = generateResult(major.spec, 'claude-sonnet-4-20250514', 'x', { input: 1, output: 1 }, ['length', 'max_tokens']);
      const model = ai.mockModel({ provider: 'anthropic.messages', modelId: 'claude-sonnet-4-20250514', doGenerate: () => Promise.resolve(result) });
      await ai.generateText({ model: ai.wrapLanguageModel({ model, middleware: promptkitMiddleware({ eventBus: r.eventBus }) }), prompt: 'Hi' });
      assert.equal(r.completed().finishReason, major.spec === 'v2' ? 'length' : 'max_tokens');
    });

    test('streamText passes every part through and records usage and time to first text-delta', async () => {
      const model = ai.mockModel({
        provider: 'openai.responses',
        modelId: 'gpt-4.1',
        doStream: () => Promise.resolve(streamResult(major.spec, 'gpt-4.1-2025-04-14', ['Hel', 'lo'], { input: 40, output: 2 }, { initialDelayInMs: 30, chunkDelayInMs: 5 })),
      });
      const parts: unknown[] = [];
      const outer = {
        specificationVersion: 'v3',
        middlewareVersion: 'v2',
        // Outside PromptKit's middleware: collects what it passes on.
        wrapStream: async ({ doStream }: { doStream: () => Promise<{ stream: ReadableStream<unknown> }> }) => {
          const inner = await doStream();
          const collect = new TransformStream({
            transform(part, controller) {
              parts.push(part);
              controller.enqueue(part);
            },
          });
          return { ...inner, stream: inner.stream.pipeThrough(collect) };
        },
      };
      const result = ai.streamText({ model: ai.wrapLanguageModel({ model, middleware: [outer, promptkitMiddleware({ eventBus: r.eventBus })] }), prompt: 'Hi' });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      assert.equal(text, 'Hello');
      assert.deepEqual(parts, streamParts(major.spec, 'gpt-4.1-2025-04-14', ['Hel', 'lo'], { input: 40, output: 2 }));
      const data = r.completed();
      assert.deepEqual([data.provider, data.model, data.inputTokens, data.outputTokens, data.finishReason], ['openai', 'gpt-4.1-2025-04-14', 40, 2, 'stop']);
      assert.equal(data.cachedTokens, undefined, 'no cached count reported, none recorded');
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 25, `ttft ${data.timeToFirstTokenMs}`);
      assert.ok(data.timeToFirstTokenMs <= data.durationMs);
    });

    test('a failing doGenerate is rethrown unchanged after provider.call.failed; each retry is a call', async () => {
      const error = rateLimit();
      const model = ai.mockModel({ provider: 'openai.chat', modelId: 'gpt-4o', doGenerate: () => Promise.reject(error) });
      const wrapped = ai.wrapLanguageModel({ model, middleware: promptkitMiddleware({ eventBus: r.eventBus }) });
      await assert.rejects(ai.generateText({ model: wrapped, prompt: 'Hi', maxRetries: 0 }), (caught) => caught === error);
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.failed']);
      assert.deepEqual({ ...r.failed(), durationMs: 0 }, { provider: 'openai', model: 'gpt-4o', durationMs: 0, error });

      r.events.length = 0;
      await assert.rejects(ai.generateText({ model: wrapped, prompt: 'Hi', maxRetries: 1 }));
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.failed', 'provider.call.started', 'provider.call.failed']);
    });

    test('a failing doStream is rethrown to the AI SDK, which reports it as it always does', async () => {
      const error = rateLimit();
      const model = ai.mockModel({ provider: 'openai.chat', modelId: 'gpt-4o', doStream: () => Promise.reject(error) });
      const middleware = promptkitMiddleware({ eventBus: r.eventBus });
      await assert.rejects(middleware.wrapStream({ doStream: () => model.doStream({ prompt: [] }), model }), (caught) => caught === error);
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.failed']);

      r.events.length = 0;
      const reported: unknown[] = [];
      const result = ai.streamText({ model: ai.wrapLanguageModel({ model, middleware }), prompt: 'Hi', maxRetries: 0, onError: ({ error: e }) => void reported.push(e) });
      await result.consumeStream();
      assert.deepEqual(reported, [error]);
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.failed']);
    });

    test('an error part in the stream fails the call', async () => {
      const error = new Error('overloaded');
      const chunks = [{ type: 'stream-start' as const, warnings: [] }, { type: 'error' as const, error }];
      const model = ai.mockModel({ provider: 'openai.responses', modelId: 'gpt-4.1', doStream: () => Promise.resolve({ stream: simulateReadableStream({ chunks }) }) });
      const result = ai.streamText({ model: ai.wrapLanguageModel({ model, middleware: promptkitMiddleware({ eventBus: r.eventBus }) }), prompt: 'Hi', onError: () => {} });
      await result.consumeStream();
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.failed']);
      assert.equal(r.failed().error, error);
    });

    test('a stream that errors after its response metadata fails the call with the answering model', async () => {
      const error = new Error('connection reset');
      let sent = false;
      const source = new ReadableStream<unknown>({
        pull(controller) {
          if (sent) return controller.error(error);
          sent = true;
          controller.enqueue({ type: 'response-metadata', modelId: 'gpt-4.1-2025-04-14' });
        },
      });
      const model = { provider: 'openai.responses', modelId: 'gpt-4.1' };
      const { stream } = await promptkitMiddleware({ eventBus: r.eventBus }).wrapStream({ doStream: () => Promise.resolve({ stream: source }), model });
      const reader = stream.getReader();
      await assert.rejects(async () => {
        while (!(await reader.read()).done);
      }, (e: unknown) => e === error);
      assert.deepEqual(r.types(), ['provider.call.started', 'provider.call.failed']);
      assert.deepEqual([r.failed().error, r.failed().model], [error, 'gpt-4.1-2025-04-14']);
    });

    test('a stream that cannot be read (already locked) reaches the caller as it came, unrecorded, never an error', async () => {
      const source = new ReadableStream<unknown>({ start: (controller) => controller.close() });
      source.getReader();
      const model = { provider: 'openai.chat', modelId: 'gpt-4o' };
      const result = await promptkitMiddleware({ eventBus: r.eventBus }).wrapStream({ doStream: () => Promise.resolve({ stream: source }), model });
      assert.equal((result as { stream: unknown }).stream, source);
    });

    test('a stream the consumer cancels is recorded once', async () => {
      const model = ai.mockModel({
        provider: 'openai.chat',
        modelId: 'gpt-4o',
        doStream: () => Promise.resolve(streamResult(major.spec, 'gpt-4o', ['a', 'b', 'c'], { input: 3, output: 3 }, { chunkDelayInMs: 5 })),
      });
      const { stream } = await promptkitMiddleware({ eventBus: r.eventBus }).wrapStream({ doStream: () => model.doStream({ prompt: [] }), model });
      const reader = stream.getReader();
      for (;;) {
        const { value } = await reader.read();
        if ((value as { type?: string } | undefined)?.type === 'text-delta') break;
      }
      await reader.cancel();
      const data = r.completed();
      assert.equal(data.inputTokens, undefined);
      assert.ok(data.timeToFirstTokenMs !== undefined);
    });

    test('provider overrides the label; a model without a dotted provider keeps its name', async () => {
      const plain = ai.mockModel({ provider: 'ollama', modelId: 'llama3', doGenerate: () => Promise.resolve(generateResult(major.spec, 'llama3', 'x', { input: 1, output: 1 })) });
      await ai.generateText({ model: ai.wrapLanguageModel({ model: plain, middleware: promptkitMiddleware({ eventBus: r.eventBus }) }), prompt: 'Hi' });
      assert.equal(r.completed().provider, 'ollama');

      r.events.length = 0;
      await ai.generateText({ model: ai.wrapLanguageModel({ model: plain, middleware: promptkitMiddleware({ eventBus: r.eventBus, provider: 'local' }) }), prompt: 'Hi' });
      assert.equal(r.completed().provider, 'local');
    });

    test('a publisher that throws never reaches the caller', async () => {
      const model = ai.mockModel({ provider: 'openai.chat', modelId: 'gpt-4o', doGenerate: () => Promise.resolve(generateResult(major.spec, 'gpt-4o', 'fine', { input: 1, output: 1 })) });
      const broken = {
        publish() {
          throw new Error('broken publisher');
        },
      };
      const { text } = await ai.generateText({ model: ai.wrapLanguageModel({ model, middleware: promptkitMiddleware({ eventBus: broken }) }), prompt: 'Hi' });
      assert.equal(text, 'fine');
    });
  });
}
