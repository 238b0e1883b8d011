// `npm start`: simulated LLM pipelines (no network, no API keys) feeding live metrics to /metrics,
// for trying the dashboard and the alerts. Runs until Ctrl-C.
//
//   PROMPTKIT_PORT             port to serve on (default 9464; 0 picks a free one)
//   PROMPTKIT_HOST             interface to bind (default: all interfaces)
//   PROMPTKIT_DEMO_TIME_SCALE  1 = realistic latencies (default), 0.01 = 100x faster
//   PROMPTKIT_DEMO_RATE        pipelines per simulated second (default 3)
//   PROMPTKIT_DEMO_SEED        replay the same pipelines (default: random)
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { runWorkload } from './demo/workload.js';

/** A numeric setting from the environment; exits with a message naming the variable when invalid. */
function setting(name: string, fallback: number, valid: (value: number) => boolean, expected: string): number {
  const text = process.env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (Number.isFinite(value) && valid(value)) return value;
  console.error(`demo: ${name}='${text}' is not valid: expected ${expected}`);
  process.exit(1);
}

const port = setting('PROMPTKIT_PORT', 9464, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port from 0 to 65535');
const timeScale = setting('PROMPTKIT_DEMO_TIME_SCALE', 1, (n) => n >= 0, 'a number of at least 0 (1 is realistic)');
const pipelinesPerSecond = setting('PROMPTKIT_DEMO_RATE', 3, (n) => n > 0, 'a positive number of pipelines per second');
const seed = setting('PROMPTKIT_DEMO_SEED', Math.floor(Math.random() * 2 ** 32), Number.isInteger, 'an integer');

// startMetrics(): Prometheus on the demo's address, plus whatever the OTEL_* environment adds (an
// OTLP push with OTEL_METRICS_EXPORTER=prometheus,otlp), and the bundled price table.
let telemetry: Telemetry;
try {
  telemetry = await startMetrics({ serviceName: 'promptkit-demo', prometheus: { host: process.env.PROMPTKIT_HOST || undefined, port } });
} catch (error) {
  console.error(`demo: ${(error as Error).message}`);
  console.error('demo: set PROMPTKIT_PORT or PROMPTKIT_HOST to listen elsewhere (PROMPTKIT_PORT=0 picks a free port)');
  process.exit(1);
}

const exporter = telemetry.prometheus!;

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

console.log(`PromptKit demo: simulating LLM pipelines, ${pipelinesPerSecond}/s at time scale ${timeScale}`);
console.log(`metrics: ${exporter.url}`);
console.log(`hint: curl -s ${exporter.url} | grep '^promptkit_'   (Ctrl-C to stop)`);

const summary = await runWorkload(telemetry.eventBus, { signal: stop.signal, timeScale, pipelinesPerSecond, seed });
await telemetry.shutdown();
const { started, completed, failed } = summary.pipelines;
const providerCalls = summary.providerCalls.success + summary.providerCalls.error;
console.log(
  `stopped: ${started} pipelines (${completed} completed, ${failed} failed), ${providerCalls} provider calls, ` +
    `$${summary.costUsd.toFixed(4)} simulated cost (PROMPTKIT_DEMO_SEED=${seed} replays these pipelines)`,
);
