// Metrics on your application's own HTTP server: mount `exporter.handler()` at /metrics beside your
// routes, as PromptKit's original Go SDK does with `http.Handle("/metrics", exporter.Handler())`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter } from '@promptkit/prometheus';
import { untilSignal } from './support/until-signal.js';

// Never started: the application's server below serves its handler.
const exporter = new PrometheusExporter();
const metricsHandler = exporter.handler();

const eventBus = new EventBus();
eventBus.subscribeAll(new MetricsListener().listener());

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://app').pathname;
  if (path === '/metrics') return metricsHandler(req, res);
  if (path === '/hello') {
    // The application's own work, reported as a pipeline.
    const startedAt = Date.now();
    eventBus.publish({ type: 'pipeline.started', timestamp: startedAt, data: {} });
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('hello from the app\n');
    eventBus.publish({ type: 'pipeline.completed', timestamp: Date.now(), data: { durationMs: Date.now() - startedAt } });
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('not found: try /hello or /metrics\n');
});

// PROMPTKIT_ADDRESS overrides ':8080' (host:port); '127.0.0.1:0' picks a free port.
const [, hostPart = '', portPart = '8080'] = /^(.*):(\d+)$/.exec(process.env.PROMPTKIT_ADDRESS ?? ':8080') ?? [];
const host = hostPart === '' ? undefined : hostPart.replace(/^\[|\]$/g, '');
const port = Number(portPart);
server.once('error', (error) => {
  console.error(`cannot listen on ${host ?? ''}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen({ host, port }, () => {
  const { address, family, port: boundPort } = server.address() as AddressInfo;
  const shownHost = host === undefined ? 'localhost' : family === 'IPv6' ? `[${address}]` : address;
  console.log(`app: http://${shownHost}:${boundPort}/hello`);
  console.log(`metrics: http://${shownHost}:${boundPort}/metrics`);
});

const stop = () => {
  server.close(() => console.log('stopped'));
  server.closeAllConnections();
};
untilSignal(stop);
