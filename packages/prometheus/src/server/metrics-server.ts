import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { reportProblem } from '@promptkit/events/adapter';
import { formatHostPort } from '../address.js';
import { refuseMethod } from './metrics-endpoint.js';

export interface ServerOptions {
  host: string | undefined;
  port: number;
  endpoint: string;
  tls: { key: string; cert: string } | undefined;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

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

/**
 * PromptKit's own HTTP(S) server for /metrics and /health. It never keeps the process alive on its
 * own (the server and its connections are unref'd, as OpenTelemetry's Prometheus exporter does).
 * `start()` and `shutdown()` run in the order they were called, so after any sequence of calls,
 * awaited or not, the server is in the state the last call asked for.
 */
export class MetricsServer {
  private server: Server | undefined;
  private boundPort: number | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: ServerOptions,
    private readonly metrics: Handler,
  ) {}

  /** The port listened on, while started. */
  get port(): number | undefined {
    return this.boundPort;
  }

  /** Listens, after `before` (a check that may reject) in the same queued turn. */
  start(before?: () => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      await before?.();
      await this.listen();
    });
  }

  shutdown(): Promise<void> {
    return this.enqueue(() => this.close());
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async listen(): Promise<void> {
    if (this.server !== undefined) return;
    const server = this.create();
    const { host, port } = this.options;
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
    server.on('error', (error) => reportProblem('server error', `metrics server error: ${error.message}`, 'error'));
    server.unref();
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  private async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.boundPort = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private create(): Server {
    const route: Handler = (req, res) => this.route(req, res);
    const { tls, headersTimeoutMs, requestTimeoutMs, idleTimeoutMs } = this.options;
    // Node enforces both timeouts on this interval (30 s by default); check often enough that a
    // short timeout means what it says.
    const connectionsCheckingInterval = Math.max(100, Math.min(1_000, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 4)));
    const server = tls
      ? createHttpsServer({ key: tls.key, cert: tls.cert, connectionsCheckingInterval, handshakeTimeout: headersTimeoutMs }, route)
      : createHttpServer({ connectionsCheckingInterval }, route);
    // Without this listener Node answers 'Expect: 100-continue' itself and invites the body.
    server.on('checkContinue', route);
    server.on('connection', (socket: { unref(): void }) => socket.unref());
    server.headersTimeout = headersTimeoutMs;
    server.requestTimeout = requestTimeoutMs;
    // A connection without progress for this long (e.g. a client that stops reading) is closed.
    server.timeout = idleTimeoutMs;
    server.keepAliveTimeout = 5_000;
    return server;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === this.options.endpoint) {
      this.metrics(req, res);
    } else if (path === '/health') {
      if (refuseMethod(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 2 });
      res.end(req.method === 'HEAD' ? undefined : 'ok');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`not found: metrics are at ${this.options.endpoint}, health at /health\n`);
    }
  }
}
