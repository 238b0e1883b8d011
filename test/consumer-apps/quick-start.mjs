// The README's Quick Start, as an application would write it, on a loopback ephemeral port.
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter } from '@promptkit/prometheus';
import { serveUntilStdinEnds } from './serve.mjs';

const exporter = new PrometheusExporter('127.0.0.1:0');
await exporter.start();

const eventBus = new EventBus();
const metricsListener = new MetricsListener();
eventBus.subscribeAll(metricsListener.listener());

eventBus.publish({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'anthropic', model: 'claude-3', durationMs: 1800, inputTokens: 120, outputTokens: 48, cost: 0.004 },
});

serveUntilStdinEnds(exporter.url, () => exporter.shutdown());
