// End to end: startMetrics({ semconv: 'gen_ai' }) → the OpenTelemetry GenAI client metrics on
// /metrics over HTTP, beside PromptKit's own, with the conventions' names, attributes and buckets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { startMetrics, type StartMetricsOptions } from '@promptkit/sdk';
import { requireBackend } from './support/backends.js';
import { checkMetrics } from './support/promtool.js';
import { samples, scrape } from './support/scrape.js';
import { withEnv } from './support/env.js';

const at = Date.now();
const events: PromptKitEvent[] = [
  { type: 'provider.call.started', timestamp: at, data: { provider: 'openai', model: 'gpt-4o' } },
  {
    type: 'provider.call.completed',
    timestamp: at,
    data: { provider: 'openai', model: 'gpt-4o', durationMs: 1500, inputTokens: 120, cachedTokens: 20, outputTokens: 48, timeToFirstTokenMs: 300 },
  },
  {
    type: 'provider.call.completed',
    timestamp: at,
    data: { provider: 'google', model: 'gemini-2.0-flash', durationMs: 700, inputTokens: 2000, outputTokens: 100, cost: 0.0003 },
  },
  {
    type: 'provider.call.failed',
    timestamp: at,
    data: { provider: 'anthropic', model: 'claude-sonnet-4-20250514', durationMs: 250, error: Object.assign(new Error('overloaded'), { status: 529 }) },
  },
];

async function exposition(options: StartMetricsOptions): Promise<string> {
  const telemetry = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false, ...options });
  try {
    for (const event of events) telemetry.eventBus.publish(event);
    const { status, body } = await scrape(telemetry.prometheus!.url);
    assert.equal(status, 200);
    return body;
  } finally {
    await telemetry.shutdown();
  }
}

const chat = 'gen_ai_operation_name="chat"';
const openai = `${chat},gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"`;

test("semconv: 'gen_ai' serves the GenAI client histograms beside PromptKit's metrics", async () => {
  const body = await exposition({ semconv: 'gen_ai' });
  const values = samples(body);
  const expected: Record<string, number> = {
    [`gen_ai_client_operation_duration_seconds_bucket{${openai},le="1.28"}`]: 0,
    [`gen_ai_client_operation_duration_seconds_bucket{${openai},le="2.56"}`]: 1,
    [`gen_ai_client_operation_duration_seconds_count{${openai}}`]: 1,
    [`gen_ai_client_operation_duration_seconds_sum{${openai}}`]: 1.5,
    [`gen_ai_client_operation_duration_seconds_count{${chat},gen_ai_provider_name="gcp.gemini",gen_ai_request_model="gemini-2.0-flash"}`]: 1,
    [`gen_ai_client_operation_duration_seconds_count{${chat},gen_ai_provider_name="anthropic",gen_ai_request_model="claude-sonnet-4-20250514",error_type="529"}`]: 1,
    [`gen_ai_client_token_usage_bucket{${openai},gen_ai_token_type="input",le="256"}`]: 1,
    [`gen_ai_client_token_usage_bucket{${openai},gen_ai_token_type="input",le="64"}`]: 0,
    [`gen_ai_client_token_usage_sum{${openai},gen_ai_token_type="input"}`]: 120,
    [`gen_ai_client_token_usage_sum{${openai},gen_ai_token_type="output"}`]: 48,
    [`gen_ai_client_token_usage_count{${chat},gen_ai_provider_name="gcp.gemini",gen_ai_request_model="gemini-2.0-flash",gen_ai_token_type="input"}`]: 1,
    [`gen_ai_client_operation_time_to_first_chunk_seconds_bucket{${openai},le="0.32"}`]: 1,
    [`gen_ai_client_operation_time_to_first_chunk_seconds_bucket{${openai},le="0.16"}`]: 0,
    [`gen_ai_client_operation_time_to_first_chunk_seconds_sum{${openai}}`]: 0.3,
    // PromptKit's own metrics are unchanged beside them.
    'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="success"}': 1,
    'promptkit_provider_time_to_first_token_seconds_count{provider="openai",model="gpt-4o"}': 1,
  };
  for (const [series, value] of Object.entries(expected)) assert.equal(values.get(series), value, series);

  assert.match(body, /^# TYPE gen_ai_client_operation_duration_seconds histogram$/m);
  assert.match(body, /^# TYPE gen_ai_client_token_usage histogram$/m);
  assert.match(body, /^# TYPE gen_ai_client_operation_time_to_first_chunk_seconds histogram$/m);
  // The conventions' buckets: durations in powers of two from 10 ms, tokens in powers of four.
  const les = (family: string) => [...body.matchAll(new RegExp(`^${family}_bucket\\{${openai}(?:,gen_ai_token_type="input")?,le="([^"]+)"\\}`, 'gm'))].map((m) => m[1]);
  const durations = ['0.01', '0.02', '0.04', '0.08', '0.16', '0.32', '0.64', '1.28', '2.56', '5.12', '10.24', '20.48', '40.96', '81.92', '+Inf'];
  assert.deepEqual(les('gen_ai_client_operation_duration_seconds'), durations);
  assert.deepEqual(les('gen_ai_client_operation_time_to_first_chunk_seconds'), durations);
  assert.deepEqual(les('gen_ai_client_token_usage'), ['1', '4', '16', '64', '256', '1024', '4096', '16384', '65536', '262144', '1048576', '4194304', '16777216', '67108864', '+Inf']);
  // Never the deprecated attribute; only the non-streaming calls lack a first-chunk series.
  assert.doesNotMatch(body, /gen_ai_system/);
  assert.doesNotMatch(body, /time_to_first_chunk_seconds_count\{[^}]*gemini/);
});

test('off by default; OTEL_SEMCONV_STABILITY_OPT_IN=…,gen_ai_latest_experimental turns it on; code wins', async () => {
  assert.doesNotMatch(await exposition({}), /^gen_ai_/m);
  assert.doesNotMatch(await withEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'http,database' }, () => exposition({})), /^gen_ai_/m);
  const optedIn = await withEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'http, gen_ai_latest_experimental' }, () => exposition({}));
  assert.match(optedIn, new RegExp(`^gen_ai_client_operation_duration_seconds_count\\{${openai}\\} 1$`, 'm'));
  assert.doesNotMatch(await withEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental' }, () => exposition({ semconv: false })), /^gen_ai_/m);
  await assert.rejects(startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false, semconv: 'genai' as never }), {
    name: 'ConfigError',
    message: 'semconv "genai" is invalid: expected \'gen_ai\' or false',
  });
});

test('promtool check metrics accepts the exposition with the GenAI metrics', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  const { status, output } = checkMetrics(promtool, await exposition({ semconv: 'gen_ai' }));
  assert.equal(status, 0, output);
});
