// Graceful shutdown on SIGINT/SIGTERM: stop the work that produces metrics, then shut the exporter
// down within 5 seconds, like the Go SDK's `context.WithTimeout(…, 5*time.Second)`.
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter } from '@promptkit/prometheus';
import { runWorkload } from './demo/workload.js';

const SHUTDOWN_TIMEOUT_MS = 5_000;

const exporter = new PrometheusExporter(process.env.PROMPTKIT_ADDRESS ?? ':9090');
await exporter.start();
const eventBus = new EventBus();
eventBus.subscribeAll(new MetricsListener().listener());

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

console.log(`metrics: ${exporter.url}`);
// The application's work: simulated pipelines until a signal arrives.
await runWorkload(eventBus, { signal: stop.signal });

// An unreferenced timer: it cannot keep the process alive once the shutdown is done.
const timedOut = sleep(SHUTDOWN_TIMEOUT_MS, 'timeout' as const, { ref: false });
try {
  if ((await Promise.race([exporter.shutdown(), timedOut])) === 'timeout') {
    throw new Error(`not done after ${SHUTDOWN_TIMEOUT_MS} ms`);
  }
  console.log('stopped');
} catch (error) {
  console.error(`error shutting down the exporter: ${(error as Error).message}`);
  process.exit(1);
}
