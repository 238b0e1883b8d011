// What a /metrics server costs under hostile or heavy scraping, measured with real HTTP clients on
// loopback: memory and sockets held for clients that never read, CPU of concurrent scrapes, a
// callback that never settles, start/shutdown in any order, and a process that never shuts down.
// The servers of the memory and CPU tests run in a child process (test/support/scrape-target.ts),
// so their RSS, CPU time and sockets are the server's alone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Agent, get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { PrometheusExporter, promptkitViews, recordToolCall } from '@promptkit/prometheus';
import { sleep, waitFor } from './support/ports.js';
import { startScrapeTarget, type ScrapeTarget } from './support/scrape-target-process.js';

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const REQUEST_TIMEOUT_MS = 2_000;
// 10 instruments × 1000 series of ~500 bytes: a 5 MB body (2.7 MB gzipped; the label values are random).
const FIVE_MB = { instruments: 10, seriesPerInstrument: 1_000, labelBytes: 480 };
const IDENTITY = 'GET /metrics HTTP/1.1\r\nHost: metrics\r\nAccept-Encoding: identity\r\n\r\n';
const IDENTITY_CLOSE = 'GET /metrics HTTP/1.1\r\nHost: metrics\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n';

/**
 * Sockets that never read. A socket paused before it connects does not start reading, so what the
 * server sends stops in the kernel once the receive window (not grown while nothing is read) and the
 * server's send buffer are full. With `accepted`, resolves once the server holds every connection.
 */
async function silentClients(target: ScrapeTarget, n: number, accepted: boolean): Promise<Socket[]> {
  const { port } = new URL(target.url);
  const base = target.sockets();
  const sockets = await Promise.all(
    Array.from({ length: n }, () => new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) });
      socket.pause();
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    })),
  );
  if (accepted) await waitFor('the server to accept every connection', () => Promise.resolve(target.sockets() >= base + n ? true : undefined), 10_000, 20);
  return sockets;
}

/** Reads what reached a socket until the server closed it: the status and the bytes received. */
function drain(socket: Socket): Promise<{ status: number; bytes: number; length: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('close', () => {
      const all = Buffer.concat(chunks);
      const head = all.subarray(0, Math.max(0, all.indexOf('\r\n\r\n'))).toString('latin1');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? NaN);
      resolve({ status: Number(head.slice(9, 12)), bytes: all.length - head.length - 4, length });
    });
    socket.on('error', () => undefined);
    socket.resume();
  });
}

/** Polls the server's open sockets until they are back to `base`; the time that took, in ms. */
async function closedWithin(target: ScrapeTarget, base: number, since: number, limitMs: number): Promise<number> {
  while (performance.now() - since < limitMs) {
    if (target.sockets() <= base) return performance.now() - since;
    await sleep(20);
  }
  return Infinity;
}

