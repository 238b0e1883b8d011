// End to end: typed events → MetricsListener → OpenTelemetry → /metrics → a real Prometheus.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EventBus, type PromptKitEvent } from '@promptkit/events';
import { catalog, GO_SDK_METRICS } from '@promptkit/metrics';
import {
  MetricsListener,
  PrometheusExporter,
  recordProviderCost,
  recordProviderRequest,
  recordProviderTokens,
} from '@promptkit/prometheus';
import { requireBackend } from './support/backends.js';
import { startPrometheus, type PrometheusServer } from './support/prometheus.js';
import { checkMetrics } from './support/promtool.js';
import { samples, scrape } from './support/scrape.js';

// Created before the exporter registers its MeterProvider: the order must not matter.
const listener = new MetricsListener();
const exporter = new PrometheusExporter('127.0.0.1:0');
const bus = new EventBus();
let prometheus: PrometheusServer | undefined;

const at = Date.now();
const events: PromptKitEvent[] = [
  ...Array.from({ length: 4 }, (): PromptKitEvent => ({ type: 'pipeline.started', timestamp: at, data: {} })),
  { type: 'pipeline.completed', timestamp: at, data: { durationMs: 1500 } },
  { type: 'pipeline.completed', timestamp: at, data: { durationMs: 2500 } },
  { type: 'pipeline.failed', timestamp: at, data: { durationMs: 500, error: new Error('upstream') } },
  { type: 'stage.started', timestamp: at, data: { name: 'retrieve', stageType: 'transform' } },
  { type: 'stage.completed', timestamp: at, data: { name: 'retrieve', stageType: 'transform', durationMs: 250 } },
  { type: 'stage.completed', timestamp: at, data: { name: 'retrieve', stageType: 'transform', durationMs: 250 } },
  { type: 'stage.completed', timestamp: at, data: { name: 'generate', stageType: 'llm', durationMs: 1000 } },
  { type: 'stage.failed', timestamp: at, data: { name: 'generate', stageType: 'llm', durationMs: 500, error: 'timeout' } },
  { type: 'provider.call.started', timestamp: at, data: { provider: 'openai', model: 'gpt-4o' } },
  ...Array.from({ length: 2 }, (): PromptKitEvent => ({
    type: 'provider.call.completed',
    timestamp: at,
    data: { provider: 'openai', model: 'gpt-4o', durationMs: 2000, inputTokens: 100, outputTokens: 50, cachedTokens: 25, cost: 0.25 },
  })),
  { type: 'provider.call.failed', timestamp: at, data: { provider: 'openai', model: 'gpt-4o', durationMs: 1000, error: 'rate limited' } },
  { type: 'tool.call.completed', timestamp: at, data: { toolName: 'web_search', durationMs: 1250 } },
  { type: 'tool.call.failed', timestamp: at, data: { toolName: 'web_search', durationMs: 750, error: 'http 500' } },
  { type: 'validation.passed', timestamp: at, data: { validatorName: 'schema', validatorType: 'output', durationMs: 250 } },
  { type: 'validation.failed', timestamp: at, data: { validatorName: 'schema', validatorType: 'output', durationMs: 125 } },
  // Malformed: dropped and counted, never thrown.
  { type: 'tool.call.completed', timestamp: at, data: { toolName: 'web_search', durationMs: Number.NaN } },
];

/** Every series the events above produce, with its exact value: the contract of this test. */
const expected: Record<string, number> = {
  'promptkit_pipelines_active': 1,
  'promptkit_pipeline_duration_seconds_count{status="success"}': 2,
  'promptkit_pipeline_duration_seconds_sum{status="success"}': 4,
  'promptkit_pipeline_duration_seconds_count{status="error"}': 1,
  'promptkit_pipeline_duration_seconds_sum{status="error"}': 0.5,
  'promptkit_pipeline_duration_seconds_bucket{status="success",le="2"}': 1,
  'promptkit_stage_duration_seconds_count{stage="retrieve",stage_type="transform"}': 2,
  'promptkit_stage_duration_seconds_sum{stage="retrieve",stage_type="transform"}': 0.5,
  'promptkit_stage_duration_seconds_count{stage="generate",stage_type="llm"}': 2,
  'promptkit_stage_duration_seconds_sum{stage="generate",stage_type="llm"}': 1.5,
  'promptkit_stage_elements_total{stage="retrieve",status="success"}': 2,
  'promptkit_stage_elements_total{stage="generate",status="success"}': 1,
  'promptkit_stage_elements_total{stage="generate",status="error"}': 1,
  'promptkit_provider_request_duration_seconds_count{provider="openai",model="gpt-4o"}': 3,
  'promptkit_provider_request_duration_seconds_sum{provider="openai",model="gpt-4o"}': 5,
  'promptkit_provider_request_duration_seconds_count{provider="anthropic",model="claude-3"}': 1,
  'promptkit_provider_request_duration_seconds_sum{provider="anthropic",model="claude-3"}': 2.5,
  'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="success"}': 2,
  'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="error"}': 1,
  'promptkit_provider_requests_total{provider="anthropic",model="claude-3",status="success"}': 1,
  'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="input"}': 200,
  'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="output"}': 100,
  'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="cached"}': 50,
  'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="input"}': 100,
  'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="output"}': 50,
  'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="cached"}': 0,
  'promptkit_provider_cost_total{provider="openai",model="gpt-4o"}': 0.5,
  'promptkit_provider_cost_total{provider="anthropic",model="claude-3"}': 0.05,
  'promptkit_tool_call_duration_seconds_count{tool="web_search"}': 2,
  'promptkit_tool_call_duration_seconds_sum{tool="web_search"}': 2,
  'promptkit_tool_calls_total{tool="web_search",status="success"}': 1,
  'promptkit_tool_calls_total{tool="web_search",status="error"}': 1,
  'promptkit_validation_duration_seconds_count{validator="schema",validator_type="output"}': 2,
  'promptkit_validation_duration_seconds_sum{validator="schema",validator_type="output"}': 0.375,
  'promptkit_validations_total{validator="schema",validator_type="output",status="passed"}': 1,
  'promptkit_validations_total{validator="schema",validator_type="output",status="failed"}': 1,
  'promptkit_dropped_records_total{reason="invalid_duration"}': 1,
};

