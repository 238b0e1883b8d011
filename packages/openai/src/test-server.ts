// Test support only (not built, not exported): a loopback server that speaks the OpenAI wire
// format, so tests drive the real `openai` client with no network.
import { FakeProviderServer, sse, type JsonReply, type ReplyFor as Reply, type ServerSentEvent, type StreamTiming, type WireFormat } from '../../../test/support/fake-provider-server.js';

export type { ReceivedRequest } from '../../../test/support/fake-provider-server.js';

/** One server-sent event: `event:` (Responses API) is optional, `data` is JSON-encoded. */
export type SseEvent = ServerSentEvent;

/** A streamed answer; chat completion streams end with `data: [DONE]` unless `done` is false. */
export interface EventsReply extends StreamTiming {
  events: SseEvent[];
  done?: boolean;
}

/** What the server answers one request with. */
export type FakeReply = JsonReply | EventsReply;

/** A reply, or a function of the request body (a stream that honours `stream_options`). */
export type ReplyFor = Reply<EventsReply>;

const OPENAI: WireFormat<EventsReply> = {
  answers: () => true,
  unanswered: (method, path) => ({ status: 500, json: { error: { message: `no reply queued for ${method} ${path}`, type: 'test' } } }),
  jsonHeaders: { 'content-type': 'application/json', 'x-request-id': 'req_test' },
  streamHeaders: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req_test' },
  frames: (reply) => reply.events.map(sse),
  trailer: (reply) => ((reply.done ?? true) ? 'data: [DONE]\n\n' : undefined),
};

export class FakeOpenAIServer extends FakeProviderServer<EventsReply> {
  /** Listens on 127.0.0.1 and an ephemeral port. */
  static async start(): Promise<FakeOpenAIServer> {
    return new FakeOpenAIServer(OPENAI).listen();
  }

  /** The `baseURL` for `new OpenAI({ baseURL })`. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }
}
