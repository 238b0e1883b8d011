// Test support only (not built, not exported): a loopback server that speaks the Anthropic Messages
// wire format (POST /v1/messages, JSON or server-sent events), so tests drive the real
// `@anthropic-ai/sdk` client with no network.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One server-sent event; the SDK skips events without an `event:` line, so every one has it. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** What the server answers one request with. */
export type FakeReply =
  | { status: number; json: unknown; headers?: Record<string, string>; delayMs?: number }
  | { events: SseEvent[]; delayMs?: number; firstDelayMs?: number };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export class FakeAnthropicServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies: FakeReply[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  /** Listens on 127.0.0.1 and an ephemeral port. */
  static async start(): Promise<FakeAnthropicServer> {
    const fake = new FakeAnthropicServer();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  /** The `baseURL` for `new Anthropic({ baseURL })`. */
  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Queues the answers to the next requests, in order. */
  reply(...replies: FakeReply[]): void {
    this.replies.push(...replies);
  }

  /** Cuts every open connection, as a network failure would; the server keeps listening. */
  dropConnections(): void {
    this.server.closeAllConnections();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += String(chunk);
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    this.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    const reply = request.method === 'POST' && request.url === '/v1/messages' ? this.replies.shift() : undefined;
    if (reply === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no reply queued for ${request.method} ${request.url}` } }));
      return;
    }
    if ('json' in reply) {
      if (reply.delayMs) await sleep(reply.delayMs);
      if (response.destroyed) return;
      response.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': 'req_test', ...reply.headers });
      response.end(JSON.stringify(reply.json));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_test' });
    response.flushHeaders();
    let first = true;
    for (const { event, data } of reply.events) {
      const delayMs = first ? (reply.firstDelayMs ?? reply.delayMs) : reply.delayMs;
      first = false;
      if (delayMs) await sleep(delayMs);
      if (response.destroyed) return;
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }
    response.end();
  }
}
