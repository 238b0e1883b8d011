// Smoke tests for examples/helpers.ts and examples/streaming.ts: each runs as its own process, as a
// user would run it, is scraped over real HTTP, and must exit 0 on SIGINT/SIGTERM.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseExposition, sampleValue, type Sample } from '../examples/demo/exposition.js';
import { RunningExample } from './support/example.js';
import { scrape } from './support/scrape.js';

function start(file: string): RunningExample {
  return new RunningExample(file, { PROMPTKIT_ADDRESS: '127.0.0.1:0' });
}

async function samplesAt(url: string): Promise<Sample[]> {
  const { status, body } = await scrape(url);
  assert.equal(status, 200);
  return parseExposition(body);
}

describe('helper examples', () => {
  test('helpers: the pipeline, its stages, tool, call and validations are served; SIGINT stops it', async () => {
    const example = start('helpers.ts');
    try {
      const samples = await samplesAt(await example.metricsUrl());
      assert.match(example.stdout, /^answer: You asked: what is PromptKit\? \(1 sources\)$/m);
      assert.match(example.stdout, /^pipeline failed as expected: could not parse the expression$/m);
      const gpt = { provider: 'openai', model: 'gpt-4o' };
      const expected: [string, Record<string, string>, number][] = [
        ['promptkit_pipelines_active', {}, 0],
        ['promptkit_pipeline_duration_seconds_count', { status: 'success' }, 1],
        ['promptkit_pipeline_duration_seconds_count', { status: 'error' }, 1],
        ['promptkit_stage_elements_total', { stage: 'retrieve', status: 'success' }, 1],
        ['promptkit_stage_elements_total', { stage: 'generate', status: 'success' }, 1],
        ['promptkit_provider_requests_total', { ...gpt, status: 'success' }, 1],
        ['promptkit_provider_tokens_total', { ...gpt, type: 'input' }, 184],
        ['promptkit_provider_tokens_total', { ...gpt, type: 'output' }, 48],
        ['promptkit_provider_tokens_total', { ...gpt, type: 'cached' }, 64],
        ['promptkit_provider_cost_total', gpt, 0.0012],
        ['promptkit_tool_calls_total', { tool: 'web_search', status: 'success' }, 1],
        ['promptkit_tool_calls_total', { tool: 'calculator', status: 'error' }, 1],
        ['promptkit_validations_total', { validator: 'schema', validator_type: 'output', status: 'passed' }, 1],
        ['promptkit_validations_total', { validator: 'length', validator_type: 'output', status: 'failed' }, 1],
      ];
      for (const [name, labels, value] of expected) assert.equal(sampleValue(samples, name, labels), value, `${name}${JSON.stringify(labels)}`);
      const duration = sampleValue(samples, 'promptkit_provider_request_duration_seconds_sum', gpt)!;
      assert.ok(duration >= 0.025, `the call was timed: ${duration} s`);

      assert.deepEqual(await example.stop('SIGINT'), { code: 0, signal: null }, example.output());
      assert.match(example.stdout, /^stopped$/m);
      assert.equal(example.stderr, '');
    } finally {
      example.kill();
    }
  });

  test('streaming: time to first token and usage from the last chunk are served; SIGTERM stops it', async () => {
    const example = start('streaming.ts');
    try {
      const samples = await samplesAt(await example.metricsUrl());
      assert.match(example.stdout, /^answer: Streams are recorded too\.$/m);
      assert.match(example.stdout, /^first chunk: Only$/m);
      const mini = { provider: 'openai', model: 'gpt-4o-mini' };
      // Two streamed calls: one read to the end, one stopped after its first chunk.
      assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...mini, status: 'success' }), 2);
      assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', mini), 2);
      const ttft = sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_sum', mini)!;
      const duration = sampleValue(samples, 'promptkit_provider_request_duration_seconds_sum', mini)!;
      assert.ok(ttft >= 0.15 && ttft <= duration, `ttft ${ttft} s ≤ duration ${duration} s`);
      // Only the stream read to the end reported usage.
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...mini, type: 'input' }), 42);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...mini, type: 'output' }), 4);
      assert.equal(sampleValue(samples, 'promptkit_pipeline_duration_seconds_count', { status: 'success' }), 1);

      assert.deepEqual(await example.stop('SIGTERM'), { code: 0, signal: null }, example.output());
      assert.match(example.stdout, /^stopped$/m);
      assert.equal(example.stderr, '');
    } finally {
      example.kill();
    }
  });
});
