// One set of meters, two paths: Prometheus scrapes /metrics while OTLP pushes to a collector
// (otel-collector.yaml listens on 4318). Series names are identical on both.
//   npx tsx examples/sdk-both-paths.ts
import { startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({
  serviceName: 'both-paths-example',
  prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464',
  otlp: {
    endpoint: process.env.PROMPTKIT_OTLP_ENDPOINT ?? 'http://localhost:4318',
    protocol: 'http/protobuf',
    intervalMs: 10_000,
  },
});
console.log(`metrics: ${telemetry.prometheus?.url}`);
console.log(`pushing to: ${telemetry.config.otlp?.url}`);

telemetry.eventBus.publish({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'openai', model: 'gpt-4o', durationMs: 1200, inputTokens: 500, outputTokens: 150, cost: 0.0028 },
});

// Ctrl-C: push the last interval, close the server. An unreachable collector is reported through
// diag and never blocks shutdown beyond the export timeout.
const stop = async () => {
  await telemetry.shutdown();
  console.log('stopped');
  process.exit(0);
};
untilSignal(stop);