async function bodySize(url: string): Promise<number> {
  return (await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength;
}

/** 40 clients send at once and never read; what the server holds while they wait, and when it lets go. */
async function silentRound(target: ScrapeTarget, preConnected: boolean) {
  const base = target.sockets();
  const before = await target.stats();
  const clients = await silentClients(target, 40, preConnected);
  const sent = performance.now();
  for (const client of clients) client.write(IDENTITY);
  // The refused are answered and closed at once; the served hold their answers until cut.
  await sleep(1_000);
  const during = await target.stats();
  const cut = await closedWithin(target, base, sent, REQUEST_TIMEOUT_MS + 5_000);
  const answers = await Promise.all(clients.map(drain));
  return {
    answers,
    cut,
    rss: during.rss - before.rss,
    buffers: during.arrayBuffers - before.arrayBuffers,
    collections: during.collections - before.collections,
  };
}

test('40 clients that never read a 5 MB answer: RSS grows by less than two bodies, the 8 served are cut at requestTimeoutMs, 32 get 503', async (t) => {
  const target = await startScrapeTarget({ ...FIVE_MB, requestTimeoutMs: REQUEST_TIMEOUT_MS, idleTimeoutMs: 60_000 });
  try {
    // Warm-up of the same shape with clients that read: the baseline then already holds what such
    // a round leaves behind (compiled code, heap grown for one collection and render).
    await bodySize(target.url);
    const body = await bodySize(target.url);
    const warm = await silentClients(target, 40, true);
    const warmAnswers = warm.map(drain);
    for (const client of warm) client.write(IDENTITY_CLOSE);
    // Clients that read free their slots quickly, so a request read later may still be served.
    const warmStatuses = (await Promise.all(warmAnswers)).map((a) => (a.status === 200 && a.bytes === body ? 200 : a.status));
    assert.ok(warmStatuses.every((status) => status === 200 || status === 503) && warmStatuses.filter((status) => status === 200).length >= 8, warmStatuses.join(','));

    // Connected first, as Prometheus' kept-alive connections are: the requests arrive together.
    const held = await silentRound(target, true);
    const served = held.answers.filter((a) => a.status === 200);
    t.diagnostic(`body ${MB(body)}; while 8 never-reading clients held answers: RSS ${held.rss >= 0 ? '+' : ''}${MB(held.rss)} (${(held.rss / body).toFixed(2)} bodies), Buffers +${MB(held.buffers)}, ${held.collections} collection(s)`);
    t.diagnostic(`served connections closed ${Math.round(held.cut)} ms after the requests (requestTimeoutMs ${REQUEST_TIMEOUT_MS}); each had received ${MB(Math.max(...served.map((a) => a.bytes)))} of ${MB(body)}`);
    assert.deepEqual(held.answers.map((a) => a.status).sort(), [...Array<number>(8).fill(200), ...Array<number>(32).fill(503)]);
    for (const answer of served) assert.ok(answer.bytes < answer.length, `a served client received ${answer.bytes} of ${answer.length} bytes: the answer was not cut`);
    assert.ok(held.collections <= 2, `the 8 served scrapes took ${held.collections} collections`);
    assert.ok(held.rss < 2 * body, `RSS grew by ${MB(held.rss)}, two bodies are ${MB(2 * body)}`);
    // The deadline runs from each request's handler; a collection in progress can delay reading.
    assert.ok(held.cut <= REQUEST_TIMEOUT_MS + 1_500, `served connections closed after ${Math.round(held.cut)} ms`);

    // New connections that send at once are accepted in one turn of the event loop and read in the
    // next, so they may take a few collections; each served answer still holds one shared body.
    const burst = await silentRound(target, false);
    t.diagnostic(`burst of new connections: RSS ${MB(burst.rss)}, Buffers +${MB(burst.buffers)} (${(burst.buffers / body).toFixed(2)} bodies), ${burst.collections} collection(s), all closed after ${Math.round(burst.cut)} ms`);
    assert.equal(burst.answers.filter((a) => a.status === 200).length, 8);
    assert.ok(burst.buffers <= 8 * body + 1e6, `Buffers grew by ${MB(burst.buffers)}: more than maxConcurrentScrapes bodies`);
    // Requests read after a collection get their deadline from then: later, but still bounded.
    assert.ok(burst.cut <= REQUEST_TIMEOUT_MS + 4_000, `connections closed after ${Math.round(burst.cut)} ms`);
  } finally {
    await target.stop();
  }
});

test('40 concurrent scrapes that read cost at most twice the CPU of one scrape', async (t) => {
  // Method: the server runs in a child process and reports its own process.cpuUsage() over IPC
  // (no GC forced). Each round measures one scrape, then 40 concurrent scrapes, on 40 kept-alive
  // connections (as Prometheus scrapes), with gzip (as Prometheus asks) and clients that count the
  // bytes without decompressing, so the clients cost the server nothing but the writes. Both halves
  // of a round see the same data and the same warm code; the median of five rounds' ratios rides
  // out a GC or a scheduling hiccup in any one of them.
  // Half the body of the memory test keeps the rounds short; the ratio does not depend on the size.
  const target = await startScrapeTarget({ ...FIVE_MB, instruments: 5, maxConcurrentScrapes: 64 });
  const agent = new Agent({ keepAlive: true, maxSockets: 40 });
  const scrape = () =>
    new Promise<number>((resolve, reject) => {
      get(target.url, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`status ${res.statusCode}`))));
      }).on('error', reject);
    });
  try {
    await Promise.all(Array.from({ length: 40 }, scrape));
    const ratios: number[] = [];
    const collections: number[] = [];
    for (let round = 0; round < 5; round++) {
      const start = await target.stats(false);
      await scrape();
      const one = await target.stats(false);
      await Promise.all(Array.from({ length: 40 }, scrape));
      const forty = await target.stats(false);
      ratios.push((forty.cpuMicros - one.cpuMicros) / (one.cpuMicros - start.cpuMicros));
      collections.push(forty.collections - one.collections);
      t.diagnostic(`round ${round}: one scrape ${((one.cpuMicros - start.cpuMicros) / 1000).toFixed(0)} ms CPU, 40 concurrent ${((forty.cpuMicros - one.cpuMicros) / 1000).toFixed(0)} ms (${collections.at(-1)} collection)`);
    }
    const median = [...ratios].sort((a, b) => a - b)[2]!;
    t.diagnostic(`CPU of 40 concurrent scrapes ÷ one scrape: median ${median.toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`);
    assert.ok(median <= 2, `40 concurrent scrapes cost ${median.toFixed(2)}× one scrape`);
    assert.ok(collections.every((c) => c <= 2), `collections per 40 scrapes: ${collections.join(', ')}`);
  } finally {
    agent.destroy();
    await target.stop();
  }
});

