/**
 * P5: heap bytes per series, PromptKit against prom-client, for the same 20k counter series of
 * promptkit_provider_requests_total. PromptKit is measured after one collection, so the state
 * OpenTelemetry keeps between collections is counted.
 */
import { catalog, createPromptKitMetrics } from '@promptkit/metrics';
import { PrometheusExporter } from '@promptkit/prometheus';
import { Counter, Registry } from 'prom-client';
import { median, retainedHeapBytes } from './harness.js';
import type { Row } from './report.js';
import { labelValues } from './workload.js';
import { buildMeterProvider } from '@promptkit/meter-provider';

const PROVIDERS = labelValues('provider', 10);
const MODELS = labelValues('model', 1000);
const STATUSES = ['success', 'error'] as const;
const SERIES = PROVIDERS.length * MODELS.length * STATUSES.length;
const ROUNDS = 5;

/** Calls `record` with a fresh label object per series, as application code builds them. */
function eachSeries(record: (labels: { provider: string; model: string; status: 'success' | 'error' }) => void): void {
  for (const provider of PROVIDERS) for (const model of MODELS) for (const status of STATUSES) record({ provider, model, status });
}

async function promptkitBytes(collect = true): Promise<{ bytes: number; samples: number }> {
  let samples = 0;
  const bytes = await retainedHeapBytes(
    async () => {
      const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
      const provider = buildMeterProvider({ readers: [exporter.reader], labelLimits: { provider: PROVIDERS.length, model: MODELS.length } });
      exporter.bindMeterProvider(provider);
      const metrics = createPromptKitMetrics({ meterProvider: provider });
      await exporter.render();
      return { exporter, metrics };
    },
    async ({ exporter, metrics }) => {
      eachSeries((labels) => metrics.providerRequests.add(1, labels));
      if (collect) {
        const text = await exporter.render();
        samples = text.split('\n').filter((line) => line.startsWith(catalog.providerRequests.name)).length;
      }
      return undefined;
    },
  );
  return { bytes, samples };
}

async function promClientBytes(): Promise<number> {
  return retainedHeapBytes(
    () => {
      const registry = new Registry();
      const definition = catalog.providerRequests;
      const counter = new Counter({ name: definition.name, help: definition.help, labelNames: [...definition.labels], registers: [registry] });
      return { registry, counter };
    },
    async ({ registry, counter }) => {
      eachSeries((labels) => counter.inc(labels));
      await registry.metrics();
      return undefined;
    },
  );
}

export async function run(): Promise<Row[]> {
  // One unmeasured round of each first: it compiles the code, whose size would otherwise be counted.
  await promptkitBytes();
  await promClientBytes();
  const ours: number[] = [];
  const theirs: number[] = [];
  const cellsOnly: number[] = [];
  let samples = 0;
  const measureOurs = async () => {
    const result = await promptkitBytes();
    samples = result.samples;
    ours.push(result.bytes);
  };
  const measureTheirs = async () => {
    theirs.push(await promClientBytes());
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which side goes first, as the timed sections do.
    for (const measure of round % 2 === 0 ? [measureOurs, measureTheirs] : [measureTheirs, measureOurs]) await measure();
    cellsOnly.push((await promptkitBytes(false)).bytes);
  }
  const row: Row = {
    key: 'P5',
    name: `heap bytes per series, ${SERIES / 1000}k counter series after one collection`,
    candidate: median(ours) / SERIES,
    baseline: median(theirs) / SERIES,
    unit: 'bytes',
    target: 1.2,
  };
  if (samples !== SERIES) row.invalid = `PromptKit rendered ${samples} of the ${SERIES} series, so its heap does not hold them all`;
  const cells: Row = {
    name: 'context: PromptKit heap bytes per series before any collection (its own cells only)',
    candidate: median(cellsOnly) / SERIES,
    baseline: median(theirs) / SERIES,
    unit: 'bytes',
  };
  return [row, cells];
}
