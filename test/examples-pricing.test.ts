// Smoke tests for the pricing and semconv examples: each runs as its own process on a free port,
// serves what it says, and stops cleanly on a signal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRICE_DATA_AS_OF, PRICE_DATA_SOURCE, PRICE_DATA_VERSION } from '@promptkit/pricing';
import { RunningExample } from './support/example.js';
import { samples, sampleWith, scrape } from './support/scrape.js';

function run(example: string): RunningExample {
  return new RunningExample(example, { PROMPTKIT_ADDRESS: '127.0.0.1:0' });
}

test('pricing: database, overridden and own costs; the self-hosted model is counted and warned about once', async () => {
  const example = run('pricing.ts');
  try {
    const values = samples((await scrape(await example.metricsUrl())).body);
    const cost = (provider: string, model: string) => values.get(`promptkit_provider_cost_total{provider="${provider}",model="${model}"}`);
    assert.equal(cost('openai', 'gpt-4o-2024-08-06'), 0.00725);
    assert.equal(cost('anthropic', 'claude-sonnet-4-5-20250929'), 0.002061);
    assert.equal(cost('google', 'gemini-2.5-pro'), 0.64);
    assert.equal(cost('openai', 'gpt-4o-mini'), 0.12);
    assert.equal(cost('acme', 'my-finetune'), 0.018);
    assert.equal(cost('openai', 'gpt-4o'), 0.5);
    assert.equal(cost('ollama', 'llama3.1:8b'), undefined);
    assert.equal(values.get('promptkit_provider_unpriced_requests_total{provider="ollama",model="llama3.1:8b"}'), 1);
    assert.equal(values.get(`promptkit_pricing_info{source="${PRICE_DATA_SOURCE}",version="${PRICE_DATA_VERSION}",as_of="${PRICE_DATA_AS_OF}"}`), 1);
    assert.match(example.output(), new RegExp(`prices: @pydantic/genai-prices ${PRICE_DATA_VERSION.replaceAll('.', '\\.')}, as of \\d{4}-\\d{2}-\\d{2}`));
    assert.equal(example.output().match(/no price for model "llama3\.1:8b"/g)?.length, 1, example.output());
  } finally {
    assert.equal((await example.stop('SIGINT')).code, 0, example.output());
    assert.match(example.output(), /stopped/);
    example.kill();
  }
});

test('semconv: the GenAI client metrics on /metrics beside PromptKit', async () => {
  const example = run('semconv.ts');
  try {
    const { body } = await scrape(await example.metricsUrl());
    const chat = { gen_ai_operation_name: 'chat' };
    const gpt = { ...chat, gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o', gen_ai_response_model: 'gpt-4o' };
    assert.equal(sampleWith(body, 'gen_ai_client_inference_duration_seconds_count', gpt), 1);
    assert.equal(sampleWith(body, 'gen_ai_client_inference_duration_seconds_count', { ...chat, gen_ai_provider_name: 'anthropic', gen_ai_request_model: 'claude-sonnet-4-20250514', error_type: '429' }), 1);
    const gemini = { ...chat, gen_ai_provider_name: 'gcp.gemini', gen_ai_request_model: 'gemini-2.5-flash', gen_ai_response_model: 'gemini-2.5-flash' };
    assert.equal(sampleWith(body, 'gen_ai_client_inference_usage_input_tokens_total', { ...gemini, gen_ai_token_modality: 'unknown' }), 3000);
    assert.equal(sampleWith(body, 'gen_ai_client_inference_time_to_first_chunk_seconds_sum', gpt), 0.42);
    assert.match(body, /^promptkit_provider_requests_total\{provider="openai",model="gpt-4o",status="success"\} 1$/m);
  } finally {
    assert.equal((await example.stop('SIGTERM')).code, 0, example.output());
    assert.match(example.output(), /stopped/);
    example.kill();
  }
});
