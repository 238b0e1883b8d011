// A loopback HTTP server that answers an LLM client with queued replies, for the adapters' unit and
// end-to-end tests: each adapter describes its provider's wire format (which requests are API
// calls, headers, how a stream is framed) and the real client library talks to it with no network.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A JSON answer with an HTTP status; `headers` are added to the wire format's own. */
export interface JsonReply {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** When a streamed answer's parts are written: `firstDelayMs` before the first, `delayMs` before each other. */
export interface StreamTiming {
  delayMs?: number;
  firstDelayMs?: number;
}

/** A reply, or a function of the request body that makes one (a stream that honours an option). */
export type ReplyFor<Stream> = JsonReply | Stream | ((body: Record<string, unknown>) => JsonReply | Stream);

/** One server-sent event: an optional `event:` line, and `data` sent as JSON. */
export interface ServerSentEvent {
  event?: string;
  data: unknown;
}

/** A server-sent event as written to the wire (LF line ends, a blank line after). */
export function sse({ event, data }: ServerSentEvent): string {
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** What differs between providers: which requests the replies answer, headers, and stream framing. */
export interface WireFormat<Stream extends StreamTiming> {
  /** True for an API call the queued replies answer; any other request gets `unanswered`. */
  answers(method: string, path: string): boolean;
  /** The answer when no reply is queued for a request (or it is not an API call). */
  unanswered(method: string, path: string): JsonReply;
  /** Headers of every JSON reply (a reply's own `headers` are added). */
  jsonHeaders: Record<string, string>;
  /** Headers of every streamed reply. */
  streamHeaders: Record<string, string>;
  /** A streamed reply's parts, each written as its own network write. */
  frames(reply: Stream): readonly string[];
  /** Written after the parts, if anything (OpenAI's `data: [DONE]`). */
  trailer?(reply: Stream): string | undefined;
}

/** Listens on 127.0.0.1 and an ephemeral port; `reply()` queues the answers to the next API calls. */
export class FakeProviderServer<Stream extends StreamTiming> {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies: ReplyFor<Stream>[] = [];
  private readonly server: Server;

  protected constructor(private readonly wire: WireFormat<Stream>) {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  /** Starts listening; resolves once the port is known. */
  protected async listen(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  /** `http://127.0.0.1:<port>`, with no path. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Queues the answers to the next API calls, in order. */
  reply(...replies: ReplyFor<Stream>[]): void {
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
    const method = request.method ?? '';
    const path = request.url ?? '';
    let raw = '';
    for await (const chunk of request) raw += String(chunk);
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    this.requests.push({ method, path, headers: request.headers, body });
    const next = this.wire.answers(method, path) ? this.replies.shift() : undefined;
    const reply = typeof next === 'function' ? next(body) : next;
    if (reply === undefined) {
      const { status, json } = this.wire.unanswered(method, path);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
      return;
    }
    if (isJsonReply(reply)) {
      if (reply.delayMs) await sleep(reply.delayMs);
      if (response.destroyed) return;
      response.writeHead(reply.status, { ...this.wire.jsonHeaders, ...reply.headers });
      response.end(JSON.stringify(reply.json));
      return;
    }
    response.writeHead(200, this.wire.streamHeaders);
    response.flushHeaders();
    let first = true;
    for (const frame of this.wire.frames(reply)) {
      const delayMs = first ? (reply.firstDelayMs ?? reply.delayMs) : reply.delayMs;
      first = false;
      if (delayMs) await sleep(delayMs);
      if (response.destroyed) return;
      response.write(frame);
    }
    const trailer = this.wire.trailer?.(reply);
    if (trailer !== undefined) response.write(trailer);
    response.end();
  }
}

function isJsonReply(reply: object): reply is JsonReply {
  return 'json' in reply;
}
