// End to end: the real `@anthropic-ai/sdk` client (against a loopback server speaking the Anthropic
// Messages wire format), instrumented by @promptkit/anthropic, recorded by startMetrics() and read
// back from a real scrape of /metrics: every series, with its exact value.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { instrumentAnthropic } from '@promptkit/anthropic';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { errorReply, messageReply, midStreamError, streamReply, usage } from '../packages/anthropic/src/test-fixtures.js';
import { FakeAnthropicServer } from '../packages/anthropic/src/test-server.js';
import { samples, scrape } from './support/scrape.js';

let telemetry: Telemetry;
let server: FakeAnthropicServer;
let anthropic: Anthropic;

before(async () => {
  telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, otlp: false, registerGlobal: false, pricing: false });
  server = await FakeAnthropicServer.start();
  anthropic = instrumentAnthropic(new Anthropic({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 }), { eventBus: telemetry.eventBus });
});

after(async () => {
  await server.close();
  await telemetry.shutdown();
});

/** Every series of `name` on the scrape, as `series → value`. */
function family(all: Map<string, number>, name: string): Record<string, number> {
  return Object.fromEntries([...all].filter(([series]) => series.startsWith(`${name}{`)));
}

const at = (model: string) => `provider="anthropic",model="${model}"`;
const params = { model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };
const SONNET = 'claude-sonnet-4-6-20260101';
const HAIKU = 'claude-haiku-4-5-20251001';
const OPUS = 'claude-opus-4-6-20260201';

