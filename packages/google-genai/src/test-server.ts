// Test support only (not built, not exported): a loopback server that speaks the Gemini API wire
// format (POST …/models/{model}:generateContent and :streamGenerateContent?alt=sse, on any API
// version prefix, as the Gemini API and Vertex AI paths differ), so tests drive the real
// `@google/genai` client with no network.
import { FakeProviderServer, type JsonReply, type StreamTiming, type WireFormat } from '../../../test/support/fake-provider-server.js';

export type { ReceivedRequest } from '../../../test/support/fake-provider-server.js';

/** A streamed answer: chunks as server-sent events (`data: <json>`); a `RawChunk` is written as it is. */
export interface ChunksReply extends StreamTiming {
  chunks: unknown[];
}

/** What the server answers one request with: JSON with a status, or streamed chunks. */
export type FakeReply = JsonReply | ChunksReply;

export class RawChunk {
  constructor(readonly text: string) {}
}

const METHOD_PATH = /\/models\/[^/:]+:(generateContent|streamGenerateContent)(\?alt=sse)?$/;

const GEMINI: WireFormat<ChunksReply> = {
  answers: (method, path) => method === 'POST' && METHOD_PATH.test(path),
  unanswered: (method, path) => ({ status: 404, json: { error: { code: 404, message: `no reply queued for ${method} ${path}`, status: 'NOT_FOUND' } } }),
  jsonHeaders: { 'content-type': 'application/json; charset=UTF-8' },
  streamHeaders: { 'content-type': 'text/event-stream' },
  frames: (reply) => reply.chunks.map((chunk) => (chunk instanceof RawChunk ? chunk.text : `data: ${JSON.stringify(chunk)}\r\n\r\n`)),
};

export class FakeGeminiServer extends FakeProviderServer<ChunksReply> {
  /** Listens on 127.0.0.1 and an ephemeral port. */
  static async start(): Promise<FakeGeminiServer> {
    return new FakeGeminiServer(GEMINI).listen();
  }

  /** The `httpOptions.baseUrl` for `new GoogleGenAI({ httpOptions: { baseUrl } })`. */
  get baseUrl(): string {
    return this.origin;
  }
}
