import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { EventBus, type EventType } from '@promptkit/events';
import { MetricsListener, PrometheusExporter, promptkitViews } from '@promptkit/prometheus';
import { parseExposition, sampleValue, sumValues, type Sample } from './exposition.js';
import { MODELS } from './models.js';
import { runWorkload, type WorkloadSummary } from './workload.js';

/** A bus whose events a MetricsListener records into an in-memory exporter (no server). */
function meteredBus() {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
  return {
    bus,
    scrape: async (): Promise<Sample[]> => parseExposition(await exporter.render()),
    shutdown: () => meterProvider.shutdown(),
  };
}

/** Cost sums depend on the order calls finish in; compare them to the nano-dollar. */
function comparable(summary: WorkloadSummary) {
  return { ...summary, costUsd: Math.round(summary.costUsd * 1e9) };
}

describe('runWorkload', () => {
  test('the same seed gives the same summary, whatever the timing and concurrency', async () => {
    const instant = await runWorkload(new EventBus(), { seed: 42, maxPipelines: 300, timeScale: 0 });
    const paced = await runWorkload(new EventBus(), { seed: 42, maxPipelines: 300, timeScale: 0.0002, concurrency: 3 });
    assert.deepEqual(comparable(paced), comparable(instant));

    assert.equal(instant.seed, 42);
    assert.equal(instant.aborted, false);
    assert.equal(instant.pipelines.started, 300);
    assert.equal(instant.pipelines.completed + instant.pipelines.failed, 300);
    // The seed exercises every failure path the dashboards show.
    assert.ok(instant.pipelines.failed > 0, 'some pipelines fail');
    assert.ok(instant.providerCalls.error > 0 && instant.providerCalls.rateLimited > 0, 'provider errors and rate limits');
    assert.ok(instant.toolCalls.error > 0 && instant.validations.failed > 0, 'tool and validation failures');
    assert.ok(instant.tokens.cached > 0 && instant.tokens.cached < instant.tokens.input);

    const other = await runWorkload(new EventBus(), { seed: 43, maxPipelines: 300, timeScale: 0 });
    assert.notDeepEqual(comparable(other), comparable(instant));
  });

  test('the summary matches what a MetricsListener recorded', async () => {
    const { bus, scrape, shutdown } = meteredBus();
    try {
      const summary = await runWorkload(bus, { seed: 7, maxPipelines: 400, timeScale: 0 });
      const samples = await scrape();
      const total = (name: string, labels: Record<string, string> = {}) => sumValues(samples, name, labels);

      assert.equal(bus.stats().published, summary.events);
      assert.equal(sampleValue(samples, 'promptkit_pipelines_active'), 0);
      assert.equal(total('promptkit_pipeline_duration_seconds_count', { status: 'success' }), summary.pipelines.completed);
      assert.equal(total('promptkit_pipeline_duration_seconds_count', { status: 'error' }), summary.pipelines.failed);
      assert.equal(total('promptkit_stage_elements_total', { status: 'success' }), summary.stages.completed);
      assert.equal(total('promptkit_stage_elements_total', { status: 'error' }), summary.stages.failed);
      assert.equal(total('promptkit_provider_requests_total', { status: 'success' }), summary.providerCalls.success);
      assert.equal(total('promptkit_provider_requests_total', { status: 'error' }), summary.providerCalls.error);
      assert.equal(
        total('promptkit_provider_request_duration_seconds_count'),
        summary.providerCalls.success + summary.providerCalls.error,
      );
      // Streamed calls (most pipelines stream) record a time to first token; the others do not.
      assert.equal(total('promptkit_provider_time_to_first_token_seconds_count'), summary.providerCalls.streamed);
      assert.ok(summary.providerCalls.streamed > 0 && summary.providerCalls.streamed < summary.providerCalls.success);
      assert.equal(total('promptkit_provider_tokens_total', { type: 'input' }), summary.tokens.input);
      assert.equal(total('promptkit_provider_tokens_total', { type: 'output' }), summary.tokens.output);
      assert.equal(total('promptkit_provider_tokens_total', { type: 'cached' }), summary.tokens.cached);
      assert.equal(total('promptkit_provider_tokens_total', { type: 'cache_write' }), summary.tokens.cacheWrite);
      assert.equal(total('promptkit_provider_tokens_total', { type: 'reasoning' }), summary.tokens.reasoning);
      const cost = total('promptkit_provider_cost_total');
      assert.ok(Math.abs(cost - summary.costUsd) <= 1e-9 * summary.costUsd, `cost ${cost} vs ${summary.costUsd}`);
      assert.equal(total('promptkit_tool_calls_total', { status: 'success' }), summary.toolCalls.success);
      assert.equal(total('promptkit_tool_calls_total', { status: 'error' }), summary.toolCalls.error);
      assert.equal(total('promptkit_validations_total', { status: 'passed' }), summary.validations.passed);
      assert.equal(total('promptkit_validations_total', { status: 'failed' }), summary.validations.failed);
      assert.equal(total('promptkit_dropped_records_total'), 0, 'the listener dropped none of the events');

      for (const { provider, model } of MODELS) {
        assert.ok(total('promptkit_provider_requests_total', { provider, model }) > 0, `${provider} ${model} is called`);
      }
      for (const tool of ['web_search', 'calculator', 'vector_lookup']) {
        assert.ok(total('promptkit_tool_calls_total', { tool }) > 0, `${tool} is called`);
      }
      for (const [validator, validatorType] of [['schema', 'output'], ['toxicity', 'output'], ['pii', 'input']]) {
        assert.ok(total('promptkit_validations_total', { validator: validator!, validator_type: validatorType! }) > 0);
      }
      for (const [stage, stageType] of [['retrieve', 'transform'], ['generate', 'llm'], ['postprocess', 'transform']]) {
        assert.ok(total('promptkit_stage_duration_seconds_count', { stage: stage!, stage_type: stageType! }) > 0);
      }
    } finally {
      await shutdown();
    }
  });

  test('an abort ends every running pipeline promptly, each started call with its end event', async () => {
    const { bus, scrape, shutdown } = meteredBus();
    const seen = new Map<EventType, number>();
    bus.subscribeAll((event) => seen.set(event.type, (seen.get(event.type) ?? 0) + 1));
    const controller = new AbortController();
    try {
      // Realistic latencies (seconds per call) and a high arrival rate: many calls are in flight.
      const running = runWorkload(bus, { seed: 3, timeScale: 1, pipelinesPerSecond: 50, signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const abortedAt = performance.now();
      controller.abort();
      const summary = await running;
      assert.ok(performance.now() - abortedAt < 1000, 'stops within a second of the abort');

      assert.equal(summary.aborted, true);
      assert.ok(summary.pipelines.started > 1, `several pipelines started (${summary.pipelines.started})`);
      assert.ok(summary.pipelines.failed > 0, 'the running pipelines are published as failed');
      assert.equal(summary.pipelines.completed + summary.pipelines.failed, summary.pipelines.started);
      const count = (type: EventType) => seen.get(type) ?? 0;
      assert.equal(count('stage.started'), count('stage.completed') + count('stage.failed'));
      assert.equal(count('provider.call.started'), count('provider.call.completed') + count('provider.call.failed'));
      assert.equal(count('tool.call.started'), count('tool.call.completed') + count('tool.call.failed'));
      assert.equal(count('validation.started'), count('validation.passed') + count('validation.failed'));
      assert.equal(sampleValue(await scrape(), 'promptkit_pipelines_active'), 0);
    } finally {
      controller.abort();
      await shutdown();
    }
  });

  test('an already aborted signal starts nothing', async () => {
    const summary = await runWorkload(new EventBus(), { signal: AbortSignal.abort(), seed: 1 });
    assert.equal(summary.aborted, true);
    assert.equal(summary.events, 0);
  });

  test('no more than `concurrency` pipelines run at once', async () => {
    const bus = new EventBus();
    let active = 0;
    let peak = 0;
    bus.subscribe('pipeline.started', () => (peak = Math.max(peak, ++active)));
    bus.subscribe('pipeline.completed', () => active--);
    bus.subscribe('pipeline.failed', () => active--);
    await runWorkload(bus, { seed: 5, maxPipelines: 60, concurrency: 4, pipelinesPerSecond: 1000, timeScale: 0.001 });
    assert.equal(peak, 4);
  });

  test('invalid options are rejected with the option named', async () => {
    const bus = new EventBus();
    await assert.rejects(runWorkload(bus, { concurrency: 0 }), /concurrency must be an integer of at least 1, got 0/);
    await assert.rejects(runWorkload(bus, { pipelinesPerSecond: -1 }), /pipelinesPerSecond must be a positive number/);
    await assert.rejects(runWorkload(bus, { timeScale: Number.NaN }), /timeScale must be/);
    await assert.rejects(runWorkload(bus, { maxPipelines: 1.5 }), /maxPipelines must be/);
    assert.equal(bus.stats().published, 0);
  });
});
