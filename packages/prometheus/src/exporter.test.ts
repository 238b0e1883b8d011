import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { test } from 'node:test';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { PrometheusExporter } from './exporter.js';
import { promptkitViews } from '@promptkit/meter-provider';

// Exporters here do not touch the global MeterProvider: each gets its own, as startMetrics() does.
function exporterWithProvider(options: ConstructorParameters<typeof PrometheusExporter>[0] & object = {}) {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ...options, ownMeterProvider: false });
  exporter.bindMeterProvider(new MeterProvider({ readers: [exporter.reader], views: promptkitViews() }));
  return exporter;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

test('start() resolves once listening; url has the real port; /health answers ok', async () => {
  const exporter = exporterWithProvider();
  await exporter.start();
  try {
    assert.match(exporter.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    assert.notEqual(exporter.port, 0);
    const health = await fetch(exporter.url.replace('/metrics', '/health'));
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'ok');
    assert.equal((await fetch(exporter.url.replace('/metrics', '/nope'))).status, 404);
    const post = await fetch(exporter.url, { method: 'POST', body: 'x'.repeat(1000) });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    const head = await fetch(exporter.url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  } finally {
    await exporter.shutdown();
  }
});

test('a busy port rejects start() with the address and the reason', async () => {
  const first = exporterWithProvider();
  await first.start();
  try {
    const second = exporterWithProvider({ port: first.port! });
    await assert.rejects(second.start(), (error: Error) => {
      assert.match(error.message, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${first.port}: the port is already in use \\(EADDRINUSE\\)`));
      return true;
    });
    await second.shutdown(); // idempotent even when never started
  } finally {
    await first.shutdown();
  }
});

test('shutdown closes the port, is idempotent, and the exporter can start again', async () => {
  const exporter = exporterWithProvider();
  await exporter.start();
  const port = exporter.port!;
  // A keep-alive connection must not hold shutdown open.
  await fetch(exporter.url, { keepalive: true });
  await exporter.shutdown();
  await exporter.shutdown();
  assert.equal(await portOpen(port), false);
  await exporter.start();
  try {
    assert.equal((await fetch(exporter.url)).status, 200);
  } finally {
    await exporter.shutdown();
  }
});

test('a custom metric from getMeter() appears on the same endpoint', async () => {
  const exporter = exporterWithProvider();
  await exporter.start();
  try {
    exporter.getMeter('my-app').createCounter('my_custom_metric', { description: 'Custom application metric' }).add(3);
    const body = await (await fetch(exporter.url)).text();
    assert.match(body, /^# HELP my_custom_metric_total Custom application metric$/m);
    assert.match(body, /^my_custom_metric_total 3$/m);
  } finally {
    await exporter.shutdown();
  }
});

test('handler() serves the metrics inside an existing HTTP server', async () => {
  const exporter = exporterWithProvider();
  exporter.getMeter('app').createCounter('handled_total').add(1);
  const handler = exporter.handler();
  const server = createServer((req, res) => (req.url === '/metrics' ? handler(req, res) : res.end('app')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    assert.match(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text(), /^handled_total 1$/m);
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'app');
  } finally {
    server.close();
  }
});

test('bearer token and basic auth protect the metrics endpoint, not /health', async () => {
  for (const [options, good] of [
    [{ bearerToken: 's3cret' }, 'Bearer s3cret'],
    [{ basicAuth: { username: 'prom', password: 'pw' } }, `Basic ${Buffer.from('prom:pw').toString('base64')}`],
  ] as const) {
    const exporter = exporterWithProvider(options);
    await exporter.start();
    try {
      assert.equal((await fetch(exporter.url)).status, 401);
      assert.equal((await fetch(exporter.url, { headers: { authorization: 'Bearer wrong' } })).status, 401);
      assert.equal((await fetch(exporter.url, { headers: { authorization: good } })).status, 200);
      assert.equal((await fetch(exporter.url.replace('/metrics', '/health'))).status, 200);
    } finally {
      await exporter.shutdown();
    }
  }
});

test('a custom endpoint path', async () => {
  const exporter = exporterWithProvider({ endpoint: '/prom' });
  await exporter.start();
  try {
    assert.match(exporter.url, /\/prom$/);
    assert.equal((await fetch(exporter.url)).status, 200);
    assert.equal((await fetch(exporter.url.replace('/prom', '/metrics'))).status, 404);
  } finally {
    await exporter.shutdown();
  }
});
