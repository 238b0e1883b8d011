// /metrics security against the real PrometheusExporter server: TLS with a certificate generated at
// test time, authentication over TLS, GET/HEAD only, no request body read, header and request
// timeouts (slowloris), the bind address honoured, and no event text ever becoming a label value.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, createServer, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter, promptkitViews, type PrometheusExporterOptions } from '@promptkit/prometheus';

// ---- helpers ----

const running: PrometheusExporter[] = [];

/** An exporter on its own MeterProvider (never the global one), started, with one event recorded. */
async function startExporter(options: PrometheusExporterOptions = {}): Promise<PrometheusExporter> {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ...options, ownMeterProvider: false });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
  bus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 'web_search', durationMs: 20 } });
  running.push(exporter);
  await exporter.start();
  return exporter;
}

after(async () => {
  for (const exporter of running) await exporter.shutdown();
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The certificate the server presented (HTTPS only). */
  peerCertificate?: { fingerprint256: string };
}

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** HTTPS: trusted CA (our self-signed certificate); without it the default trust store applies. */
  ca?: string;
  rejectUnauthorized?: boolean;
  /** Connect here instead of the URL's host (e.g. another local address). */
  host?: string;
}

/** One request on a fresh connection (no agent, no keep-alive), bounded in time. */
function request(url: string, options: RequestOptions = {}): Promise<Reply> {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: options.host ?? target.hostname.replace(/^\[|\]$/g, ''),
        port: Number(target.port),
        path: target.pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        timeout: 5_000,
        ...(https ? { ca: options.ca, rejectUnauthorized: options.rejectUnauthorized ?? true, servername: 'localhost' } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        const peer = https ? (res.socket as TLSSocket).getPeerCertificate() : undefined;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ...(peer ? { peerCertificate: { fingerprint256: peer.fingerprint256 } } : {}),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out after 5 s')));
    req.on('error', reject);
    req.end(options.body);
  });
}

interface RawResult {
  /** Everything the server sent. */
  received: string;
  /** Milliseconds from connect until the first byte arrived (undefined: none). */
  firstByteMs?: number;
  /** Milliseconds from connect until the server closed the connection (undefined: still open at the limit). */
  closedMs?: number;
}

/**
 * A raw TCP client: connects, lets `drive` write to the socket, and records what comes back and when
 * the server closes the connection. Gives up (destroying the socket) after `limitMs`.
 */
function rawExchange(port: number, drive: (socket: Socket) => void, limitMs: number, host = '127.0.0.1'): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const began = Date.now();
    const result: RawResult = { received: '' };
    const socket = connect({ host, port });
    let timers: NodeJS.Timeout[] = [];
    const finish = () => {
      for (const timer of timers) clearTimeout(timer);
      timers = [];
      resolve(result);
    };
    socket.on('data', (chunk: Buffer) => {
      result.firstByteMs ??= Date.now() - began;
      result.received += chunk.toString('latin1');
    });
    // The server may reset the connection while we still write: that counts as closed.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      result.closedMs = Date.now() - began;
      finish();
    });
    socket.once('connect', () => drive(socket));
    socket.once('error', (error) => {
      if (socket.connecting) reject(error);
    });
    timers.push(
      setTimeout(() => {
        socket.removeAllListeners('close');
        socket.destroy();
        finish();
      }, limitMs),
    );
  });
}

/** Resolves with the connect error code ('ECONNREFUSED'…), or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Whether this machine can listen on an address (e.g. '::1' when IPv6 loopback exists). */
function canListen(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port: 0 }, () => server.close(() => resolve(true)));
  });
}

// ---- a self-signed certificate for localhost and 127.0.0.1, made with openssl at test time ----

let certDir: string | undefined;
let tls: { keyPath: string; certPath: string; key: string; cert: string } | undefined;
let noOpenssl = '';

before(() => {
  const version = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    noOpenssl = `openssl is not available (${version.error?.message ?? version.stderr}); TLS tests skipped`;
    if (process.env.CI === 'true') throw new Error(noOpenssl);
    return;
  }
  certDir = mkdtempSync(join(tmpdir(), 'promptkit-tls-'));
  const keyPath = join(certDir, 'key.pem');
  const certPath = join(certDir, 'cert.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', keyPath, '-out', certPath],
    { encoding: 'utf8', timeout: 30_000 },
  );
  assert.equal(made.status, 0, `openssl req failed: ${made.stderr}`);
  tls = { keyPath, certPath, key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
});

