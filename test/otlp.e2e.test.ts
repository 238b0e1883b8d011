// End to end over OTLP: the same meters pushed to a real receiver (VictoriaMetrics with
// Prometheus-style naming) arrive with the names, labels and values of the /metrics scrape.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { repoRoot, requireBackend } from './support/backends.js';
import { waitFor } from './support/ports.js';
import { scrape } from './support/scrape.js';
import { backendSeries, expositionSeries } from './support/series.js';
import { startVictoria, type VictoriaServer } from './support/victoria.js';

let vm: VictoriaServer | undefined;
const started: Telemetry[] = [];

before(async (t) => {
  const binary = process.env.CI === 'true' || requireBackendQuiet() ? requireBackend(t as never, 'victoria-metrics') : undefined;
  if (binary) vm = await startVictoria(binary);
});

after(async () => {
  for (const telemetry of started) await telemetry.shutdown();
  await vm?.stop();
});

function requireBackendQuiet(): boolean {
  try {
    return requireBackend({ skip: () => {} } as never, 'victoria-metrics') !== undefined;
  } catch {
    return false;
  }
}

async function start(options: Parameters<typeof startMetrics>[0]): Promise<Telemetry> {
  const telemetry = await startMetrics(options);
  started.push(telemetry);
  return telemetry;
}

const run = (runId: string, events: PromptKitEvent[]) => events.map((e) => ({ ...e, runId }));

function workload(runId: string): PromptKitEvent[] {
  const at = Date.now();
  return run(runId, [
    { type: 'pipeline.started', timestamp: at, data: {} },
    { type: 'pipeline.started', timestamp: at, data: {} },
    { type: 'pipeline.completed', timestamp: at, data: { durationMs: 3000 } },
    { type: 'stage.completed', timestamp: at, data: { name: 'retrieve', stageType: 'transform', durationMs: 125 } },
    { type: 'stage.failed', timestamp: at, data: { name: 'generate', stageType: 'llm', durationMs: 500, error: 'x' } },
    { type: 'provider.call.completed', timestamp: at, data: { provider: runId, model: 'gpt-4o', durationMs: 1500, inputTokens: 100, outputTokens: 40, cachedTokens: 10, cost: 0.25 } },
    { type: 'provider.call.failed', timestamp: at, data: { provider: runId, model: 'gpt-4o', durationMs: 500, error: 'x' } },
    { type: 'tool.call.completed', timestamp: at, data: { toolName: 'web_search', durationMs: 250 } },
    { type: 'validation.failed', timestamp: at, data: { validatorName: 'schema', validatorType: 'output', durationMs: 2 } },
  ]);
}

/** Waits until the receiver holds exactly the series (and values) of `expected`, matching `selector`. */
async function waitForSeries(selector: string, expected: Map<string, number>, timeoutMs = 30_000): Promise<Map<string, number>> {
  let last = new Map<string, number>();
  try {
    return await waitFor('the pushed series in VictoriaMetrics', async () => {
      last = await backendSeries(vm!, selector);
      if (last.size !== expected.size) return undefined;
      for (const [k, v] of expected) if (Math.abs((last.get(k) ?? Number.NaN) - v) > 1e-9) return undefined;
      return last;
    }, timeoutMs, 500);
  } catch (error) {
    const missing = [...expected].filter(([k, v]) => last.get(k) !== v).slice(0, 10);
    const extra = [...last.keys()].filter((k) => !expected.has(k)).slice(0, 10);
    throw new Error(`${(error as Error).message}\nmissing or different: ${JSON.stringify(missing)}\nextra: ${JSON.stringify(extra)}`);
  }
}