test('Anthropic calls show on the scrape: tokens by type (cache_write, reasoning), requests, errors, finish reasons, time to first token', async () => {
  // A plain call with cache reads, cache writes and thinking.
  server.reply(messageReply(SONNET, 'Hello!', usage(12, 5, 100, 3000, { output_tokens_details: { thinking_tokens: 2 } })));
  const message = await anthropic.messages.create(params);
  assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'Hello!');

  // A stream cut by max_tokens, with thinking in its message_delta.
  server.reply(streamReply(HAIKU, { text: ['Hel', 'lo'], startUsage: usage(20, 1), deltaUsages: [{ output_tokens: 8, output_tokens_details: { thinking_tokens: 3 } }], stopReason: 'max_tokens' }, { firstDelayMs: 20 }));
  let streamed = '';
  for await (const event of await anthropic.messages.create({ ...params, model: 'claude-haiku-4-5', stream: true })) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') streamed += event.delta.text;
  }
  assert.equal(streamed, 'Hello');

  // The messages.stream() helper, which writes to the cache and stops for a tool.
  server.reply(streamReply(OPUS, { text: ['Let me look'], startUsage: usage(7, 1, 50, 0), deltaUsages: [{ output_tokens: 4 }], stopReason: 'tool_use' }, { firstDelayMs: 20 }));
  assert.equal((await anthropic.messages.stream({ ...params, model: 'claude-opus-4-6' }).finalMessage()).stop_reason, 'tool_use');

  // A 429, a prompt that is too long, and an overloaded_error event mid-stream.
  server.reply(errorReply(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'));
  await assert.rejects(anthropic.messages.create(params), (error) => error instanceof Anthropic.RateLimitError);
  server.reply(errorReply(400, 'invalid_request_error', 'prompt is too long: 208656 tokens > 200000 maximum'));
  await assert.rejects(anthropic.messages.create(params), (error) => error instanceof Anthropic.BadRequestError);
  server.reply(midStreamError(HAIKU, 'overloaded_error', 'Overloaded'));
  // Read through toReadableStream(), which goes through the same observed iterator.
  const failing = await anthropic.messages.create({ ...params, model: 'claude-haiku-4-5', stream: true });
  await assert.rejects(failing.toReadableStream().pipeTo(new WritableStream()), Anthropic.APIError);

  const { status, body } = await scrape(telemetry.prometheus!.url);
  assert.equal(status, 200);
  const all = samples(body);

  // Raw usage → series: input = input_tokens + cache_creation_input_tokens + cache_read_input_tokens,
  // cached = cache reads, cache_write = cache writes, output = output_tokens (thinking included),
  // reasoning = output_tokens_details.thinking_tokens.
  assert.deepEqual(family(all, 'promptkit_provider_tokens_total'), {
    // 12 + 100 + 3000; output 5 of which 2 thinking.
    [`promptkit_provider_tokens_total{${at(SONNET)},type="input"}`]: 3112,
    [`promptkit_provider_tokens_total{${at(SONNET)},type="output"}`]: 5,
    [`promptkit_provider_tokens_total{${at(SONNET)},type="cached"}`]: 3000,
    [`promptkit_provider_tokens_total{${at(SONNET)},type="cache_write"}`]: 100,
    [`promptkit_provider_tokens_total{${at(SONNET)},type="reasoning"}`]: 2,
    // message_start: 20 and no cache; the last message_delta: 8 out, 3 thinking.
    [`promptkit_provider_tokens_total{${at(HAIKU)},type="input"}`]: 20,
    [`promptkit_provider_tokens_total{${at(HAIKU)},type="output"}`]: 8,
    [`promptkit_provider_tokens_total{${at(HAIKU)},type="cached"}`]: 0,
    [`promptkit_provider_tokens_total{${at(HAIKU)},type="cache_write"}`]: 0,
    [`promptkit_provider_tokens_total{${at(HAIKU)},type="reasoning"}`]: 3,
    // 7 + 50 written to the cache; no thinking reported, so no reasoning series.
    [`promptkit_provider_tokens_total{${at(OPUS)},type="input"}`]: 57,
    [`promptkit_provider_tokens_total{${at(OPUS)},type="output"}`]: 4,
    [`promptkit_provider_tokens_total{${at(OPUS)},type="cached"}`]: 0,
    [`promptkit_provider_tokens_total{${at(OPUS)},type="cache_write"}`]: 50,
  });
  assert.deepEqual(family(all, 'promptkit_provider_requests_total'), {
    [`promptkit_provider_requests_total{${at(SONNET)},status="success"}`]: 1,
    [`promptkit_provider_requests_total{${at(HAIKU)},status="success"}`]: 1,
    [`promptkit_provider_requests_total{${at(OPUS)},status="success"}`]: 1,
    [`promptkit_provider_requests_total{${at('claude-sonnet-4-6')},status="error"}`]: 2,
    // The failed stream had started: its model is the answering one.
    [`promptkit_provider_requests_total{${at(HAIKU)},status="error"}`]: 1,
  });
  assert.deepEqual(family(all, 'promptkit_provider_errors_total'), {
    [`promptkit_provider_errors_total{${at('claude-sonnet-4-6')},error_type="rate_limit"}`]: 1,
    [`promptkit_provider_errors_total{${at('claude-sonnet-4-6')},error_type="context_length_exceeded"}`]: 1,
    [`promptkit_provider_errors_total{${at(HAIKU)},error_type="server_error"}`]: 1,
  });
  assert.deepEqual(family(all, 'promptkit_provider_finish_reasons_total'), {
    [`promptkit_provider_finish_reasons_total{${at(SONNET)},reason="stop"}`]: 1,
    [`promptkit_provider_finish_reasons_total{${at(HAIKU)},reason="length"}`]: 1,
    [`promptkit_provider_finish_reasons_total{${at(OPUS)},reason="tool_calls"}`]: 1,
  });
  assert.deepEqual(family(all, 'promptkit_provider_time_to_first_token_seconds_count'), {
    [`promptkit_provider_time_to_first_token_seconds_count{${at(HAIKU)}}`]: 1,
    [`promptkit_provider_time_to_first_token_seconds_count{${at(OPUS)}}`]: 1,
  });
  for (const model of [HAIKU, OPUS]) {
    const ttft = all.get(`promptkit_provider_time_to_first_token_seconds_sum{${at(model)}}`)!;
    assert.ok(ttft >= 0.015 && ttft < 5, `${model}: ttft ${ttft} s`);
  }
  assert.deepEqual(family(all, 'promptkit_provider_request_duration_seconds_count'), {
    [`promptkit_provider_request_duration_seconds_count{${at(SONNET)}}`]: 1,
    [`promptkit_provider_request_duration_seconds_count{${at(HAIKU)}}`]: 2,
    [`promptkit_provider_request_duration_seconds_count{${at(OPUS)}}`]: 1,
    [`promptkit_provider_request_duration_seconds_count{${at('claude-sonnet-4-6')}}`]: 2,
  });
});