after(() => {
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

function requireTls(t: TestContext): typeof tls {
  if (!tls) t.skip(noOpenssl);
  return tls;
}

// ---- TLS ----

test('TLS from PEM file paths: the scrape over https works and the server presents our certificate', async (t) => {
  const pems = requireTls(t);
  if (!pems) return;
  const exporter = await startExporter({ tls: { key: pems.keyPath, cert: pems.certPath } });
  assert.match(exporter.url, /^https:\/\/127\.0\.0\.1:\d+\/metrics$/);
  const reply = await request(exporter.url, { ca: pems.cert });
  assert.equal(reply.status, 200);
  assert.match(reply.body, /^promptkit_tool_calls_total\{tool="web_search",status="success"\} 1$/m);
  assert.equal(reply.peerCertificate?.fingerprint256, new X509Certificate(pems.cert).fingerprint256);
  assert.equal((await request(exporter.url.replace('/metrics', '/health'), { ca: pems.cert })).body, 'ok');
  // Without our CA the client must refuse the self-signed certificate: the server really does TLS.
  await assert.rejects(request(exporter.url), (error: NodeJS.ErrnoException) => {
    assert.match(String(error.code), /SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
    return true;
  });
});

test('TLS from PEM contents works the same as from paths', async (t) => {
  const pems = requireTls(t);
  if (!pems) return;
  const exporter = await startExporter({ tls: { key: pems.key, cert: pems.cert } });
  const reply = await request(exporter.url, { rejectUnauthorized: false });
  assert.equal(reply.status, 200);
  assert.equal(reply.peerCertificate?.fingerprint256, new X509Certificate(pems.cert).fingerprint256);
  assert.match(reply.body, /promptkit_tool_calls_total/);
});

test('plain http to the TLS port gets no metrics', async (t) => {
  const pems = requireTls(t);
  if (!pems) return;
  const exporter = await startExporter({ tls: { key: pems.keyPath, cert: pems.certPath } });
  const plain = exporter.url.replace(/^https:/, 'http:');
  const outcome = await request(plain).then(
    (reply) => reply,
    (error: Error) => error,
  );
  if (outcome instanceof Error) return; // the connection was refused at the TLS layer: fine
  assert.notEqual(outcome.status, 200, 'a plain-http request to the TLS port must not be served');
  assert.doesNotMatch(outcome.body, /promptkit_/);
});

test('a bad TLS option fails start()/construction clearly instead of serving plain http', async (t) => {
  const pems = requireTls(t);
  if (!pems) return;
  const missing = join(certDir!, 'nope.pem');
  await assert.rejects(
    (async () => {
      await startExporter({ tls: { key: missing, cert: pems.certPath } });
    })(),
    (error: Error) => {
      assert.match(error.message, /nope\.pem/);
      return true;
    },
  );
});

test('bearer token over TLS: 401 without or with a wrong token, 200 with the right one', async (t) => {
  const pems = requireTls(t);
  if (!pems) return;
  const exporter = await startExporter({ tls: { key: pems.keyPath, cert: pems.certPath }, bearerToken: 'tls-s3cret' });
  const none = await request(exporter.url, { ca: pems.cert });
  assert.equal(none.status, 401);
  assert.match(String(none.headers['www-authenticate']), /^Bearer/);
  assert.doesNotMatch(none.body, /promptkit_/);
  assert.equal((await request(exporter.url, { ca: pems.cert, headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await request(exporter.url, { ca: pems.cert, headers: { authorization: 'Bearer tls-s3cret-and-more' } })).status, 401);
  // HTTP auth schemes are case-insensitive (RFC 9110).
  assert.equal((await request(exporter.url, { ca: pems.cert, headers: { authorization: 'bearer tls-s3cret' } })).status, 200);
  assert.equal((await request(exporter.url, { ca: pems.cert, headers: { authorization: 'BEARER tls-s3cret' } })).status, 200);
  const ok = await request(exporter.url, { ca: pems.cert, headers: { authorization: 'Bearer tls-s3cret' } });
  assert.equal(ok.status, 200);
  assert.match(ok.body, /promptkit_tool_calls_total/);
  // /health stays open for load balancers and probes.
  assert.equal((await request(exporter.url.replace('/metrics', '/health'), { ca: pems.cert })).status, 200);
});

test('basic auth over TLS: wrong user or password is refused', async (t) => {
  const pems = requireTls(t);
  if (!pems) return;
  const exporter = await startExporter({ tls: { key: pems.key, cert: pems.cert }, basicAuth: { username: 'prom', password: 'p:w' } });
  const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });
  const none = await request(exporter.url, { ca: pems.cert });
  assert.equal(none.status, 401);
  assert.match(String(none.headers['www-authenticate']), /^Basic/);
  assert.equal((await request(exporter.url, { ca: pems.cert, headers: basic('prom', 'wrong') })).status, 401);
  assert.equal((await request(exporter.url, { ca: pems.cert, headers: basic('other', 'p:w') })).status, 401);
  assert.equal((await request(exporter.url, { ca: pems.cert, headers: basic('prom', 'p:w') })).status, 200);
});

// ---- methods and request bodies ----

test('GET and HEAD only: every other method is 405 with Allow, on /metrics and /health', async () => {
  const exporter = await startExporter();
  for (const path of ['/metrics', '/health']) {
    const url = exporter.url.replace('/metrics', path);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT']) {
      const reply = await request(url, { method, ...(method === 'POST' || method === 'PUT' ? { body: 'x=1' } : {}) }).catch((error: Error) => error);
      // CONNECT is answered by Node itself (no 'connect' listener): the connection is closed.
      if (method === 'CONNECT' && reply instanceof Error) continue;
      if (reply instanceof Error) assert.fail(`${method} ${path}: ${reply.message}`);
      assert.equal(reply.status, 405, `${method} ${path}`);
      assert.equal(reply.headers.allow, 'GET, HEAD', `${method} ${path}`);
      assert.doesNotMatch(reply.body, /promptkit_/, `${method} ${path}`);
    }
    const head = await request(url, { method: 'HEAD' });
    assert.equal(head.status, 200, `HEAD ${path}`);
    assert.equal(head.body, '', `HEAD ${path}`);
  }
});

test('methods are checked before authentication leaks anything: 405 and 401 carry no metrics', async () => {
  const exporter = await startExporter({ bearerToken: 't' });
  const put = await request(exporter.url, { method: 'PUT', headers: { authorization: 'Bearer t' }, body: 'x' });
  assert.equal(put.status, 405);
  assert.doesNotMatch(put.body, /promptkit_/);
  const head = await request(exporter.url, { method: 'HEAD' });
  assert.equal(head.status, 401);
  assert.equal((await request(exporter.url, { method: 'HEAD', headers: { authorization: 'Bearer t' } })).status, 200);
});

test('a POST announcing a 100 MB body is answered 405 at once, without reading the body, and closed', async () => {
  const exporter = await startExporter();
  const result = await rawExchange(
    exporter.port!,
    (socket) => socket.write('POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100000000\r\n\r\nabc'),
    5_000,
  );
  assert.match(result.received, /^HTTP\/1\.1 405 /, result.received);
  assert.match(result.received, /\r\nAllow: GET, HEAD\r\n/i);
  assert.ok(result.firstByteMs !== undefined && result.firstByteMs < 1_000, `405 took ${result.firstByteMs} ms`);
  // The server ends the exchange: it does not wait for (read) the 100 MB that never come.
  assert.ok(result.closedMs !== undefined && result.closedMs < 2_000, `connection still open after ${result.closedMs ?? 5_000} ms`);
});

test('a POST with Expect: 100-continue gets 405, never "100 Continue" (the body is not invited)', async () => {
  const exporter = await startExporter();
  const result = await rawExchange(
    exporter.port!,
    (socket) => socket.write('POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\nExpect: 100-continue\r\n\r\n'),
    5_000,
  );
  // Node answers Expect: 100-continue itself unless the server handles 'checkContinue'.
  assert.doesNotMatch(result.received, /^HTTP\/1\.1 100 /, 'the server invited the 100 MB body with "100 Continue"');
  assert.match(result.received, /^HTTP\/1\.1 405 /);
});

// ---- timeouts (slowloris) ----

test('header timeout: a request line that stalls is cut after headersTimeoutMs', async () => {
  const headersTimeoutMs = 500;
  const exporter = await startExporter({ headersTimeoutMs, requestTimeoutMs: 10_000 });
  const result = await rawExchange(exporter.port!, (socket) => socket.write('GET /metr'), headersTimeoutMs + 4_500);
  // Node enforces the timeout on its connectionsCheckingInterval (30 s by default): the exporter
  // must check often enough for a short timeout to mean what it says.
  assert.ok(
    result.closedMs !== undefined && result.closedMs <= headersTimeoutMs + 1_500,
    `a stalled request line was still open after ${result.closedMs ?? headersTimeoutMs + 4_500} ms (headersTimeoutMs ${headersTimeoutMs})`,
  );
  assert.ok(result.closedMs >= headersTimeoutMs - 50, `closed too early: ${result.closedMs} ms`);
  assert.doesNotMatch(result.received, /promptkit_/);
});

test('header timeout: trickling header bytes does not extend it (slowloris)', async () => {
  const headersTimeoutMs = 600;
  const exporter = await startExporter({ headersTimeoutMs, requestTimeoutMs: 10_000 });
  let trickle: NodeJS.Timeout | undefined;
  const result = await rawExchange(
    exporter.port!,
    (socket) => {
      socket.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      let n = 0;
      trickle = setInterval(() => {
        if (socket.destroyed || n++ > 100) return clearInterval(trickle);
        socket.write(`X-Slow-${n}: a\r\n`);
      }, 100);
    },
    headersTimeoutMs + 4_500,
  );
  clearInterval(trickle);
  assert.ok(
    result.closedMs !== undefined && result.closedMs <= headersTimeoutMs + 1_500,
    `a trickling client was still connected after ${result.closedMs ?? headersTimeoutMs + 4_500} ms (headersTimeoutMs ${headersTimeoutMs})`,
  );
});

test('request timeout: requestTimeoutMs bounds a request even when the header timeout is longer', async () => {
  const requestTimeoutMs = 700;
  const exporter = await startExporter({ headersTimeoutMs: 20_000, requestTimeoutMs });
  let trickle: NodeJS.Timeout | undefined;
  const result = await rawExchange(
    exporter.port!,
    (socket) => {
      socket.write('GET /metrics HTTP/1.1\r\n');
      let n = 0;
      trickle = setInterval(() => {
        if (socket.destroyed || n++ > 100) return clearInterval(trickle);
        socket.write(`X-Slow-${n}: a\r\n`);
      }, 100);
    },
    requestTimeoutMs + 4_500,
  );
  clearInterval(trickle);
  assert.ok(
    result.closedMs !== undefined && result.closedMs <= requestTimeoutMs + 1_500,
    `the request was still open after ${result.closedMs ?? requestTimeoutMs + 4_500} ms (requestTimeoutMs ${requestTimeoutMs})`,
  );
});

test('TLS: a client that connects and never starts the handshake is cut after headersTimeoutMs too', async (t) => {
  const pems = requireTls(t);
  if (!pems) return;
  const headersTimeoutMs = 500;
  const exporter = await startExporter({ tls: { key: pems.key, cert: pems.cert }, headersTimeoutMs });
  // No ClientHello at all: the HTTP header timeout has not started yet, so only a TLS handshake
  // timeout (Node's default: 120 s) can end this connection.
  const result = await rawExchange(exporter.port!, () => undefined, headersTimeoutMs + 4_500);
  assert.ok(
    result.closedMs !== undefined && result.closedMs <= headersTimeoutMs + 1_500,
    `a connection without a TLS handshake was still open after ${result.closedMs ?? headersTimeoutMs + 4_500} ms (headersTimeoutMs ${headersTimeoutMs})`,
  );
});

test('stalled clients do not block a normal scrape meanwhile', async () => {
  const exporter = await startExporter({ headersTimeoutMs: 800 });
  const slow = Array.from({ length: 20 }, () => rawExchange(exporter.port!, (socket) => socket.write('GET /met'), 1_500));
  const reply = await request(exporter.url);
  assert.equal(reply.status, 200);
  assert.match(reply.body, /promptkit_tool_calls_total/);
  await Promise.all(slow);
});

// ---- bind address ----

function otherIPv4(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('127.')) return a.address;
  }
  return undefined;
}

