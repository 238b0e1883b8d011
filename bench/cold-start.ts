/**
 * P6: cold start. A fresh Node process imports @promptkit/sdk, calls startMetrics() with Prometheus
 * only and gets its first /metrics response; the baseline process imports prom-client, registers the
 * same metric families, starts an http server and gets its first /metrics response. Both are plain
 * JavaScript on the built packages (no TypeScript loader), timed from their first line; the two
 * alternate, round after round, and the ratio is the median of the per-round ratios.
 *
 * A third process, the floor, does only what any exporter on the OpenTelemetry metrics SDK must:
 * import sdk-metrics and resources, build a provider, serve one collection, answer the first
 * request. Its ratio to prom-client is the best P6 an OpenTelemetry-based library can reach here.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { metricDefinitions } from '@promptkit/metrics';
import { median } from './harness.js';
import type { Row } from './report.js';

const ROUNDS = 15;

function runOnce(script: string, args: string[] = []): number {
  const path = fileURLToPath(new URL(`./cold-start/${script}`, import.meta.url));
  // No --import tsx and no NODE_OPTIONS from the parent: a cold process as an application starts one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('OTEL_')));
  const out = execFileSync(process.execPath, [path, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return (JSON.parse(out.trim().split('\n').pop()!) as { ms: number }).ms;
}

export function run(): Promise<Row[]> {
  const families = JSON.stringify(metricDefinitions.map((d) => ({ name: d.name, help: d.help, kind: d.kind, labels: [...d.labels], buckets: d.buckets ? [...d.buckets] : undefined })));
  // One unmeasured run each: the first process after a build also pays for the disk cache.
  runOnce('promptkit.mjs');
  runOnce('prom-client.mjs', [families]);
  runOnce('otel-sdk.mjs');
  const ours: number[] = [];
  const theirs: number[] = [];
  const floor: number[] = [];
  const floorRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // The starting side alternates, so drift lands on both.
    if (round % 2 === 0) {
      ours.push(runOnce('promptkit.mjs'));
      theirs.push(runOnce('prom-client.mjs', [families]));
    } else {
      theirs.push(runOnce('prom-client.mjs', [families]));
      ours.push(runOnce('promptkit.mjs'));
    }
    floor.push(runOnce('otel-sdk.mjs'));
    floorRatios.push(floor[round]! / theirs[round]!);
  }
  const ratio = median(ours.map((ms, i) => ms / theirs[i]!));
  return Promise.resolve([
    { key: 'P6', name: 'cold start: import + startMetrics() (Prometheus only) + first /metrics, ÷ prom-client with the same families', candidate: median(ours) * 1e6, baseline: median(theirs) * 1e6, unit: 'ns', ratio, target: 1.5 },
    // Context, no target: the OpenTelemetry SDK's own share of any OpenTelemetry-based cold start.
    { name: 'cold start floor: OpenTelemetry sdk-metrics + resources, one provider, http server, first response, ÷ prom-client', candidate: median(floor) * 1e6, baseline: median(theirs) * 1e6, unit: 'ns', ratio: median(floorRatios) },
  ]);
}
