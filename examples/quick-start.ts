// The Quick Start of PromptKit's original Go SDK, translated: two imports, an exporter and a
// listener on an event bus.
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter } from '@promptkit/prometheus';
import { untilSignal } from './support/until-signal.js';

// Create and start the Prometheus exporter (PROMPTKIT_ADDRESS overrides ':9090'; '127.0.0.1:0' picks a free port).
const exporter = new PrometheusExporter(process.env.PROMPTKIT_ADDRESS ?? ':9090');
await exporter.start();

// Create the event bus and register the metrics listener.
const eventBus = new EventBus();
const metricsListener = new MetricsListener();
eventBus.subscribeAll(metricsListener.listener());

// Your pipeline code here...
eventBus.publish({ type: 'pipeline.started', timestamp: Date.now(), data: {} });
eventBus.publish({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'anthropic', model: 'claude-3', durationMs: 1800, inputTokens: 120, outputTokens: 48, cost: 0.004 },
});
eventBus.publish({ type: 'pipeline.completed', timestamp: Date.now(), data: { durationMs: 2100 } });

// Metrics are now available at the exporter's URL until Ctrl-C (SIGINT) or SIGTERM.
console.log(`metrics: ${exporter.url}`);
const stop = () => void exporter.shutdown().then(() => console.log('stopped'));
untilSignal(stop);