test('host 127.0.0.1 is honoured: the port is refused on the machine\'s other IPv4 address', async (t) => {
  const other = otherIPv4();
  if (!other) return t.skip('this machine has no non-loopback IPv4 address; the bind-address check needs one');
  const exporter = await startExporter({ host: '127.0.0.1' });
  assert.equal((await request(exporter.url)).status, 200);
  assert.equal(await tryConnect(other, exporter.port!), 'ECONNREFUSED', `127.0.0.1-only exporter reachable via ${other}`);
  // Control: an exporter on every interface is reachable there, so the refusal above means something.
  const everywhere = await startExporter({ host: '0.0.0.0' });
  assert.equal(await tryConnect(other, everywhere.port!), 'connected', `0.0.0.0 exporter not reachable via ${other}`);
  assert.equal((await request(everywhere.url, { host: other })).status, 200);
});

test('host 127.0.0.1 is not reachable over IPv6 loopback, host ::1 not over IPv4', async (t) => {
  if (!(await canListen('::1'))) return t.skip('this machine has no IPv6 loopback (::1)');
  const v4 = await startExporter({ host: '127.0.0.1' });
  assert.equal(await tryConnect('::1', v4.port!), 'ECONNREFUSED');
  const v6 = await startExporter({ host: '::1' });
  assert.match(v6.url, /^http:\/\/\[::1\]:\d+\/metrics$/);
  const reply = await request(v6.url);
  assert.equal(reply.status, 200);
  assert.match(reply.body, /promptkit_tool_calls_total/);
  assert.equal(await tryConnect('127.0.0.1', v6.port!), 'ECONNREFUSED');
  const other = otherIPv4();
  if (other) assert.equal(await tryConnect(other, v6.port!), 'ECONNREFUSED');
});

