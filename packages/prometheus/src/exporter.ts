import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { diag, metrics, type Meter } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  checkEndpoint,
  checkPort,
  DEFAULT_ENDPOINT,
  DEFAULT_PORT,
  formatHostPort,
  parseAddress,
  reachableHost,
  type ListenAddress,
} from './address.js';
import type { LabelLimits } from '@promptkit/metrics';
import { attachMeterProvider, buildMeterProvider, mergeScopes, withCounterProducer } from '@promptkit/meter-provider';
import { PrometheusReader } from './reader.js';
import { serialize, type SkipReason } from './serializer.js';

export interface PrometheusExporterOptions {
  /** Interface to bind. Default: every interface. */
  host?: string;
  /** Port. Default 9464 (OpenTelemetry's Prometheus port); 0 picks a free one. */
  port?: number;
  /** Path that serves the metrics. Default `/metrics`. */
  endpoint?: string;
  /** Require `Authorization: Bearer <token>` on the metrics endpoint. */
  bearerToken?: string;
  /** Require HTTP basic authentication on the metrics endpoint. */
  basicAuth?: { username: string; password: string };
  /** Serve HTTPS: PEM file paths or PEM contents. */
  tls?: { key: string; cert: string };
  /** Add `otel_scope_name`/`otel_scope_version` labels. Default false: series carry PromptKit's labels only. */
  withScopeLabels?: boolean;
  /** Serve a `target_info` series with the resource attributes. Default false. */
  withTargetInfo?: boolean;
  /**
   * Create a MeterProvider for this exporter (with PromptKit's views) and register it globally when
   * no global one exists. Default true. `startMetrics()` passes false and supplies its own provider.
   */
  ownMeterProvider?: boolean;
  /** Caps on distinct values per label, for the MeterProvider this exporter builds. */
  labelLimits?: LabelLimits;
  /** Milliseconds a client may take to send its request headers. Default 10 000. */
  headersTimeoutMs?: number;
  /** Milliseconds a whole request may take. Default 30 000. */
  requestTimeoutMs?: number;
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: unknown) => void;

/**
 * Serves PromptKit's metrics (and any custom ones made with `getMeter()`) for Prometheus to scrape,
 * from its own `node:http` server or through `handler()` in an existing one.
 */
export class PrometheusExporter {
  /** The OpenTelemetry reader behind the endpoint; pass it to a MeterProvider of your own. */
  readonly reader = withCounterProducer((producers) => new PrometheusReader(producers));
  private readonly address: ListenAddress;
  private readonly options: PrometheusExporterOptions;
  private provider: MeterProvider | undefined;
  private server: Server | undefined;
  private starting: Promise<void> | undefined;
  private boundPort: number | undefined;
  private readonly authorization: Buffer[] = [];
  private lastSkipReport = 0;

  constructor(address: string | PrometheusExporterOptions = {}) {
    this.options = typeof address === 'string' ? {} : { ...address };
    this.address =
      typeof address === 'string'
        ? { ...parseAddress(address), endpoint: DEFAULT_ENDPOINT }
        : {
            host: address.host === '' ? undefined : address.host,
            port: checkPort(address.port ?? DEFAULT_PORT),
            endpoint: checkEndpoint(address.endpoint ?? DEFAULT_ENDPOINT),
          };
    const { bearerToken, basicAuth } = this.options;
    if (bearerToken !== undefined) this.authorization.push(Buffer.from(`Bearer ${bearerToken}`));
    if (basicAuth !== undefined) {
      const credentials = Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64');
      this.authorization.push(Buffer.from(`Basic ${credentials}`));
    }
    if (this.options.ownMeterProvider !== false) {
      this.provider = buildMeterProvider({ readers: [this.reader], ...(this.options.labelLimits ? { labelLimits: this.options.labelLimits } : {}) });
      // Instrumentation that uses the global provider (MetricsListener, record*) then reaches this
      // endpoint. An application that registered its own provider keeps it.
      if (!metrics.setGlobalMeterProvider(this.provider)) {
        diag.warn(
          'promptkit: a global MeterProvider was already registered; pass { meterProvider: exporter.meterProvider } ' +
            'to MetricsListener to record into this exporter',
        );
      }
    }
  }

  /** The MeterProvider whose metrics this exporter serves. */
  get meterProvider(): MeterProvider {
    if (this.provider === undefined) throw new Error('PrometheusExporter has no MeterProvider yet: call bindMeterProvider() first');
    return this.provider;
  }

  /**
   * Serves a MeterProvider built elsewhere with `readers: [exporter.reader]`. On a provider of the
   * application's, PromptKit's counters are OpenTelemetry counters: every reader and View of the
   * provider applies to them (add `promptkitViews()` to its views for PromptKit's buckets and limits).
   */
  bindMeterProvider(provider: MeterProvider, labelLimits?: LabelLimits): void {
    this.provider = provider;
    attachMeterProvider(provider, labelLimits);
  }

