// Smoke test for examples/langchain.ts: it runs as its own process, as a user would run it (no
// network, no API key), is scraped over real HTTP, and must exit 0 on a signal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExposition, sampleValue } from '../examples/demo/exposition.js';
import { RunningExample } from './support/example.js';

test('langchain.ts records its pipeline, stages, model calls and tool through the handler, and stops on SIGINT', async () => {
  const example = new RunningExample('langchain.ts', { PROMPTKIT_ADDRESS: '127.0.0.1:0' });
  try {
    const url = (await example.waitFor(/^metrics: (http:\/\/\S+)$/m, 20_000))[1]!;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 200);
    const samples = parseExposition(await response.text());
    const at = { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' };
    assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...at, status: 'success' }), 2);
    assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'input' }), 28);
    assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'output' }), 12);
    assert.equal(sampleValue(samples, 'promptkit_provider_finish_reasons_total', { ...at, reason: 'stop' }), 2);
    assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', at), 1);
    assert.equal(sampleValue(samples, 'promptkit_pipeline_duration_seconds_count', { status: 'success' }), 1);
    assert.equal(sampleValue(samples, 'promptkit_stage_elements_total', { stage: 'ChatPromptTemplate', status: 'success' }), 1);
    assert.equal(sampleValue(samples, 'promptkit_stage_elements_total', { stage: 'StrOutputParser', status: 'success' }), 1);
    assert.equal(sampleValue(samples, 'promptkit_tool_calls_total', { tool: 'dictionary_lookup', status: 'success' }), 1);
    const exit = await example.stop('SIGINT');
    assert.deepEqual(exit, { code: 0, signal: null }, example.output());
    assert.match(example.stdout, /^pipeline: Hello there, nice to meet you!$/m);
    assert.match(example.stdout, /^stream: Hello there, nice to meet you!$/m);
    assert.match(example.stdout, /^tool: "hello" is a greeting/m);
    assert.match(example.stdout, /^stopped$/m);
    assert.equal(example.stderr, '');
  } finally {
    example.kill();
  }
});
