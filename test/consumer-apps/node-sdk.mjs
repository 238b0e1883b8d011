// An application that already runs OpenTelemetry's NodeSDK with its own Prometheus reader, then
// attaches PromptKit to the global MeterProvider NodeSDK registered. Its own /metrics must then
// carry PromptKit's series: from the event bus and from the record* functions.
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { recordProviderRequest, recordProviderTokens } from '@promptkit/metrics';
import { startMetrics } from '@promptkit/sdk';
import { serveUntilStdinEnds } from './serve.mjs';

const port = Number(process.env.APP_METRICS_PORT);
// exporter-prometheus treats port 0 as its default 9464, so the test hands over a free port; the
// host is explicit because 0.2xx listens on every interface and 0.30x on localhost.
// Its server starts listening asynchronously; the callback says when (or why not).
let listening;
const started = new Promise((resolve, reject) => (listening = (error) => (error ? reject(error) : resolve())));
const reader = new PrometheusExporter({ host: '127.0.0.1', port }, listening);
const sdk = new NodeSDK({ serviceName: 'consumer-node-sdk', metricReaders: [reader] });
sdk.start();

const telemetry = await startMetrics({ meterProvider: metrics.getMeterProvider() });
telemetry.eventBus.publish({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'anthropic', model: 'claude-3', durationMs: 1800, inputTokens: 120, outputTokens: 48, cost: 0.004 },
});
telemetry.eventBus.publish({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'anthropic', model: 'claude-3', durationMs: 200, inputTokens: 30, outputTokens: 2 },
});
recordProviderRequest('openai', 'gpt-4o', 'success', 2.5);
recordProviderRequest('openai', 'gpt-4o', 'error', 0.5);
recordProviderTokens('openai', 'gpt-4o', 1000, 250, 400);

await started;
serveUntilStdinEnds(`http://127.0.0.1:${port}/metrics`, async () => {
  await telemetry.shutdown();
  await sdk.shutdown();
});
