// OTLP push configured only by the environment:
//   OTEL_METRICS_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 \
//   OTEL_SERVICE_NAME=my-app npx tsx examples/sdk-otlp-from-env.ts
import { startMetrics } from '@promptkit/sdk';

const telemetry = await startMetrics(); // no code settings: OTEL_* variables, then defaults
const otlp = telemetry.config.otlp;
console.log(otlp ? `pushing OTLP to ${otlp.url} every ${otlp.intervalMs} ms (${otlp.protocol})` : 'OTLP push is off');

const provider = process.env.PROMPTKIT_EXAMPLE_PROVIDER ?? 'openai';
for (let i = 0; i < 3; i++) {
  telemetry.eventBus.publish({
    type: 'provider.call.completed',
    timestamp: Date.now(),
    data: { provider, model: 'gpt-4o-mini', durationMs: 800 + i * 100, inputTokens: 300, outputTokens: 120 },
  });
}
// Let a few intervals pass, then shut down: the last interval is flushed on the way out.
await new Promise((resolve) => setTimeout(resolve, Number(process.env.PROMPTKIT_EXAMPLE_RUN_MS ?? 3000)));
await telemetry.shutdown();
console.log('flushed and stopped');
