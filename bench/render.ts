/**
 * P3: rendering /metrics. PromptKit's PrometheusExporter.render() (collect + serialize) against
 * prom-client's registry.metrics(), with the same series in both: 10k counter series of
 * promptkit_provider_requests_total, and 1k label sets of promptkit_provider_request_duration_seconds.
 */
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { catalog, createPromptKitMetrics, METER_NAME, METER_VERSION, type LabelLimits } from '@promptkit/metrics';
import { PrometheusExporter } from '@promptkit/prometheus';
import { Counter, Histogram, Registry } from 'prom-client';
import { interleave, type TimedCase } from './harness.js';
import { timedRow, type Row } from './report.js';
import { sameSamples } from './exposition.js';
import { createHistogram, labelValues } from './workload.js';
import { buildMeterProvider } from '@promptkit/meter-provider';

const PROVIDERS = labelValues('provider', 10);
const STATUSES = ['success', 'error'] as const;
const COUNTER_MODELS = labelValues('model', 500);
const HISTOGRAM_MODELS = labelValues('model', 100);
/** Between two renders, a rotating tenth of the series gets a new record, as live traffic would do. */
const TOUCHED_SHARE = 10;

/** An exporter on a MeterProvider built as startMetrics() builds it. */
function promptkitExporter(labelLimits?: LabelLimits): { exporter: PrometheusExporter; provider: MeterProvider } {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const provider = buildMeterProvider({ readers: [exporter.reader], labelLimits: labelLimits });
  exporter.bindMeterProvider(provider);
  return { exporter, provider };
}

/** n renders, one after the other, as n scrapes would make them. */
function renders(render: () => Promise<string>): (n: number) => Promise<void> {
  return async (n) => {
    for (let k = 0; k < n; k++) await render();
  };
}

function collections(exporter: PrometheusExporter): (n: number) => Promise<void> {
  return async (n) => {
    for (let k = 0; k < n; k++) await exporter.reader.collect();
  };
}

/** A rotating window over `count` series: each call yields the next `count / TOUCHED_SHARE` indexes. */
function rotation(count: number): (touch: (index: number) => void) => void {
  let offset = 0;
  const size = Math.ceil(count / TOUCHED_SHARE);
  return (touch) => {
    for (let k = 0; k < size; k++) touch((offset + k) % count);
    offset = (offset + size) % count;
  };
}

export interface Comparison {
  promptkit: TimedCase;
  promClient: TimedCase;
  /** PromptKit's collection alone (reader.collect(), no text), to show where a render's time goes. */
  collectOnly: TimedCase;
  render: () => Promise<[string, string]>;
}

export function counters(): Comparison {
  const definition = catalog.providerRequests;
  const labels = PROVIDERS.flatMap((provider) => COUNTER_MODELS.flatMap((model) => STATUSES.map((status) => ({ provider, model, status }))));

  // The caps are raised so that all 10k series are kept (the defaults would fold most models into _other).
  const { exporter, provider } = promptkitExporter({ provider: PROVIDERS.length, model: COUNTER_MODELS.length });
  const promptkit = createPromptKitMetrics({ meterProvider: provider });
  const handles = labels.map((l) => promptkit.providerRequests.bind(l));
  handles.forEach((handle, i) => handle.inc(1 + (i % 5)));

  const registry = new Registry();
  const promCounter = new Counter({ name: definition.name, help: definition.help, labelNames: [...definition.labels], registers: [registry] });
  labels.forEach((l, i) => promCounter.inc(l, 1 + (i % 5)));

  const touchPromptkit = rotation(labels.length);
  const touchProm = rotation(labels.length);
  return {
    promptkit: { name: 'promptkit', run: renders(() => exporter.render()), prepare: () => touchPromptkit((i) => handles[i]!.inc()) },
    promClient: { name: 'prom-client', run: renders(() => registry.metrics()), prepare: () => touchProm((i) => promCounter.inc(labels[i]!)) },
    collectOnly: { name: 'collect', run: collections(exporter), prepare: () => touchPromptkit((i) => handles[i]!.inc()) },
    render: async () => [await exporter.render(), await registry.metrics()],
  };
}

/** Durations in seconds spread over the provider buckets (0.1 s to 10 min). */
function seconds(i: number): number {
  return ((i * 7919) % 6000) / 10;
}

export function histograms(): Comparison {
  const definition = catalog.providerRequestDuration;
  const labels = PROVIDERS.flatMap((provider) => HISTOGRAM_MODELS.map((model) => ({ provider, model })));

  const { exporter, provider } = promptkitExporter();
  const histogram = createHistogram(provider.getMeter(METER_NAME, METER_VERSION), definition);
  const registry = new Registry();
  const promHistogram = new Histogram({
    name: definition.name,
    help: definition.help,
    labelNames: [...definition.labels],
    buckets: [...definition.buckets],
    registers: [registry],
  });
  for (let round = 0; round < 5; round++) {
    labels.forEach((l, i) => {
      histogram.record(seconds(round * labels.length + i), { ...l });
      promHistogram.observe({ ...l }, seconds(round * labels.length + i));
    });
  }
  let recorded = 5 * labels.length;
  const touchPromptkit = rotation(labels.length);
  const touchProm = rotation(labels.length);
  return {
    promptkit: {
      name: 'promptkit',
      run: renders(() => exporter.render()),
      prepare: () => touchPromptkit((i) => histogram.record(seconds(recorded++), { ...labels[i]! })),
    },
    promClient: {
      name: 'prom-client',
      run: renders(() => registry.metrics()),
      prepare: () => touchProm((i) => promHistogram.observe({ ...labels[i]! }, seconds(recorded++))),
    },
    collectOnly: {
      name: 'collect',
      run: collections(exporter),
      prepare: () => touchPromptkit((i) => histogram.record(seconds(recorded++), { ...labels[i]! })),
    },
    render: async () => [await exporter.render(), await registry.metrics()],
  };
}

/** Why the two renders cannot be compared, if they cannot: they must hold the same samples. */
async function mismatch(comparison: Comparison): Promise<string | undefined> {
  const [promptkitText, promText] = await comparison.render();
  return sameSamples(promptkitText, promText, 'PromptKit', 'prom-client');
}

async function measure(key: 'P3_counters' | 'P3_histograms', what: string, comparison: Comparison): Promise<Row[]> {
  const invalid = await mismatch(comparison);
  const cases = [comparison.promptkit, comparison.promClient, comparison.collectOnly];
  const timings = await interleave(cases, { rounds: 21, sampleMs: 20, warmupMs: 1500 });
  const row = timedRow({ key, name: `/metrics render, ${what}`, target: 1.0 }, timings.get('promptkit')!, timings.get('prom-client')!);
  if (invalid !== undefined) row.invalid = invalid;
  const collect: Row = { name: `context: PromptKit collection alone (no text), ${what}`, candidate: timings.get('collect')!.nsPerOp, unit: 'ns' };
  return [row, collect];
}

export async function run(): Promise<Row[]> {
  return [
    ...(await measure('P3_counters', '10k counter series (provider_requests_total)', counters())),
    ...(await measure('P3_histograms', '1k histogram label sets (provider_request_duration_seconds)', histograms())),
  ];
}
