// End to end: the real `openai` client (against a loopback server speaking the OpenAI wire format)
// and the AI SDK (with its own mock models), instrumented by the PromptKit adapters, recorded by
// startMetrics() and read back from a real scrape of /metrics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { promptkitMiddleware } from '@promptkit/ai-sdk';
import { instrumentOpenAI } from '@promptkit/openai';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { APICallError, generateText, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { generateText as generateText5, wrapLanguageModel as wrapLanguageModel5 } from 'ai-v5';
import { MockLanguageModelV2 } from 'ai-v5/test';
import OpenAI from 'openai';
import { generateResult, streamResult } from '../packages/ai-sdk/src/test-fixtures.js';
import {
  chatCompletion,
  chatReply,
  chatStreamReply,
  rateLimitReply,
  responseReply,
  responseStreamReply,
} from '../packages/openai/src/test-fixtures.js';
import { FakeOpenAIServer } from '../packages/openai/src/test-server.js';
import { samples, scrape } from './support/scrape.js';

let telemetry: Telemetry;
let server: FakeOpenAIServer;
let openai: OpenAI;

before(async () => {
  telemetry = await startMetrics({ prometheus: '127.0.0.1:0', otlp: false, registerGlobal: false });
  server = await FakeOpenAIServer.start();
  openai = instrumentOpenAI(new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 }), { eventBus: telemetry.eventBus });
});

after(async () => {
  await server.close();
  await telemetry.shutdown();
});

async function metrics(): Promise<Map<string, number>> {
  const { status, body } = await scrape(telemetry.prometheus!.url);
  assert.equal(status, 200);
  return samples(body);
}

/** Every series of `family` on the scrape, as `series → value`. */
function family(all: Map<string, number>, name: string): Record<string, number> {
  return Object.fromEntries([...all].filter(([series]) => series.startsWith(`${name}{`)));
}

const labels = (provider: string, model: string) => `provider="${provider}",model="${model}"`;

/** Requests, tokens, finish reason and the duration histogram's count for one successful call. */
function successSeries(provider: string, model: string, tokens: { input: number; output: number; cached?: number; cache_write?: number; reasoning?: number }) {
  const at = labels(provider, model);
  const counts = Object.entries(tokens).filter(([, n]) => n !== undefined);
  return {
    requests: { [`promptkit_provider_requests_total{${at},status="success"}`]: 1 },
    tokens: Object.fromEntries(counts.map(([type, n]) => [`promptkit_provider_tokens_total{${at},type="${type}"}`, n])),
    durationCount: { [`promptkit_provider_request_duration_seconds_count{${at}}`]: 1 },
    // Every successful call here stopped normally: OpenAI 'stop', Responses 'completed', the AI SDK's 'stop'.
    finishReasons: { [`promptkit_provider_finish_reasons_total{${at},reason="stop"}`]: 1 },
  };
}

