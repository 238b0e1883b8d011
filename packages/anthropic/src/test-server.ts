// Test support only (not built, not exported): a loopback server that speaks the Anthropic Messages
// wire format (POST /v1/messages, JSON or server-sent events), so tests drive the real
// `@anthropic-ai/sdk` client with no network.
import { FakeProviderServer, sse, type JsonReply, type ServerSentEvent, type StreamTiming, type WireFormat } from '../../../test/support/fake-provider-server.js';

export type { ReceivedRequest } from '../../../test/support/fake-provider-server.js';

/** One server-sent event; the SDK skips events without an `event:` line, so every one has it. */
export interface SseEvent extends ServerSentEvent {
  event: string;
}

/** A streamed answer: the Messages API's events, in order. */
export interface EventsReply extends StreamTiming {
  events: SseEvent[];
}

/** What the server answers one request with. */
export type FakeReply = JsonReply | EventsReply;

const ANTHROPIC: WireFormat<EventsReply> = {
  answers: (method, path) => method === 'POST' && path === '/v1/messages',
  unanswered: (method, path) => ({
    status: 404,
    json: { type: 'error', error: { type: 'not_found_error', message: `no reply queued for ${method} ${path}` } },
  }),
  jsonHeaders: { 'content-type': 'application/json', 'request-id': 'req_test' },
  streamHeaders: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_test' },
  frames: (reply) => reply.events.map(sse),
};

export class FakeAnthropicServer extends FakeProviderServer<EventsReply> {
  /** Listens on 127.0.0.1 and an ephemeral port. */
  static async start(): Promise<FakeAnthropicServer> {
    return new FakeAnthropicServer(ANTHROPIC).listen();
  }

  /** The `baseURL` for `new Anthropic({ baseURL })`. */
  get baseURL(): string {
    return this.origin;
  }
}
