// Smoke tests for the SDK examples: each runs as its own process, serves or pushes, and stops cleanly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunningExample } from './support/example.js';
import { scrape } from './support/scrape.js';

test("sdk-pipeline-config: the Go SDK's withMetrics(true).withPrometheusExporter() serves the events", async () => {
  const example = new RunningExample('sdk-pipeline-config.ts', { PROMPTKIT_ADDRESS: '127.0.0.1:0' });
  try {
    const { body } = await scrape(await example.metricsUrl());
    assert.match(body, /^promptkit_stage_elements_total\{stage="retrieve",status="success"\} 1$/m);
  } finally {
    assert.equal((await example.stop('SIGINT')).code, 0, example.output());
    example.kill();
  }
});

test('sdk-both-paths: scrape works and shutdown stays bounded with no collector listening', async () => {
  // Port 9 (discard) on loopback refuses connections: the push fails, the app must not care.
  const example = new RunningExample('sdk-both-paths.ts', { PROMPTKIT_ADDRESS: '127.0.0.1:0', PROMPTKIT_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
  try {
    const { body } = await scrape(await example.metricsUrl());
    assert.match(body, /^promptkit_provider_cost_total\{provider="openai",model="gpt-4o"\} 0.0028$/m);
  } finally {
    const began = Date.now();
    assert.equal((await example.stop('SIGINT')).code, 0, example.output());
    assert.ok(Date.now() - began < 12_000);
    assert.match(example.output(), /stopped/);
    example.kill();
  }
});