describe('adapters → startMetrics → /metrics', () => {
  test('every OpenAI and AI SDK call shows on the scrape with its exact values, and results are unchanged', async () => {
    // OpenAI: a plain chat completion.
    const chatUsage = { input: 120, output: 48, cached: 64, cacheWrite: 32, reasoning: 16 };
    server.reply(chatReply('gpt-4o-mini-2024-07-18', 'Hello!', chatUsage));
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    assert.deepEqual(JSON.parse(JSON.stringify(completion)), chatCompletion('gpt-4o-mini-2024-07-18', 'Hello!', chatUsage));

    // OpenAI: a streamed chat completion (usage through stream_options).
    server.reply(chatStreamReply('gpt-4o-2024-08-06', ['Hel', 'lo'], { input: 30, output: 2 }, { firstDelayMs: 20 }));
    let streamed = '';
    for await (const chunk of await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })) {
      streamed += chunk.choices[0]?.delta.content ?? '';
    }
    assert.equal(streamed, 'Hello');

    // OpenAI: a 429, rethrown as the SDK's own error.
    server.reply(rateLimitReply());
    await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => {
      return error instanceof OpenAI.RateLimitError && error.status === 429;
    });

    // OpenAI: the Responses API, plain and streamed.
    server.reply(responseReply('gpt-4.1-2025-04-14', 'Hello!', { input: 200, output: 20, cached: 128 }));
    assert.equal((await openai.responses.create({ model: 'gpt-4.1', input: 'Hi' })).output_text, 'Hello!');
    server.reply(responseStreamReply('gpt-4.1-mini-2025-04-14', ['Hel', 'lo'], { input: 50, output: 2, cached: 10 }, { firstDelayMs: 20 }));
    let responseText = '';
    for await (const event of await openai.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', stream: true })) {
      if (event.type === 'response.output_text.delta') responseText += event.delta;
    }
    assert.equal(responseText, 'Hello');

    // AI SDK: generateText and streamText through the middleware, and a failing call.
    const middleware = promptkitMiddleware({ eventBus: telemetry.eventBus });
    const claude = new MockLanguageModelV3({
      provider: 'anthropic.messages',
      modelId: 'claude-sonnet-4',
      doGenerate: () => Promise.resolve(generateResult('v3', 'claude-sonnet-4-20250514', 'Hello!', { input: 40, output: 6, cached: 16 })),
      doStream: () => Promise.resolve(streamResult('v3', 'claude-3-5-haiku-20241022', ['Hel', 'lo'], { input: 12, output: 2 }, { initialDelayInMs: 20 })),
    });
    const model = wrapLanguageModel({ model: claude, middleware });
    assert.equal((await generateText({ model, prompt: 'Hi' })).text, 'Hello!');
    assert.equal(await streamText({ model, prompt: 'Hi' }).text, 'Hello');
    const rateLimited = new APICallError({ message: 'Rate limit reached', url: 'http://127.0.0.1/', requestBodyValues: {}, statusCode: 429 });
    const gemini = new MockLanguageModelV3({ provider: 'google.generative-ai', modelId: 'gemini-2.5-flash', doGenerate: () => Promise.reject(rateLimited) });
    await assert.rejects(generateText({ model: wrapLanguageModel({ model: gemini, middleware }), prompt: 'Hi', maxRetries: 0 }), (error) => error === rateLimited);

    // AI SDK 5: an Anthropic (LanguageModelV2) call that read 3,000 cached tokens and 12 new ones.
    // Its flat inputTokens (12) leaves the cache out; PromptKit counts every prompt token.
    const claude5 = new MockLanguageModelV2({
      provider: 'anthropic.messages',
      modelId: 'claude-haiku-4-5',
      doGenerate: () =>
        Promise.resolve({
          content: [{ type: 'text', text: 'Cached!' }],
          finishReason: 'stop',
          usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17, cachedInputTokens: 3000 },
          providerMetadata: { anthropic: { cacheCreationInputTokens: null } },
          warnings: [],
          response: { id: 'msg-test', modelId: 'claude-haiku-4-5-20251001', timestamp: new Date(0) },
        }),
    });
    assert.equal((await generateText5({ model: wrapLanguageModel5({ model: claude5, middleware }), prompt: 'Hi' })).text, 'Cached!');

    const all = await metrics();
    const calls = [
      // The fake server sends reasoning_tokens: 0 for non-reasoning models, as the API does: a reported 0 is recorded.
      successSeries('openai', 'gpt-4o-mini-2024-07-18', { input: 120, output: 48, cached: 64, cache_write: 32, reasoning: 16 }),
      successSeries('openai', 'gpt-4o-2024-08-06', { input: 30, output: 2, cached: 0, reasoning: 0 }),
      successSeries('openai', 'gpt-4.1-2025-04-14', { input: 200, output: 20, cached: 128, reasoning: 0 }),
      successSeries('openai', 'gpt-4.1-mini-2025-04-14', { input: 50, output: 2, cached: 10, reasoning: 0 }),
      successSeries('anthropic', 'claude-sonnet-4-20250514', { input: 40, output: 6, cached: 16 }),
      successSeries('anthropic', 'claude-3-5-haiku-20241022', { input: 12, output: 2 }),
      successSeries('anthropic', 'claude-haiku-4-5-20251001', { input: 3012, output: 5, cached: 3000 }),
    ];
    const failures = {
      [`promptkit_provider_requests_total{${labels('openai', 'gpt-4o-mini')},status="error"}`]: 1,
      [`promptkit_provider_requests_total{${labels('google', 'gemini-2.5-flash')},status="error"}`]: 1,
    };
    assert.deepEqual(family(all, 'promptkit_provider_requests_total'), Object.assign({}, ...calls.map((c) => c.requests), failures));
    assert.deepEqual(family(all, 'promptkit_provider_tokens_total'), Object.assign({}, ...calls.map((c) => c.tokens)));
    assert.deepEqual(family(all, 'promptkit_provider_errors_total'), {
      [`promptkit_provider_errors_total{${labels('openai', 'gpt-4o-mini')},error_type="rate_limit"}`]: 1,
      [`promptkit_provider_errors_total{${labels('google', 'gemini-2.5-flash')},error_type="rate_limit"}`]: 1,
    });
    assert.deepEqual(family(all, 'promptkit_provider_finish_reasons_total'), Object.assign({}, ...calls.map((c) => c.finishReasons)));
    assert.deepEqual(
      family(all, 'promptkit_provider_request_duration_seconds_count'),
      Object.assign({}, ...calls.map((c) => c.durationCount), {
        [`promptkit_provider_request_duration_seconds_count{${labels('openai', 'gpt-4o-mini')}}`]: 1,
        [`promptkit_provider_request_duration_seconds_count{${labels('google', 'gemini-2.5-flash')}}`]: 1,
      }),
    );

    // Time to first token: one observation per stream, none for plain calls, within the call's duration.
    const streams = [labels('openai', 'gpt-4o-2024-08-06'), labels('openai', 'gpt-4.1-mini-2025-04-14'), labels('anthropic', 'claude-3-5-haiku-20241022')];
    assert.deepEqual(
      family(all, 'promptkit_provider_time_to_first_token_seconds_count'),
      Object.fromEntries(streams.map((at) => [`promptkit_provider_time_to_first_token_seconds_count{${at}}`, 1])),
    );
    for (const at of streams) {
      const ttft = all.get(`promptkit_provider_time_to_first_token_seconds_sum{${at}}`)!;
      const duration = all.get(`promptkit_provider_request_duration_seconds_sum{${at}}`)!;
      assert.ok(ttft >= 0.015 && ttft <= duration, `${at}: ttft ${ttft} s within duration ${duration} s`);
    }
  });
});