test('a push over http/protobuf carries every series of the scrape, with the same names, labels and values', async (t) => {
  if (!vm) return t.skip('VictoriaMetrics is not unpacked');
  const telemetry = await start({
    serviceName: 'otlp-e2e',
    prometheus: '127.0.0.1:0',
    otlp: { endpoint: vm.otlpEndpoint, intervalMs: 60_000 },
    registerGlobal: false,
  });
  for (const event of workload('vm-same')) telemetry.eventBus.publish(event);
  await telemetry.forceFlush();
  const scraped = expositionSeries((await scrape(telemetry.prometheus!.url)).body);
  assert.ok(scraped.size > 60, `expected many series on /metrics, got ${scraped.size}`);
  // Every family of the Go SDK is in the comparison, so a renamed family cannot hide.
  for (const family of ['pipelines_active', 'pipeline_duration_seconds_bucket', 'stage_elements_total', 'provider_cost_total', 'provider_tokens_total', 'tool_calls_total', 'validations_total']) {
    assert.ok([...scraped.keys()].some((k) => k.startsWith(`promptkit_${family}{`)), family);
  }
  const pushed = await waitForSeries('{__name__=~"promptkit_.+"}', scraped);
  assert.deepEqual([...pushed.keys()].sort(), [...scraped.keys()].sort());
});

test('shutdown() delivers the last interval (60 s interval, no flush before)', async (t) => {
  if (!vm) return t.skip('VictoriaMetrics is not unpacked');
  const telemetry = await start({ prometheus: false, otlp: { endpoint: vm.otlpEndpoint, intervalMs: 60_000 }, registerGlobal: false });
  for (const event of workload('vm-shutdown')) telemetry.eventBus.publish(event);
  const began = Date.now();
  await telemetry.shutdown();
  assert.ok(Date.now() - began < 10_000, 'shutdown took too long');
  await vm.waitForValue('sum(promptkit_provider_tokens_total{provider="vm-shutdown"})', 150, 30_000);
  await vm.waitForValue('promptkit_provider_cost_total{provider="vm-shutdown"}', 0.25, 30_000);
});

test('an outage loses no totals: receiver down, record, bounded flush, receiver back, totals complete', async (t) => {
  if (!vm) return t.skip('VictoriaMetrics is not unpacked');
  const telemetry = await start({
    prometheus: false,
    otlp: { endpoint: vm.otlpEndpoint, intervalMs: 60_000, timeoutMs: 2_000 },
    registerGlobal: false,
  });
  for (const event of workload('vm-outage')) telemetry.eventBus.publish(event);
  await telemetry.forceFlush();
  await vm.waitForValue('promptkit_provider_requests_total{provider="vm-outage",status="success"}', 1, 30_000);

  await vm.kill();
  for (let i = 0; i < 5; i++) for (const event of workload('vm-outage')) telemetry.eventBus.publish(event);
  const began = Date.now();
  await telemetry.forceFlush(); // the receiver is down: must come back, bounded, without throwing
  assert.ok(Date.now() - began < 6_000, `forceFlush with the receiver down took ${Date.now() - began} ms`);

  await vm.restart();
  await telemetry.forceFlush();
  await vm.waitForValue('promptkit_provider_requests_total{provider="vm-outage",status="success"}', 6, 30_000);
  await vm.waitForValue('sum(promptkit_provider_tokens_total{provider="vm-outage"})', 6 * 150, 30_000);
  await vm.waitForValue('promptkit_provider_cost_total{provider="vm-outage"}', 6 * 0.25, 30_000);
});

test('configuration by environment only: OTEL_* variables and startMetrics() with no arguments', async (t) => {
  if (!vm) return t.skip('VictoriaMetrics is not unpacked');
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/sdk-otlp-from-env.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: vm.otlpEndpoint,
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      OTEL_METRIC_EXPORT_TIMEOUT: '400',
      OTEL_SERVICE_NAME: 'env-only',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
      PROMPTKIT_EXAMPLE_RUN_MS: '1500',
      PROMPTKIT_EXAMPLE_PROVIDER: 'from-env',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (c) => (clearTimeout(timer), resolve(c)));
  });
  assert.equal(code, 0, output);
  assert.match(output, /pushing OTLP to .*\/opentelemetry\/v1\/metrics every 500 ms/);
  await vm.waitForValue('sum(promptkit_provider_requests_total{provider="from-env"})', 3, 30_000);
});
