import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { EventBus, type EventOf, type PromptKitEvent } from '@promptkit/events';
import { APICallError, generateText, simulateReadableStream, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { promptkitMiddleware } from './index.js';
import { generateResult, streamParts, streamResult } from './test-fixtures.js';

let events: PromptKitEvent[];
let eventBus: EventBus;

beforeEach(() => {
  events = [];
  eventBus = new EventBus();
  eventBus.subscribeAll((event) => events.push(event));
});

function types(): string[] {
  return events.map((event) => event.type);
}

function completed(): EventOf<'provider.call.completed'>['data'] {
  const found = events.filter((event) => event.type === 'provider.call.completed');
  assert.equal(found.length, 1, `one completed event: ${JSON.stringify(types())}`);
  return found[0]!.data;
}

function rateLimit(): APICallError {
  return new APICallError({
    message: 'Rate limit reached',
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode: 429,
    isRetryable: true,
  });
}

describe('promptkitMiddleware', () => {
  test('generateText records provider, response model, tokens (cached included in input) and finish reason', async () => {
    const result = generateResult('gpt-4o-mini-2024-07-18', 'Hello!', { input: 120, output: 48, cached: 64 });
    const model = new MockLanguageModelV3({ provider: 'openai.chat', modelId: 'gpt-4o-mini', doGenerate: async () => result });
    let seen: unknown;
    const { text, usage, response } = await generateText({
      model: wrapLanguageModel({
        model,
        middleware: [
          // Outside PromptKit's middleware (the last one wraps the model): sees what it passes on.
          { specificationVersion: 'v3', wrapGenerate: async ({ doGenerate }) => (seen = await doGenerate()) },
          promptkitMiddleware({ eventBus }),
        ],
      }),
      prompt: 'Hi',
    });
    assert.equal(seen, result, 'the very object the model returned');
    assert.equal(text, 'Hello!');
    assert.equal(usage.inputTokens, 120);
    assert.equal(response.modelId, 'gpt-4o-mini-2024-07-18');
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
    assert.deepEqual(events[0]!.data, { provider: 'openai', model: 'gpt-4o-mini' });
    const data = completed();
    assert.ok(data.durationMs >= 0);
    assert.deepEqual(
      { ...data, durationMs: 0 },
      { provider: 'openai', model: 'gpt-4o-mini-2024-07-18', durationMs: 0, inputTokens: 120, outputTokens: 48, cachedTokens: 64, finishReason: 'stop' },
    );
  });

  test('streamText passes every part through and records usage and time to first text-delta', async () => {
    const model = new MockLanguageModelV3({
      provider: 'anthropic.messages',
      modelId: 'claude-sonnet-4',
      doStream: async () => streamResult('claude-sonnet-4-20250514', ['Hel', 'lo'], { input: 40, output: 2 }, { initialDelayInMs: 30, chunkDelayInMs: 5 }),
    });
    const parts: unknown[] = [];
    const result = streamText({
      model: wrapLanguageModel({
        model,
        middleware: [
          {
            specificationVersion: 'v3',
            // Outside PromptKit's middleware: collects what it passes on.
            wrapStream: async ({ doStream }) => {
              const inner = await doStream();
              const collect = new TransformStream({
                transform(part, controller) {
                  parts.push(part);
                  controller.enqueue(part);
                },
              });
              return { ...inner, stream: inner.stream.pipeThrough(collect) };
            },
          },
          promptkitMiddleware({ eventBus }),
        ],
      }),
      prompt: 'Hi',
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    assert.equal(text, 'Hello');
    assert.deepEqual(parts, streamParts('claude-sonnet-4-20250514', ['Hel', 'lo'], { input: 40, output: 2 }));
    const data = completed();
    assert.equal(data.provider, 'anthropic');
    assert.equal(data.model, 'claude-sonnet-4-20250514');
    assert.equal(data.inputTokens, 40);
    assert.equal(data.outputTokens, 2);
    assert.equal(data.cachedTokens, undefined, 'no cached count reported, none recorded');
    assert.equal(data.finishReason, 'stop');
    assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 25, `ttft ${data.timeToFirstTokenMs}`);
    assert.ok(data.timeToFirstTokenMs <= data.durationMs);
  });

  test('a failing doGenerate is rethrown unchanged after provider.call.failed; each retry is a call', async () => {
    const error = rateLimit();
    const model = new MockLanguageModelV3({ provider: 'openai.chat', modelId: 'gpt-4o', doGenerate: async () => Promise.reject(error) });
    const wrapped = wrapLanguageModel({ model, middleware: promptkitMiddleware({ eventBus }) });
    await assert.rejects(generateText({ model: wrapped, prompt: 'Hi', maxRetries: 0 }), (caught) => caught === error);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    const failed = events[1] as EventOf<'provider.call.failed'>;
    assert.equal(failed.data.error, error);
    assert.deepEqual({ ...failed.data, durationMs: 0 }, { provider: 'openai', model: 'gpt-4o', durationMs: 0, error });

    events.length = 0;
    await assert.rejects(generateText({ model: wrapped, prompt: 'Hi', maxRetries: 1 }));
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed', 'provider.call.started', 'provider.call.failed']);
  });

  test('a failing doStream is rethrown to the AI SDK, which reports it as it always does', async () => {
    const error = rateLimit();
    const model = new MockLanguageModelV3({ provider: 'openai.chat', modelId: 'gpt-4o', doStream: async () => Promise.reject(error) });
    const middleware = promptkitMiddleware({ eventBus });
    await assert.rejects(
      Promise.resolve(middleware.wrapStream!({ doStream: () => model.doStream({ prompt: [] }), doGenerate: () => model.doGenerate({ prompt: [] }), params: { prompt: [] }, model })),
      (caught) => caught === error,
    );
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);

    events.length = 0;
    const reported: unknown[] = [];
    const result = streamText({ model: wrapLanguageModel({ model, middleware }), prompt: 'Hi', maxRetries: 0, onError: ({ error: e }) => void reported.push(e) });
    await result.consumeStream();
    assert.deepEqual(reported, [error]);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
  });

  test('an error part in the stream fails the call', async () => {
    const error = new Error('overloaded');
    const model = new MockLanguageModelV3({
      provider: 'openai.responses',
      modelId: 'gpt-4.1',
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'stream-start' as const, warnings: [] },
            { type: 'error' as const, error },
          ],
        }),
      }),
    });
    const result = streamText({ model: wrapLanguageModel({ model, middleware: promptkitMiddleware({ eventBus }) }), prompt: 'Hi', onError: () => {} });
    await result.consumeStream();
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    assert.equal((events[1] as EventOf<'provider.call.failed'>).data.error, error);
  });

  test('a stream the consumer cancels is recorded once', async () => {
    const model = new MockLanguageModelV3({
      provider: 'openai.chat',
      modelId: 'gpt-4o',
      doStream: async () => streamResult('gpt-4o', ['a', 'b', 'c'], { input: 3, output: 3 }, { chunkDelayInMs: 5 }),
    });
    const middleware = promptkitMiddleware({ eventBus });
    const { stream } = await middleware.wrapStream!({ doStream: () => model.doStream({ prompt: [] }), doGenerate: () => model.doGenerate({ prompt: [] }), params: { prompt: [] }, model });
    const reader = stream.getReader();
    for (;;) {
      const { value } = await reader.read();
      if (value?.type === 'text-delta') break;
    }
    await reader.cancel();
    const data = completed();
    assert.equal(data.inputTokens, undefined);
    assert.ok(data.timeToFirstTokenMs !== undefined);
  });

  test('provider overrides the label; a model without a dotted provider keeps its name', async () => {
    const plain = new MockLanguageModelV3({ provider: 'ollama', modelId: 'llama3', doGenerate: async () => generateResult('llama3', 'x', { input: 1, output: 1 }) });
    await generateText({ model: wrapLanguageModel({ model: plain, middleware: promptkitMiddleware({ eventBus }) }), prompt: 'Hi' });
    assert.equal(completed().provider, 'ollama');

    events.length = 0;
    await generateText({ model: wrapLanguageModel({ model: plain, middleware: promptkitMiddleware({ eventBus, provider: 'local' }) }), prompt: 'Hi' });
    assert.equal(completed().provider, 'local');
  });

  test('a publisher that throws never reaches the caller', async () => {
    const model = new MockLanguageModelV3({ provider: 'openai.chat', modelId: 'gpt-4o', doGenerate: async () => generateResult('gpt-4o', 'fine', { input: 1, output: 1 }) });
    const broken = {
      publish() {
        throw new Error('broken publisher');
      },
    };
    const { text } = await generateText({ model: wrapLanguageModel({ model, middleware: promptkitMiddleware({ eventBus: broken }) }), prompt: 'Hi' });
    assert.equal(text, 'fine');
  });
});
