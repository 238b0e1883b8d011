/**
 * The servers of the cluster row (bench/cluster.ts), each in processes of its own: `aggregated` is a
 * cluster primary with four workers of 10k series each (distinct models, so 40k series in all),
 * `single` one process with the same 40k series. Each sends its /metrics URL to its parent once
 * every series is recorded.
 */
import cluster from 'node:cluster';
import { startMetrics } from '@promptkit/sdk';
import { labelValues } from './workload.js';

export const WORKERS = 4;
const PROVIDERS = labelValues('provider', 10);
const MODELS_PER_WORKER = 500;
const STATUSES = ['success', 'error'] as const;
// Caps raised so that every series is kept, in each process and in the aggregate.
const labelLimits = { provider: PROVIDERS.length, model: WORKERS * MODELS_PER_WORKER };

/** Worker `k`'s 10k series: 10 providers × its own 500 models × 2 statuses. */
function record(telemetry: Awaited<ReturnType<typeof startMetrics>>, k: number): void {
  for (const provider of PROVIDERS) {
    for (const model of labelValues(`w${k}-model`, MODELS_PER_WORKER)) {
      STATUSES.forEach((status, i) => telemetry.metrics.providerRequests.bind({ provider, model, status }).inc(1 + i));
    }
  }
}

const mode = process.argv[2] ?? process.env.BENCH_CLUSTER_MODE;
const common = { prometheus: { host: '127.0.0.1', port: 0 }, registerGlobal: false, pricing: false, labelLimits } as const;

if (mode === 'single') {
  const telemetry = await startMetrics(common);
  for (let k = 0; k < WORKERS; k++) record(telemetry, k);
  process.send?.({ url: telemetry.prometheus!.url });
} else if (cluster.isPrimary) {
  // The answer bound is raised: the row measures every worker's full answer, never a last one.
  const telemetry = await startMetrics({ ...common, cluster: { answerTimeoutMs: 30_000 } });
  let ready = 0;
  cluster.on('message', (_worker, message: unknown) => {
    if ((message as { ready?: boolean }).ready === true && ++ready === WORKERS) process.send?.({ url: telemetry.prometheus!.url });
  });
  for (let k = 0; k < WORKERS; k++) cluster.fork({ BENCH_CLUSTER_MODE: 'worker', BENCH_WORKER: String(k) });
} else {
  const telemetry = await startMetrics({ ...common, cluster: true });
  record(telemetry, Number(process.env.BENCH_WORKER));
  process.send?.({ ready: true });
}
// The servers run until the bench ends them.
process.on('disconnect', () => process.exit(0));
