// One owner for the MeterProvider: whatever the order of the calls that set PromptKit up, the same
// configuration serves the same /metrics; on a provider of the application's, PromptKit's counters
// behave as any OpenTelemetry counter (every reader, every View).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { metrics } from '@opentelemetry/api';
import { createAllowListAttributesProcessor, MeterProvider, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { EventBus, type PromptKitEvent } from '@promptkit/events';
import { catalog, METER_NAME, MetricsListener } from '@promptkit/metrics';
import { PrometheusExporter, promptkitViews } from '@promptkit/prometheus';
import { startMetrics } from '@promptkit/sdk';
import { SELECTORS, SelectorReader, sumPoints } from '../packages/meter-provider/src/test-readers.js';

afterEach(() => metrics.disable());

const at = Date.now();
const EVENTS: PromptKitEvent[] = [
  { type: 'pipeline.started', timestamp: at, data: {} },
  { type: 'provider.call.completed', timestamp: at, data: { provider: 'openai', model: 'gpt-4o', durationMs: 1200, inputTokens: 100, outputTokens: 20, cost: 0.01, finishReason: 'stop' } },
  { type: 'provider.call.failed', timestamp: at, data: { provider: 'anthropic', model: 'claude', durationMs: 50, error: Object.assign(new Error('slow down'), { status: 429 }) } },
  { type: 'tool.call.completed', timestamp: at, data: { toolName: 'search', durationMs: 30 } },
  { type: 'stage.completed', timestamp: at, data: { name: 'retrieve', stageType: 'transform', durationMs: 5 } },
  { type: 'validation.failed', timestamp: at, data: { validatorName: 'schema', validatorType: 'output', durationMs: 1 } },
];

function publish(listener: MetricsListener): void {
  const bus = new EventBus();
  bus.subscribeAll(listener.listener());
  for (const event of EVENTS) bus.publish(event);
}

/** A provider of the application's, with PromptKit's views, served by a PrometheusExporter. */
function userProvider(exporter: PrometheusExporter, extraReaders: SelectorReader[] = [], views: ViewOptions[] = []): MeterProvider {
  return new MeterProvider({ readers: [exporter.reader, ...extraReaders], views: [...promptkitViews(), ...views] });
}

type Scenario = () => Promise<string>;
const address = { host: '127.0.0.1', port: 0 } as const;

const SCENARIOS: Record<string, Scenario> = {
  'exporter, listener, start, record': async () => {
    const exporter = new PrometheusExporter(address);
    const listener = new MetricsListener();
    await exporter.start();
    publish(listener);
    return render(exporter);
  },
  'listener, record, exporter, start': async () => {
    const listener = new MetricsListener();
    const exporter = new PrometheusExporter(address);
    publish(listener);
    await exporter.start();
    return render(exporter);
  },
  'exporter (no provider), provider, bindMeterProvider, record, start': async () => {
    const exporter = new PrometheusExporter({ ...address, ownMeterProvider: false });
    const provider = userProvider(exporter);
    exporter.bindMeterProvider(provider);
    publish(new MetricsListener({ meterProvider: provider }));
    await exporter.start();
    return render(exporter, provider);
  },
  'provider, record, start, bindMeterProvider last': async () => {
    const exporter = new PrometheusExporter({ ...address, ownMeterProvider: false });
    const provider = userProvider(exporter);
    publish(new MetricsListener({ meterProvider: provider }));
    await exporter.start();
    exporter.bindMeterProvider(provider);
    return render(exporter, provider);
  },
  'startMetrics, then a listener of its own': async () => {
    const telemetry = await startMetrics({ prometheus: address, pricing: false });
    publish(new MetricsListener());
    const text = await telemetry.prometheus!.render();
    await telemetry.shutdown();
    return text;
  },
  'a listener first, then startMetrics': async () => {
    const listener = new MetricsListener();
    const telemetry = await startMetrics({ prometheus: address, pricing: false });
    publish(listener);
    const text = await telemetry.prometheus!.render();
    await telemetry.shutdown();
    return text;
  },
  'startMetrics attached to an application provider': async () => {
    const exporter = new PrometheusExporter({ ...address, ownMeterProvider: false });
    const provider = userProvider(exporter);
    exporter.bindMeterProvider(provider);
    const telemetry = await startMetrics({ meterProvider: provider, pricing: false });
    for (const event of EVENTS) telemetry.eventBus.publish(event);
    const text = await exporter.render();
    await telemetry.shutdown();
    await provider.shutdown();
    return text;
  },
};

async function render(exporter: PrometheusExporter, provider?: MeterProvider): Promise<string> {
  const text = await exporter.render();
  await exporter.shutdown();
  await provider?.shutdown();
  return text;
}

test('every order of the set-up calls serves the same /metrics', async () => {
  const results: [string, string][] = [];
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    results.push([name, await scenario()]);
    metrics.disable();
  }
  const [firstName, first] = results[0]!;
  assert.match(first, /^promptkit_provider_errors_total\{provider="anthropic",model="claude",error_type="rate_limit"\} 1$/m);
  assert.match(first, /^promptkit_pipelines_active 1$/m);
  for (const [name, text] of results.slice(1)) assert.equal(text, first, `"${name}" serves what "${firstName}" serves`);
});