  /** A meter whose instruments appear on this exporter's endpoint beside PromptKit's. */
  getMeter(name: string, version?: string): Meter {
    return this.meterProvider.getMeter(name, version);
  }

  /** The metrics URL, with the real port once started (e.g. `http://127.0.0.1:43121/metrics`). */
  get url(): string {
    const port = this.boundPort ?? this.address.port;
    const scheme = this.options.tls ? 'https' : 'http';
    return `${scheme}://${reachableHost(this.address.host)}:${port}${this.address.endpoint}`;
  }

  /** The port listened on, once started. */
  get port(): number | undefined {
    return this.boundPort;
  }

  /** Starts the server. Resolves once listening; rejects with the address and the reason. */
  start(): Promise<void> {
    if (this.server?.listening) return Promise.resolve();
    this.starting ??= this.listen().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /**
   * A request handler that serves the metrics at any path: `http.createServer(exporter.handler())`
   * or `app.get('/metrics', exporter.handler())`.
   */
  handler(): Handler {
    return this.serve;
  }

  private readonly serve: Handler = (req, res) => {
    if (!this.allowMethod(req, res) || !this.authorized(req, res)) return;
    void this.serveMetrics(req, res);
  };

  /** Stops the server and closes open connections. Idempotent; the exporter can be started again. */
  async shutdown(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.boundPort = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async listen(): Promise<void> {
    const server = this.createServer();
    const { host, port } = this.address;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(new Error(describeListenError(error, formatHostPort(host, port)), { cause: error }));
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ host, port });
    });
    server.on('error', (error) => diag.error(`promptkit: metrics server error: ${error.message}`));
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  private createServer(): Server {
    const route = (req: IncomingMessage, res: ServerResponse) => this.route(req, res);
    const tls = this.options.tls;
    const headersTimeout = this.options.headersTimeoutMs ?? 10_000;
    const requestTimeout = this.options.requestTimeoutMs ?? 30_000;
    // Node enforces both timeouts on this interval (30 s by default); check often enough that a
    // short timeout means what it says.
    const connectionsCheckingInterval = Math.max(100, Math.min(1_000, Math.floor(Math.min(headersTimeout, requestTimeout) / 4)));
    const server = tls
      ? createHttpsServer({ key: pem(tls.key, 'tls.key'), cert: pem(tls.cert, 'tls.cert'), connectionsCheckingInterval, handshakeTimeout: headersTimeout }, route)
      : createHttpServer({ connectionsCheckingInterval }, route);
    // Without this listener Node answers 'Expect: 100-continue' itself and invites the body.
    server.on('checkContinue', route);
    server.headersTimeout = headersTimeout;
    server.requestTimeout = requestTimeout;
    server.keepAliveTimeout = 5_000;
    return server;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === this.address.endpoint) {
      this.serve(req, res);
    } else if (path === '/health') {
      if (!this.allowMethod(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 2 });
      res.end(req.method === 'HEAD' ? undefined : 'ok');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`not found: metrics are at ${this.address.endpoint}, health at /health\n`);
    }
  }

  private allowMethod(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    // The request body is never read: the response ends the exchange.
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end('method not allowed\n');
    return false;
  }

  private authorized(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.authorization.length === 0) return true;
    const given = Buffer.from(req.headers.authorization ?? '');
    if (this.authorization.some((expected) => expected.length === given.length && timingSafeEqual(expected, given))) return true;
    const challenge = this.options.basicAuth ? 'Basic realm="metrics"' : 'Bearer realm="metrics"';
    res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('unauthorized\n');
    return false;
  }

  private async serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await this.render();
      res.writeHead(200, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      diag.error(`promptkit: collecting metrics for a scrape failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('# metrics collection failed; see the application diag log\n');
    }
  }

  /** Collects and renders the exposition text, as a scrape would get it. */
  async render(): Promise<string> {
    const { resourceMetrics, errors } = await this.reader.collect();
    if (errors.length > 0) diag.error(`promptkit: ${errors.length} error(s) while collecting metrics: ${errors.map(String).join('; ')}`);
    const skipped: SkipReason[] = [];
    const text = serialize(mergeScopes(resourceMetrics), this.options, skipped);
    if (skipped.length > 0 && Date.now() - this.lastSkipReport > 60_000) {
      this.lastSkipReport = Date.now();
      diag.warn(`promptkit: not rendered on /metrics: ${skipped.map((s) => `${s.metric} (${s.reason})`).join(', ')}`);
    }
    return text;
  }
}

function describeListenError(error: NodeJS.ErrnoException, address: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${address}: the port is already in use (EADDRINUSE); pass another address or ':0'`;
    case 'EACCES':
      return `cannot listen on ${address}: permission denied (EACCES); use a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${address}: the host is not an address of this machine (EADDRNOTAVAIL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${address}: the host name does not resolve (${error.code})`;
    default:
      return `cannot listen on ${address}: ${error.message}`;
  }
}

/** PEM text as given, or read from a file path. */
function pem(value: string, what: string): string {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} from '${value}': ${(error as Error).message}`);
  }
}
