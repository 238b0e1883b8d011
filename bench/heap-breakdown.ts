/**
 * Where P5's bytes go: heap snapshots of 20k PromptKit counter series before and after one
 * collection, grouped by constructor (objects) or by V8 node type (strings, arrays, hash tables).
 *
 *   node --expose-gc --import tsx bench/heap-breakdown.ts
 */
import { getHeapSnapshot } from 'node:v8';
import { createPromptKitMetrics } from '@promptkit/metrics';
import { PrometheusExporter } from '@promptkit/prometheus';
import { collectGarbage } from './harness.js';
import { labelValues } from './workload.js';
import { buildMeterProvider } from '@promptkit/meter-provider';

const PROVIDERS = labelValues('provider', 10);
const MODELS = labelValues('model', 1000);
const SERIES = PROVIDERS.length * MODELS.length * 2;

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self bytes per group for the whole heap. */
async function heapByGroup(): Promise<Map<string, number>> {
  collectGarbage();
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const data = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const groups = new Map<string, number>();
  for (let i = 0; i < data.nodes.length; i += fields.length) {
    const type = types[data.nodes[i + typeAt]!]!;
    const group = type === 'object' || type === 'closure' ? `${type} ${data.strings[data.nodes[i + nameAt]!]}` : type;
    groups.set(group, (groups.get(group) ?? 0) + data.nodes[i + sizeAt]!);
  }
  return groups;
}

function show(title: string, before: Map<string, number>, after: Map<string, number>): void {
  const deltas = [...after].map(([group, bytes]) => [group, bytes - (before.get(group) ?? 0)] as const).filter(([, d]) => Math.abs(d) >= SERIES * 4);
  const total = deltas.reduce((sum, [, d]) => sum + d, 0);
  console.log(`\n${title}: ${(total / SERIES).toFixed(0)} B per series in groups of at least 4 B per series`);
  for (const [group, delta] of deltas.sort((a, b) => b[1] - a[1])) console.log(`${(delta / SERIES).toFixed(1).padStart(8)} B  ${group}`);
}

/** One scrape; inside a function so that nothing keeps the text once it returns (a top-level await would). */
async function scrape(): Promise<void> {
  await exporter.render();
}

const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
const provider = buildMeterProvider({ readers: [exporter.reader], labelLimits: { provider: PROVIDERS.length, model: MODELS.length } });
exporter.bindMeterProvider(provider);
const metrics = createPromptKitMetrics({ meterProvider: provider });
await scrape();
const empty = await heapByGroup();
for (const p of PROVIDERS) for (const model of MODELS) for (const status of ['success', 'error'] as const) metrics.providerRequests.add(1, { provider: p, model, status });
const recorded = await heapByGroup();
await scrape();
const collected = await heapByGroup();
show('PromptKit cells (no collection yet)', empty, recorded);
show('added by the first collection (OpenTelemetry state)', recorded, collected);