// ---- event text never becomes a label value ----

test('error messages, prompts and other event text never appear on /metrics', async () => {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
  const secret = 'SECRET-9f31c-sk-live-token';
  const at = Date.now();
  const extra = { prompt: `user prompt ${secret}`, messages: [{ role: 'user', content: secret }], apiKey: secret };
  bus.publish({ type: 'pipeline.started', timestamp: at, data: {} });
  bus.publish({ type: 'pipeline.failed', timestamp: at, runId: secret, sessionId: secret, conversationId: secret, data: { durationMs: 10, error: `boom ${secret}` } });
  bus.publish({ type: 'stage.failed', timestamp: at, runId: secret, data: { name: 'generate', stageType: 'llm', durationMs: 5, error: `stage ${secret}` } });
  bus.publish({ type: 'provider.call.failed', timestamp: at, data: { provider: 'openai', model: 'gpt-4o', durationMs: 5, error: `429 ${secret}`, ...extra } });
  bus.publish({ type: 'provider.call.completed', timestamp: at, data: { provider: 'openai', model: 'gpt-4o', durationMs: 5, inputTokens: 1, outputTokens: 1, finishReason: secret, ...extra } });
  bus.publish({ type: 'tool.call.failed', timestamp: at, data: { toolName: 'search', durationMs: 5, error: `tool ${secret}`, callId: secret } });
  bus.publish({ type: 'validation.failed', timestamp: at, data: { validatorName: 'schema', validatorType: 'output', durationMs: 1, violations: [secret] } });
  bus.publish({ type: secret as never, timestamp: at, data: {} as never });
  bus.publish({ type: 'stage.completed', timestamp: at, data: { name: 'x', stageType: 'y', durationMs: Number.NaN, error: secret } as never });
  const text = await exporter.render();
  assert.match(text, /promptkit_pipeline_duration_seconds_count\{status="error"\} 1/);
  assert.match(text, /promptkit_dropped_records_total\{reason="unknown_event"\} 1/);
  assert.ok(!text.includes('SECRET-9f31c'), `event text leaked into the exposition:\n${text.split('\n').filter((l) => l.includes('SECRET')).join('\n')}`);
  await meterProvider.shutdown();
});
