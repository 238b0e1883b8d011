/**
 * The reference points the issue quotes, measured in the same run: a raw OTel counter.add with three
 * attributes, prom-client's inc(labels) with three labels, and a Map with a precomputed key.
 */
import { catalog, METER_NAME } from '@promptkit/metrics';
import { Counter, Registry } from 'prom-client';
import { interleave } from './harness.js';
import type { Row } from './report.js';
import { createCounter, promptkitProvider } from './workload.js';

export async function run(): Promise<Row[]> {
  const definition = catalog.providerRequests;
  const otelCounter = createCounter(promptkitProvider().getMeter(METER_NAME), definition);
  const promCounter = new Counter({ name: definition.name, help: definition.help, labelNames: [...definition.labels], registers: [new Registry()] });
  const totals = new Map<string, number>();
  const key = 'anthropic\u0000claude-3-5-sonnet\u0000success';
  totals.set(key, 0);
  const timings = await interleave(
    [
      {
        name: 'otel',
        run: (n) => {
          for (let k = 0; k < n; k++) otelCounter.add(1, { provider: 'anthropic', model: 'claude-3-5-sonnet', status: 'success' });
        },
      },
      {
        name: 'prom-client',
        run: (n) => {
          for (let k = 0; k < n; k++) promCounter.inc({ provider: 'anthropic', model: 'claude-3-5-sonnet', status: 'success' });
        },
      },
      {
        name: 'map',
        run: (n) => {
          for (let k = 0; k < n; k++) totals.set(key, totals.get(key)! + 1);
        },
      },
    ],
    { rounds: 31, sampleMs: 10, warmupMs: 1000 },
  );
  const row = (name: string, which: string): Row => ({ name, candidate: timings.get(which)!.nsPerOp, unit: 'ns' });
  return [
    row('context: raw OTel counter.add(1, 3 attributes)', 'otel'),
    row('context: prom-client counter.inc(3 labels)', 'prom-client'),
    row('context: Map.set(precomputed key, get + 1)', 'map'),
  ];
}
