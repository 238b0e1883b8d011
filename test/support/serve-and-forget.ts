// A script that serves /metrics and never calls shutdown(): Node must exit once the script's own work
// is done, whatever the metrics server and its clients still hold open.
import { PrometheusExporter, recordToolCall } from '@promptkit/prometheus';

const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0 });
await exporter.start();
recordToolCall('search', 'success', 0.25);
process.stdout.write(`${exporter.url}\n`);
// The application's work, which ends; nothing calls exporter.shutdown().
setTimeout(() => process.stdout.write('work done\n'), Number(process.env.WORK_MS ?? 1_500));
