// Test support only (not built, not exported): a loopback server that speaks the Gemini API wire
// format (POST …/models/{model}:generateContent and :streamGenerateContent?alt=sse, on any API
// version prefix, as the Gemini API and Vertex AI paths differ), so tests drive the real
// `@google/genai` client with no network.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What the server answers one request with: JSON with a status, or chunks as server-sent events
 * (`data: <json>`); a `RawChunk` is written as it is, as its own network write.
 */
export type FakeReply =
  | { status: number; json: unknown; delayMs?: number }
  | { chunks: unknown[]; delayMs?: number; firstDelayMs?: number };

export class RawChunk {
  constructor(readonly text: string) {}
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

const METHOD_PATH = /\/models\/[^/:]+:(generateContent|streamGenerateContent)(\?alt=sse)?$/;

export class FakeGeminiServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies: FakeReply[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  /** Listens on 127.0.0.1 and an ephemeral port. */
  static async start(): Promise<FakeGeminiServer> {
    const fake = new FakeGeminiServer();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  /** The `httpOptions.baseUrl` for `new GoogleGenAI({ httpOptions: { baseUrl } })`. */
  get baseUrl(): string {
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
    // Two answers to the same reply compare equal only without a Date header.
    response.sendDate = false;
    let raw = '';
    for await (const chunk of request) raw += String(chunk);
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    this.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    const reply = request.method === 'POST' && METHOD_PATH.test(request.url ?? '') ? this.replies.shift() : undefined;
    if (reply === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 404, message: `no reply queued for ${request.method} ${request.url}`, status: 'NOT_FOUND' } }));
      return;
    }
    if ('json' in reply) {
      if (reply.delayMs) await sleep(reply.delayMs);
      if (response.destroyed) return;
      response.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(JSON.stringify(reply.json));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.flushHeaders();
    let first = true;
    for (const chunk of reply.chunks) {
      const delayMs = first ? (reply.firstDelayMs ?? reply.delayMs) : reply.delayMs;
      first = false;
      if (delayMs) await sleep(delayMs);
      if (response.destroyed) return;
      response.write(chunk instanceof RawChunk ? chunk.text : `data: ${JSON.stringify(chunk)}\r\n\r\n`);
    }
    response.end();
  }
}
