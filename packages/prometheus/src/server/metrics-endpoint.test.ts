// The /metrics handler's limits, seen from raw HTTP clients.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { promptkitViews } from '@promptkit/meter-provider';
import { PrometheusExporter } from '../exporter.js';

test('beyond maxConcurrentScrapes a scrape gets 503 and its connection is closed, not kept alive', async () => {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false, maxConcurrentScrapes: 1 });
  const provider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(provider);
  // A slow callback keeps the first scrape in flight while the second arrives.
  provider.getMeter('app').createObservableGauge('slow').addCallback(async (result) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    result.observe(1);
  });
  await exporter.start();
  try {
    const first = fetch(exporter.url).then((res) => res.status);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const socket = connect({ host: '127.0.0.1', port: exporter.port! });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.write('GET /metrics HTTP/1.1\r\nHost: metrics\r\n\r\n');
    const sent = performance.now();
    // The server ends the connection right after the answer (keep-alive would hold it for 5 s).
    await new Promise((resolve) => socket.once('close', resolve));
    assert.ok(performance.now() - sent < 1_000, `closed after ${Math.round(performance.now() - sent)} ms`);
    assert.match(answer, /^HTTP\/1\.1 503 /);
    assert.match(answer, /\r\nretry-after: 1\r\n/i);
    assert.match(answer, /\r\nconnection: close\r\n/i);
    assert.equal(await first, 200);
  } finally {
    await exporter.shutdown();
    await provider.shutdown();
  }
});
