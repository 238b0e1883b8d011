// Shared collections: concurrent scrapes cost one collection and one render, yet a scrape sent after
// an answer was received, and every render(), see what was recorded before them.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { promptkitViews } from '@promptkit/meter-provider';
import { PrometheusExporter } from './exporter.js';

function counted() {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false, maxConcurrentScrapes: 64 });
  const provider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(provider);
  const stats = { collections: 0 };
  const collect = exporter.reader.collect.bind(exporter.reader);
  exporter.reader.collect = (options) => {
    stats.collections++;
    return collect(options);
  };
  // Enough series that collecting and rendering take the thread for a while.
  const meter = provider.getMeter('load');
  for (let i = 0; i < 5; i++) {
    const counter = meter.createCounter(`load_${i}`);
    for (let j = 0; j < 1000; j++) counter.add(j, { key: `series-${j}-${'v'.repeat(100)}` });
  }
  return { exporter, provider, stats, jobs: meter.createCounter('jobs') };
}

/**
 * Connected sockets that have not sent anything yet, once the server has accepted them (a burst of
 * new connections is accepted in one turn of its event loop and read in the next, so requests sent
 * with the connections may take several collections; Prometheus keeps its connections open).
 */
async function connectAll(port: number, n: number): Promise<Socket[]> {
  const sockets = await Promise.all(
    Array.from({ length: n }, () => new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
      socket.once('error', reject);
    })),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  return sockets;
}

/** The status code of the answer on a socket; the socket is closed afterwards. */
function status(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1', 0, 64);
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.once('error', reject);
  });
}

test('40 scrapes sent at once share a collection and its rendered body, not one each', async () => {
  const { exporter, provider, stats } = counted();
  await exporter.start();
  try {
    await (await fetch(exporter.url)).text();
    const sockets = await connectAll(exporter.port!, 40);
    const before = stats.collections;
    const answers = sockets.map(status);
    for (const socket of sockets) socket.write('GET /metrics HTTP/1.1\r\nHost: metrics\r\nAccept-Encoding: gzip\r\n\r\n');
    assert.deepEqual(await Promise.all(answers), Array<number>(40).fill(200));
    // One collection, or a few when the kernel hands some requests over after the answers are
    // ready (seen on a loaded 2-core machine); never one per scrape, as before.
    assert.ok(stats.collections - before <= 4, `${stats.collections - before} collections for 40 scrapes`);
  } finally {
    await exporter.shutdown();
    await provider.shutdown();
  }
});

test('a scrape sent after the previous answer arrived includes what was recorded in between', async () => {
  const { exporter, provider, jobs } = counted();
  await exporter.start();
  try {
    for (let i = 1; i <= 20; i++) {
      jobs.add(1);
      // Alternate identity and gzip: either body of an old collection would show an old count.
      const text = await (await fetch(exporter.url, { headers: { 'accept-encoding': i % 2 === 0 ? 'gzip' : 'identity' } })).text();
      assert.match(text, new RegExp(`^jobs_total ${i}$`, 'm'), `scrape ${i}`);
    }
  } finally {
    await exporter.shutdown();
    await provider.shutdown();
  }
});

test('render() holds everything recorded before it, also while a scrape is being collected', async () => {
  const { exporter, provider, jobs } = counted();
  await exporter.start();
  try {
    jobs.add(1);
    const scrape = fetch(exporter.url).then((res) => res.text());
    await new Promise((resolve) => setImmediate(resolve));
    jobs.add(1);
    assert.match(await exporter.render(), /^jobs_total 2$/m);
    assert.match(await scrape, /^jobs_total [12]$/m);
  } finally {
    await exporter.shutdown();
    await provider.shutdown();
  }
});

test('a collection that times out on a callback names its instrument once, not a bare "Operation timed out"', async () => {
  const reports: string[] = [];
  const keep = (message: string) => void reports.push(message);
  diag.setLogger({ error: keep, warn: keep, info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);
  // The exporter's own MeterProvider knows which callbacks are running.
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, collectTimeoutMs: 100 });
  exporter.getMeter('app').createObservableGauge('never_settles').addCallback(() => new Promise<void>(() => undefined));
  try {
    for (let i = 0; i < 3; i++) await exporter.render();
    assert.deepEqual(reports.filter((r) => r.includes('never_settles')).length, 1, reports.join('\n'));
    assert.deepEqual(reports.filter((r) => r.includes('Operation timed out')), []);
  } finally {
    diag.disable();
    await exporter.meterProvider.shutdown();
  }
});