before(async () => {
  await exporter.start();
  // A throwing listener first: it must change nothing for the metrics listener after it.
  bus.subscribeAll(() => {
    throw new Error('a broken listener');
  });
  bus.subscribeAll(listener.listener());
  for (const event of events) assert.doesNotThrow(() => bus.publish(event));
  // The seed's recording functions, on the same endpoint.
  recordProviderRequest('anthropic', 'claude-3', 'success', 2.5);
  recordProviderTokens('anthropic', 'claude-3', 100, 50, 0);
  recordProviderCost('anthropic', 'claude-3', 0.05);
});

after(async () => {
  await prometheus?.stop();
  await exporter.shutdown();
});

test('/metrics shows all twelve metrics with exact names, types, labels and values', async () => {
  const { status, body, headers } = await scrape(exporter.url);
  assert.equal(status, 200);
  assert.match(headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const values = samples(body);
  for (const [series, value] of Object.entries(expected)) {
    const got = values.get(series);
    assert.ok(got !== undefined, `missing on /metrics: ${series}`);
    assert.ok(Math.abs(got - value) < 1e-9, `${series}: expected ${value}, got ${got}`);
  }
  for (const key of GO_SDK_METRICS) {
    const { name, kind } = catalog[key];
    const type = kind === 'histogram' ? 'histogram' : kind === 'counter' ? 'counter' : 'gauge';
    assert.match(body, new RegExp(`^# TYPE ${name} ${type}$`, 'm'), `TYPE line of ${name}`);
    assert.match(body, new RegExp(`^# HELP ${name} ${catalog[key].help.replace(/[()/]/g, '\\$&')}$`, 'm'));
  }
  assert.doesNotMatch(body, /otel_scope_|target_info/);
  assert.equal(listener.listener(), listener.listener());
});

test('promtool check metrics accepts the exposition', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  const { body } = await scrape(exporter.url);
  const { status, output } = checkMetrics(promtool, body);
  assert.equal(status, 0, output);
});

test('a real Prometheus scrapes every metric with exact values and exactly the seed labels', async (t) => {
  const binary = requireBackend(t, 'prometheus');
  if (!binary) return;
  prometheus = await startPrometheus(binary, { targets: [`127.0.0.1:${exporter.port}`] });
  // Prometheus 3 stores bucket bounds in float notation: le="2" is scraped as le="2.0".
  const stored = (series: string) => series.replace(/le="(\d+)"/, 'le="$1.0"');
  for (const [series, value] of Object.entries(expected)) await prometheus.waitForValue(stored(series), value);

  for (const key of GO_SDK_METRICS) {
    const definition = catalog[key];
    const name = definition.kind === 'histogram' ? `${definition.name}_count` : definition.name;
    const result = await prometheus.query(name);
    assert.ok(result.length > 0, `${name} has no series in Prometheus`);
    for (const { metric } of result) {
      const labels = Object.keys(metric).filter((l) => !['__name__', 'job', 'instance'].includes(l)).sort();
      assert.deepEqual(labels, [...definition.labels].sort(), `labels of ${name}`);
      assert.equal(metric.job, 'promptkit');
    }
  }
  // Prometheus records the type the exposition declared.
  const metadata = (await (await fetch(`${prometheus.baseUrl}/api/v1/metadata`)).json()) as {
    data: Record<string, { type: string }[]>;
  };
  for (const key of GO_SDK_METRICS) {
    const { name, kind } = catalog[key];
    const type = kind === 'histogram' ? 'histogram' : kind === 'counter' ? 'counter' : 'gauge';
    // Prometheus scrapes OpenMetrics by default, whose counter families are named without _total.
    const family = metadata.data[name] ?? metadata.data[name.replace(/_total$/, '')];
    assert.equal(family?.[0]?.type, type, `Prometheus metadata type of ${name}`);
  }
});

test("the seed's three alert expressions evaluate without error", async (t) => {
  if (!prometheus) return t.skip('needs the Prometheus of the previous test');
  const seedAlerts = [
    `sum(rate(${catalog.pipelineDuration.name}_count{status="error"}[5m])) / sum(rate(${catalog.pipelineDuration.name}_count[5m])) > 0.1`,
    `histogram_quantile(0.95, sum(rate(${catalog.providerRequestDuration.name}_bucket[5m])) by (provider, model, le)) > 30`,
    `sum(increase(${catalog.providerTokens.name}[1h])) > 1000000`,
  ];
  for (const expr of seedAlerts) {
    const body = await prometheus.raw(expr);
    assert.equal(body.status, 'success', `${expr}: ${body.error}`);
  }
  // The pieces under the thresholds have data, so the expressions are not trivially empty.
  assert.ok((await prometheus.query(`sum(${catalog.providerTokens.name})`))[0]!.value === 500);
});
