// Test support only (not built, not exported): a loopback server that speaks the OpenAI wire
// format, so tests drive the real `openai` client with no network.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One server-sent event: `event:` (Responses API) is optional, `data` is JSON-encoded. */
export interface SseEvent {
  event?: string;
  data: unknown;
}

/** What the server answers one request with. */
export type FakeReply =
  | { status: number; json: unknown; headers?: Record<string, string>; delayMs?: number }
  | { events: SseEvent[]; done?: boolean; delayMs?: number; firstDelayMs?: number };

/** A reply, or a function of the request body (a stream that honours `stream_options`). */
export type ReplyFor = FakeReply | ((body: Record<string, unknown>) => FakeReply);

export interface ReceivedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export class FakeOpenAIServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies: ReplyFor[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  /** Listens on 127.0.0.1 and an ephemeral port. */
  static async start(): Promise<FakeOpenAIServer> {
    const fake = new FakeOpenAIServer();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  /** The `baseURL` for `new OpenAI({ baseURL })`. */
  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues the answers to the next requests, in order. */
  reply(...replies: ReplyFor[]): void {
    this.replies.push(...replies);
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
    this.requests.push({ method: request.method ?? '', path: request.url ?? '', body });
    const next = this.replies.shift();
    const reply = typeof next === 'function' ? next(body) : next;
    if (reply === undefined) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no reply queued for ${request.method} ${request.url}`, type: 'test' } }));
      return;
    }
    if ('json' in reply) {
      if (reply.delayMs) await sleep(reply.delayMs);
      if (response.destroyed) return;
      response.writeHead(reply.status, { 'content-type': 'application/json', 'x-request-id': 'req_test', ...reply.headers });
      response.end(JSON.stringify(reply.json));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req_test' });
    response.flushHeaders();
    let first = true;
    for (const { event, data } of reply.events) {
      const delayMs = first ? (reply.firstDelayMs ?? reply.delayMs) : reply.delayMs;
      first = false;
      if (delayMs) await sleep(delayMs);
      if (response.destroyed) return;
      response.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    }
    if (reply.done ?? true) response.write('data: [DONE]\n\n');
    response.end();
  }
}
