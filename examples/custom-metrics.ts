// Your own metrics beside PromptKit's, on the same /metrics endpoint: the Go SDK's
// `exporter.MustRegister(customCounter)` becomes an OpenTelemetry meter from the exporter.
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter } from '@promptkit/prometheus';
import { untilSignal } from './support/until-signal.js';

const exporter = new PrometheusExporter(process.env.PROMPTKIT_ADDRESS ?? ':9090');
await exporter.start();

const meter = exporter.getMeter('my-app');
// Counters get `_total` on /metrics: this one is served as my_custom_metric_total.
const customCounter = meter.createCounter('my_custom_metric', { description: 'Custom application metric' });
// A histogram in seconds is served as my_queue_wait_seconds, with these buckets.
const queueWait = meter.createHistogram('my_queue_wait', {
  description: 'Time a request waited for a free worker',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.01, 0.05, 0.1, 0.5, 1, 5] },
});

customCounter.add(1, { route: '/chat' });
queueWait.record(0.042, { route: '/chat' });

// PromptKit's own metrics keep flowing as usual.
const eventBus = new EventBus();
eventBus.subscribeAll(new MetricsListener().listener());
eventBus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 'web_search', durationMs: 850 } });

console.log(`metrics: ${exporter.url}`);
const stop = () => void exporter.shutdown().then(() => console.log('stopped'));
untilSignal(stop);