test('an observable callback that never settles: scrapes answer within collectTimeoutMs with the other series; diag names it once', async () => {
  const reports: string[] = [];
  const keep = (message: string) => void reports.push(message);
  diag.setLogger({ error: keep, warn: keep, info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);
  const collectTimeoutMs = 500;
  // The exporter builds its own MeterProvider (and registers it globally, for recordToolCall).
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, collectTimeoutMs });
  const meter = exporter.getMeter('app');
  meter.createObservableGauge('stuck_queue_depth').addCallback(() => new Promise<void>(() => undefined));
  meter.createObservableGauge('queue_depth').addCallback((result) => result.observe(3));
  meter.createCounter('jobs').add(2);
  recordToolCall('search', 'success', 0.25);
  await exporter.start();
  try {
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      // Five scrapes at once wait for the same collection.
      const texts = await Promise.all(Array.from({ length: 5 }, async () => {
        const res = await fetch(exporter.url, { signal: AbortSignal.timeout(10_000) });
        assert.equal(res.status, 200);
        return res.text();
      }));
      const ms = performance.now() - started;
      assert.ok(ms < collectTimeoutMs + 1_000, `round ${round} answered after ${Math.round(ms)} ms`);
      for (const text of texts) {
        assert.match(text, /^queue_depth 3$/m);
        assert.match(text, /^jobs_total 2$/m);
        assert.match(text, /^promptkit_tool_calls_total\{tool="search",status="success"\} 1$/m);
        assert.doesNotMatch(text, /stuck_queue_depth/);
      }
    }
    const named = reports.filter((r) => r.includes("'stuck_queue_depth'"));
    assert.equal(named.length, 1, reports.join('\n'));
    assert.match(named[0]!, /did not settle within 500 ms/);
  } finally {
    diag.disable();
    await exporter.shutdown();
  }
});

function exporterWithProvider(): PrometheusExporter {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  exporter.bindMeterProvider(new MeterProvider({ readers: [exporter.reader], views: promptkitViews() }));
  return exporter;
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

test('start() and shutdown() called without awaiting end in the state the last call asked for', async () => {
  // With a MeterProvider of the application's, and with the exporter's own (whose start() may
  // first check what its histograms need: that check must not let a later shutdown() overtake it).
  for (const exporter of [exporterWithProvider(), new PrometheusExporter({ host: '127.0.0.1', port: 0 })]) {
    void exporter.shutdown();
    void exporter.start();
    void exporter.shutdown();
    await exporter.start();
    assert.equal((await fetch(exporter.url.replace('/metrics', '/health'))).status, 200);
    const port = exporter.port!;
    const started = exporter.start();
    await exporter.shutdown();
    await started;
    assert.equal(exporter.port, undefined, 'start(); shutdown(); leaves the server closed');
    assert.ok(await refused(port), 'start(); shutdown(); leaves the port closed');
  }
  const exporter = exporterWithProvider();
  // Any sequence: every port opened on the way is closed unless the last call was start().
  await fc.assert(
    fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), async (calls) => {
      const ports: number[] = [];
      // A start() may resolve after a later shutdown() has begun: its port is then already gone.
      const opened = () => void (exporter.port !== undefined && ports.push(exporter.port));
      const done = calls.map((start) => (start ? exporter.start().then(opened) : exporter.shutdown()));
      await Promise.all(done);
      if (calls.at(-1) === true) {
        assert.notEqual(exporter.port, undefined);
        assert.equal((await fetch(exporter.url.replace('/metrics', '/health'))).status, 200);
      } else assert.equal(exporter.port, undefined);
      for (const p of ports) if (p !== exporter.port) assert.ok(await refused(p), `port ${p} still open after ${calls.join(',')}`);
      await exporter.shutdown();
    }),
    { numRuns: 20 },
  );
});

test('a script that serves /metrics and never calls shutdown() exits by itself once its work is done', async () => {
  const script = fileURLToPath(new URL('./support/serve-and-forget.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, WORK_MS: '1500' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<[number | null, number]>((resolve) => child.once('exit', (code) => resolve([code, performance.now()])));
  try {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await waitFor('the script to print its URL', () => Promise.resolve(out.includes('\n') ? out.split('\n')[0] : undefined), 20_000, 20);
    // Reachable while the script runs; a kept-alive connection and an idle one stay open after.
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /^promptkit_tool_calls_total\{tool="search",status="success"\} 1$/m);
    const keptAlive = connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
    keptAlive.write('GET /metrics HTTP/1.1\r\nHost: metrics\r\n\r\n');
    keptAlive.on('data', () => undefined);
    keptAlive.on('error', () => undefined);
    const idle = connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
    idle.on('error', () => undefined);
    await waitFor('the script to finish its work', () => Promise.resolve(out.includes('work done') ? true : undefined), 10_000, 10);
    const workDone = performance.now();
    const [code, at] = await Promise.race([exited, sleep(5_000).then((): [null, number] => [null, Infinity])]);
    keptAlive.destroy();
    idle.destroy();
    assert.equal(code, 0, 'the script exited by itself, with status 0');
    assert.ok(at - workDone < 1_000, `exited ${Math.round(at - workDone)} ms after its work was done`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
