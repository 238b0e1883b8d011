/**
 * What the sections record: the event mix, the same mix as raw OpenTelemetry calls, label sets and
 * MeterProviders built the way PromptKit builds them.
 */
import type { Counter, Histogram, Meter } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { EventBus } from '@promptkit/events';
import { catalog, METER_NAME, METER_VERSION, MetricsListener, type ExemplarFilter, type MetricDefinition } from '@promptkit/metrics';
import { PrometheusReader } from '@promptkit/prometheus';
import { buildMeterProvider, withCounterProducer } from '@promptkit/meter-provider';

// A handful of series per family, as in a real pipeline: two providers, four stages, three tools.
const PROVIDER_MODELS = [
  { provider: 'anthropic', model: 'claude-3-5-sonnet' },
  { provider: 'anthropic', model: 'claude-3-haiku' },
  { provider: 'openai', model: 'gpt-4o' },
  { provider: 'openai', model: 'gpt-4o-mini' },
] as const;
const STAGES = ['retrieve', 'rerank', 'generate', 'postprocess'] as const;
const TOOLS = ['web_search', 'calculator', 'sql_query', 'web_search'] as const;
const VALIDATORS = ['json_schema', 'pii_filter'] as const;
// Milliseconds spread over the buckets, so histogram records do not all hit one bucket.
const DURATIONS_MS = Array.from({ length: 64 }, (_, i) => 0.4 + ((i * 37) % 64) ** 2 / 3);

/** The timestamp of every published event; user code would call Date.now(), which is not ours to time. */
const TIMESTAMP = Date.now();

/** Raw OTel calls per mix: 4 histogram records and 7 counter adds. */
export const RAW_CALLS_PER_MIX = 11;

/**
 * One realistic mix of four events: a provider call with tokens and cost, a stage, a tool call and
 * a validation. `i` rotates label values and durations.
 */
export function publishMix(bus: EventBus, i: number): void {
  const { provider, model } = PROVIDER_MODELS[i & 3]!;
  const durationMs = DURATIONS_MS[i & 63]!;
  bus.publish({
    type: 'provider.call.completed',
    timestamp: TIMESTAMP,
    data: { provider, model, durationMs: durationMs * 40, inputTokens: 900 + (i & 255), outputTokens: 180, cost: 0.0042 },
  });
  bus.publish({ type: 'stage.completed', timestamp: TIMESTAMP, data: { name: STAGES[i & 3]!, stageType: 'transform', durationMs } });
  bus.publish({ type: 'tool.call.completed', timestamp: TIMESTAMP, data: { toolName: TOOLS[i & 3]!, durationMs: durationMs * 3 } });
  bus.publish({
    type: 'validation.passed',
    timestamp: TIMESTAMP,
    data: { validatorName: VALIDATORS[i & 1]!, validatorType: 'schema', durationMs: durationMs / 10 },
  });
}

/** The instruments a user without PromptKit would create: plain synchronous OTel instruments. */
export interface RawInstruments {
  providerRequestDuration: Histogram;
  providerRequests: Counter;
  providerTokens: Counter;
  providerCost: Counter;
  stageDuration: Histogram;
  stageElements: Counter;
  toolCallDuration: Histogram;
  toolCalls: Counter;
  validationDuration: Histogram;
  validations: Counter;
}

export function createHistogram(meter: Meter, definition: MetricDefinition): Histogram {
  return meter.createHistogram(definition.name, {
    description: definition.help,
    unit: definition.unit,
    advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
  });
}

export function createCounter(meter: Meter, definition: MetricDefinition): Counter {
  return meter.createCounter(definition.name, { description: definition.help, unit: definition.unit });
}

/** On PromptKit's meter name, so PromptKit's views (and buckets) apply to these too. */
export function createRawInstruments(provider: MeterProvider): RawInstruments {
  const meter = provider.getMeter(METER_NAME, METER_VERSION);
  return {
    providerRequestDuration: createHistogram(meter, catalog.providerRequestDuration),
    providerRequests: createCounter(meter, catalog.providerRequests),
    providerTokens: createCounter(meter, catalog.providerTokens),
    providerCost: createCounter(meter, catalog.providerCost),
    stageDuration: createHistogram(meter, catalog.stageDuration),
    stageElements: createCounter(meter, catalog.stageElements),
    toolCallDuration: createHistogram(meter, catalog.toolCallDuration),
    toolCalls: createCounter(meter, catalog.toolCalls),
    validationDuration: createHistogram(meter, catalog.validationDuration),
    validations: createCounter(meter, catalog.validations),
  };
}

/**
 * `publishMix` written as raw OTel calls: what the listener is asked to do for those four events,
 * with attribute objects built at each call as hand-written instrumentation builds them.
 */
export function rawMix(raw: RawInstruments, i: number): void {
  const { provider, model } = PROVIDER_MODELS[i & 3]!;
  const durationMs = DURATIONS_MS[i & 63]!;
  raw.providerRequestDuration.record((durationMs * 40) / 1000, { provider, model });
  raw.providerRequests.add(1, { provider, model, status: 'success' });
  raw.providerTokens.add(900 + (i & 255), { provider, model, type: 'input' });
  raw.providerTokens.add(180, { provider, model, type: 'output' });
  raw.providerCost.add(0.0042, { provider, model });
  const stage = STAGES[i & 3]!;
  raw.stageDuration.record(durationMs / 1000, { stage, stage_type: 'transform' });
  raw.stageElements.add(1, { stage, status: 'success' });
  const tool = TOOLS[i & 3]!;
  raw.toolCallDuration.record((durationMs * 3) / 1000, { tool });
  raw.toolCalls.add(1, { tool, status: 'success' });
  const validator = VALIDATORS[i & 1]!;
  raw.validationDuration.record(durationMs / 10 / 1000, { validator, validator_type: 'schema' });
  raw.validations.add(1, { validator, validator_type: 'schema', status: 'passed' });
}

/** A MeterProvider as PromptKit's exporter builds one: PromptKit's views, a Prometheus pull reader. */
/** A MeterProvider built as startMetrics() builds one: PromptKit's counters read by each reader's producer. */
export function promptkitProvider(readers: MetricReader[] = [prometheusReader()]): MeterProvider {
  return buildMeterProvider({ readers });
}

/** A pull reader with a slot for PromptKit's counters, as the PrometheusExporter's. */
export function prometheusReader(): PrometheusReader {
  return withCounterProducer((metricProducers) => new PrometheusReader(metricProducers));
}

/** A bus with a MetricsListener recording into `provider`. */
export function listeningBus(provider: MeterProvider, exemplarFilter?: ExemplarFilter): EventBus {
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider: provider, ...(exemplarFilter ? { exemplarFilter } : {}) }).listener());
  return bus;
}

/** A push exporter that accepts every export and sends nothing. */
export const discardingExporter: PushMetricExporter = {
  export: (_metrics, resultCallback) => resultCallback({ code: ExportResultCode.SUCCESS }),
  forceFlush: async () => {},
  shutdown: async () => {},
};

/** A push reader whose interval never comes round during a run. */
export function idlePushReader(): PeriodicExportingMetricReader {
  return withCounterProducer(
    (metricProducers) => new PeriodicExportingMetricReader({ exporter: discardingExporter, exportIntervalMillis: 3_600_000, exportTimeoutMillis: 30_000, metricProducers }),
  );
}

/** `count` distinct label values with a common prefix, made once and shared by both sides of a comparison. */
export function labelValues(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}
