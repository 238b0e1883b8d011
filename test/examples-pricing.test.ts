// Smoke tests for the pricing and semconv examples: each runs as its own process on a free port,
// serves what it says, and stops cleanly on a signal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunningExample } from './support/example.js';
import { samples, scrape } from './support/scrape.js';

function run(example: string): RunningExample {
  return new RunningExample(example, { PROMPTKIT_ADDRESS: '127.0.0.1:0' });
}

test('pricing: bundled, overridden and own costs; the unknown model is counted and warned about once', async () => {
  const example = run('pricing.ts');
  try {
    const values = samples((await scrape(await example.metricsUrl())).body);
    const cost = (provider: string, model: string) => values.get(`promptkit_provider_cost_total{provider="${provider}",model="${model}"}`);
    assert.equal(cost('openai', 'gpt-4o-2024-08-06'), 0.00725);
    assert.equal(cost('anthropic', 'claude-3-5-haiku-20241022'), 0.00204);
    assert.equal(cost('openai', 'gpt-4o-mini'), 0.12);
    assert.equal(cost('acme', 'my-finetune'), 0.018);
    assert.equal(cost('openai', 'gpt-4o'), 0.5);
    assert.equal(cost('acme', 'mystery-model'), undefined);
    assert.equal(values.get('promptkit_provider_unpriced_requests_total{provider="acme",model="mystery-model"}'), 1);
    assert.match(example.output(), /bundled list prices as of \d{4}-\d{2}-\d{2}/);
    assert.equal(example.output().match(/no price for model "mystery-model"/g)?.length, 1, example.output());
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
    const chat = 'gen_ai_operation_name="chat"';
    assert.match(body, new RegExp(`^gen_ai_client_operation_duration_seconds_count\\{${chat},gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"\\} 1$`, 'm'));
    assert.match(body, new RegExp(`^gen_ai_client_operation_duration_seconds_count\\{${chat},gen_ai_provider_name="anthropic",gen_ai_request_model="claude-sonnet-4-20250514",error_type="429"\\} 1$`, 'm'));
    assert.match(body, new RegExp(`^gen_ai_client_token_usage_sum\\{${chat},gen_ai_provider_name="gcp.gemini",gen_ai_request_model="gemini-2.5-flash",gen_ai_token_type="input"\\} 3000$`, 'm'));
    assert.match(body, /^gen_ai_client_operation_time_to_first_chunk_seconds_sum\{[^}]*gen_ai_request_model="gpt-4o"\} 0\.42$/m);
    assert.match(body, /^promptkit_provider_requests_total\{provider="openai",model="gpt-4o",status="success"\} 1$/m);
  } finally {
    assert.equal((await example.stop('SIGTERM')).code, 0, example.output());
    assert.match(example.output(), /stopped/);
    example.kill();
  }
});
