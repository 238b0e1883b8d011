import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import { loadProtobufFormat, mayWantProtobuf, negotiate } from '../exposition/formats.js';
import type { Scraper } from '../scrape.js';
import type { Authorization } from './authorization.js';

export interface EndpointOptions {
  maxConcurrentScrapes: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  compression: boolean;
  openMetricsCreatedSamples: boolean;
}

const TEXT = 'text/plain; charset=utf-8';

/** True when the client accepts gzip (`Accept-Encoding: gzip`, not `gzip;q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Answers a request that is not GET or HEAD without reading its body. */
export function refuseMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': TEXT, Connection: 'close' });
  res.end('method not allowed\n');
  return true;
}

/**
 * The /metrics handler, for PromptKit's own server and for `exporter.handler()` in any other:
 * GET/HEAD only, authorization, a bound on concurrent scrapes (503 beyond it), content
 * negotiation, gzip, and timeouts that cover writing the response, so a client that never reads
 * cannot hold a body, a socket or the process for longer than `requestTimeoutMs`.
 */
export class MetricsEndpoint {
  private active = 0;

  constructor(
    private readonly scraper: Scraper,
    private readonly authorization: Authorization,
    private readonly options: EndpointOptions,
  ) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (refuseMethod(req, res)) return;
    if (!this.authorization.allows(req.headers.authorization)) {
      res.writeHead(401, { 'WWW-Authenticate': this.authorization.challenge, 'Content-Type': TEXT });
      res.end('unauthorized\n');
      return;
    }
    if (this.active >= this.options.maxConcurrentScrapes) {
      // Closing the connection sheds the load: a refused client holds no socket for keep-alive.
      res.writeHead(503, { 'Retry-After': '1', 'Content-Type': TEXT, Connection: 'close' });
      res.end('too many concurrent scrapes\n');
      reportProblem('scrape limit', `a scrape was refused (503): ${this.options.maxConcurrentScrapes} scrapes were already being served`);
      return;
    }
    this.active++;
    const deadline = setTimeout(() => res.destroy(), this.options.requestTimeoutMs);
    deadline.unref();
    res.setTimeout(this.options.idleTimeoutMs, () => res.destroy());
    res.once('close', () => {
      this.active--;
      clearTimeout(deadline);
    });
    void this.respond(req, res);
  };

  private async respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const compress = this.options.compression && acceptsGzip(req.headers['accept-encoding']);
    try {
      if (mayWantProtobuf(req.headers.accept)) await loadProtobufFormat();
      const format = negotiate(req.headers.accept, this.options);
      const body = await this.scraper.body(format, compress);
      if (res.destroyed) return;
      const headers: Record<string, string | number> = { 'Content-Type': format.contentType, 'Content-Length': body.length, Vary: 'Accept, Accept-Encoding' };
      if (compress) headers['Content-Encoding'] = 'gzip';
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      reportProblem('scrape failed', `collecting metrics for a scrape failed: ${describeError(error)}`, 'error');
      if (res.destroyed) return;
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': TEXT });
      res.end('# metrics collection failed; see the application diag log\n');
    }
  }
}
