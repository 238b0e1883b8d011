// Smoke tests for examples/openai.ts, ai-sdk.ts, anthropic.ts and google-genai.ts: each runs as its own process, as a
// user would run it (no network, no API key), is scraped over real HTTP, and must exit 0 on a signal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseExposition, sampleValue } from '../examples/demo/exposition.js';
import { RunningExample } from './support/example.js';

/** Runs `examples/<file>` until `body` is done, then sends `signal` and returns the exit and the output. */
async function runExample(file: string, signal: NodeJS.Signals, body: (metricsUrl: string) => Promise<void>) {
  const example = new RunningExample(file, { PROMPTKIT_ADDRESS: '127.0.0.1:0' });
  try {
    await body(await example.waitFor(/^metrics: (http:\/\/\S+)$/m, 20_000).then((m) => m[1]!));
    const exit = await example.stop(signal);
    return { exit, stdout: example.stdout, stderr: example.stderr, output: example.output() };
  } finally {
    example.kill();
  }
}

async function scrape(url: string) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return parseExposition(await response.text());
}

describe('adapter examples', () => {
  test('openai.ts calls its fake OpenAI server through the instrumented client, serves the metrics, and stops on SIGINT', async () => {
    const run = await runExample('openai.ts', 'SIGINT', async (url) => {
      const samples = await scrape(url);
      const at = { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' };
      assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...at, status: 'success' }), 2);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'input' }), 28);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'output' }), 12);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'cached' }), 0);
      assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', at), 1);
    });
    assert.deepEqual(run.exit, { code: 0, signal: null }, run.output);
    assert.match(run.stdout, /^chat: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stream: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stopped$/m);
    assert.equal(run.stderr, '');
  });

  test('ai-sdk.ts records generateText and streamText through the middleware, and stops on SIGTERM', async () => {
    const run = await runExample('ai-sdk.ts', 'SIGTERM', async (url) => {
      const samples = await scrape(url);
      const at = { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' };
      assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...at, status: 'success' }), 2);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'input' }), 28);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'output' }), 12);
      assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', at), 1);
    });
    assert.deepEqual(run.exit, { code: 0, signal: null }, run.output);
    assert.match(run.stdout, /^generateText: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^streamText: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stopped$/m);
    assert.equal(run.stderr, '');
  });

  test('anthropic.ts records messages.create and messages.stream() with cache reads, and stops on SIGINT', async () => {
    const run = await runExample('anthropic.ts', 'SIGINT', async (url) => {
      const samples = await scrape(url);
      const at = { provider: 'anthropic', model: 'claude-haiku-4-5-20251001' };
      assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...at, status: 'success' }), 2);
      // Each call: 4 new prompt tokens + 12 read from the cache, 6 out.
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'input' }), 32);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'cached' }), 24);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'cache_write' }), 0);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'output' }), 12);
      assert.equal(sampleValue(samples, 'promptkit_provider_finish_reasons_total', { ...at, reason: 'stop' }), 2);
      assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', at), 1);
    });
    assert.deepEqual(run.exit, { code: 0, signal: null }, run.output);
    assert.match(run.stdout, /^message: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stream: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stopped$/m);
    assert.equal(run.stderr, '');
  });

  test('google-genai.ts records generateContent and generateContentStream with thinking tokens, and stops on SIGTERM', async () => {
    const run = await runExample('google-genai.ts', 'SIGTERM', async (url) => {
      const samples = await scrape(url);
      const at = { provider: 'google', model: 'gemini-2.5-flash' };
      assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...at, status: 'success' }), 2);
      // Each call: 9 prompt tokens, 6 answer + 10 thinking out.
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'input' }), 18);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'output' }), 32);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'reasoning' }), 20);
      assert.equal(sampleValue(samples, 'promptkit_provider_finish_reasons_total', { ...at, reason: 'stop' }), 2);
      assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', at), 1);
    });
    assert.deepEqual(run.exit, { code: 0, signal: null }, run.output);
    assert.match(run.stdout, /^generate: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stream: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stopped$/m);
    assert.equal(run.stderr, '');
  });
});