test('a second reader on a provider given to bindMeterProvider receives every PromptKit counter', async () => {
  const exporter = new PrometheusExporter({ ...address, ownMeterProvider: false });
  const second = new SelectorReader(SELECTORS.cumulative);
  const provider = userProvider(exporter, [second]);
  exporter.bindMeterProvider(provider);
  publish(new MetricsListener({ meterProvider: provider }));
  const names = new Set((await sumPoints(second)).get(METER_NAME)?.map((p) => p.metric));
  for (const key of ['providerRequests', 'providerTokens', 'providerCost', 'providerErrors', 'providerFinishReasons', 'toolCalls', 'stageElements', 'validations', 'pipelinesActive'] as const) {
    assert.ok(names.has(catalog[key].name), `the second reader has ${catalog[key].name}`);
  }
  await provider.shutdown();
});

test("the application's Views apply to PromptKit's counters as to plain OpenTelemetry counters", async () => {
  const plainScope = 'plain';
  const views: ViewOptions[] = [];
  for (const meterName of [METER_NAME, plainScope]) {
    views.push(
      { meterName, instrumentName: catalog.providerRequests.name, attributesProcessors: [createAllowListAttributesProcessor(['provider', 'status'])] },
      { meterName, instrumentName: catalog.providerTokens.name, name: 'llm_tokens_total' },
    );
  }
  const exporter = new PrometheusExporter({ ...address, ownMeterProvider: false });
  const reader = new SelectorReader(SELECTORS.cumulative);
  const provider = new MeterProvider({ readers: [exporter.reader, reader], views });
  exporter.bindMeterProvider(provider);
  publish(new MetricsListener({ meterProvider: provider }));
  // The same additions on plain OpenTelemetry counters of the same names.
  const plain = provider.getMeter(plainScope);
  const requests = plain.createCounter(catalog.providerRequests.name, { unit: catalog.providerRequests.unit });
  const tokens = plain.createCounter(catalog.providerTokens.name, { unit: catalog.providerTokens.unit });
  requests.add(1, { provider: 'openai', model: 'gpt-4o', status: 'success' });
  requests.add(1, { provider: 'anthropic', model: 'claude', status: 'error' });
  tokens.add(100, { provider: 'openai', model: 'gpt-4o', type: 'input' });
  tokens.add(20, { provider: 'openai', model: 'gpt-4o', type: 'output' });
  const collected = await sumPoints(reader);
  const pick = (scope: string) =>
    (collected.get(scope) ?? [])
      .filter((p) => p.metric === catalog.providerRequests.name || p.metric === 'llm_tokens_total')
      .map(({ metric, attributes, value }) => ({ metric, attributes, value }));
  assert.deepEqual(pick(METER_NAME), pick(plainScope));
  assert.deepEqual(pick(METER_NAME).find((p) => p.metric === catalog.providerRequests.name)?.attributes, JSON.stringify([['provider', 'anthropic'], ['status', 'error']]));
  await provider.shutdown();
});

test('a View of the application on the provider PromptKit builds applies to its counters too', async () => {
  const telemetry = await startMetrics({
    prometheus: address,
    registerGlobal: false,
    pricing: false,
    views: [{ meterName: METER_NAME, instrumentName: catalog.providerRequests.name, attributesProcessors: [createAllowListAttributesProcessor(['status'])] }],
  });
  for (const event of EVENTS) telemetry.eventBus.publish(event);
  const text = await telemetry.prometheus!.render();
  await telemetry.shutdown();
  assert.match(text, /^promptkit_provider_requests_total\{status="success"\} 1$/m);
  assert.match(text, /^promptkit_provider_requests_total\{status="error"\} 1$/m);
});
