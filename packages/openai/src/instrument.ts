import { ProviderCall, field, isObject, observeStream, recordCall, serverOf, text, wrapMethod, type CallOptions, type EventPublisher, type StreamReader } from '@promptkit/events/adapter';
import { ChatStreamReader, chatCompletionOutcome } from './chat.js';
import { ResponseStreamReader, responseEnd } from './responses.js';

export interface InstrumentOpenAIOptions {
  /** Where the provider events go: `telemetry.eventBus` from `startMetrics()`, or any `EventBus`. */
  eventBus: EventPublisher;
  /** The `provider` label. Default `'openai'`; set it for OpenAI-compatible servers (`'azure'`, `'groq'`…). */
  providerName?: string;
  /**
   * Adds `stream_options: { include_usage: true }` to streaming chat completions that set no
   * `stream_options`, so streams report tokens; the extra usage-only chunk is kept from the caller.
   * Default true. Turn it off for servers that reject `stream_options`.
   */
  streamUsage?: boolean;
}

/** The part of an OpenAI client this adapter wraps; any `openai` client (5, 6, 7) has it. */
export interface OpenAIClientLike {
  chat: { completions: { create: (...args: never[]) => unknown } };
  responses?: { create: (...args: never[]) => unknown };
  /** The API's base URL (`https://api.openai.com/v1`): the events' `serverAddress` and `serverPort`. */
  baseURL?: string;
}

type Api = 'chat' | 'responses';

interface Settings {
  eventBus: EventPublisher;
  provider: string;
  streamUsage: boolean;
  server: CallOptions;
}

/** Marks a wrapped `create`, so wrapping again (even by another copy of this package) changes nothing. */
const INSTRUMENTED = Symbol.for('promptkit.openai.instrumented');

/**
 * Records PromptKit provider metrics for every `client.chat.completions.create` and
 * `client.responses.create` call, plain and streaming, and returns the same client. Results,
 * streams and errors reach the caller unchanged. Calling it again on the same client does nothing.
 */
export function instrumentOpenAI<Client extends OpenAIClientLike>(client: Client, options: InstrumentOpenAIOptions): Client {
  const settings: Settings = {
    eventBus: options.eventBus,
    provider: options.providerName ?? 'openai',
    streamUsage: options.streamUsage ?? true,
    server: serverOf(field(client, 'baseURL')),
  };
  wrapCreate(client.chat?.completions, 'chat', settings);
  wrapCreate(client.responses, 'responses', settings);
  return client;
}

function wrapCreate(resource: unknown, api: Api, settings: Settings): void {
  wrapMethod(resource, 'create', INSTRUMENTED, (create, self, args) => {
    const [body, ...rest] = args;
    const withUsage = api === 'chat' && settings.streamUsage && asksForChatStreamWithoutOptions(body);
    return recordCall(
      {
        adapter: 'openai',
        start: () => new ProviderCall(settings.eventBus, settings.provider, text(isObject(body) ? body.model : undefined) ?? '', settings.server),
        settle: (call, value) => settle(api, call, value, withUsage),
      },
      // A copy: the caller's request object is never changed.
      () => create.apply(self, withUsage ? [{ ...(body as object), stream_options: { include_usage: true } }, ...rest] : args),
    );
  });
}

function asksForChatStreamWithoutOptions(body: unknown): boolean {
  return isObject(body) && body.stream === true && body.stream_options == null;
}

/** A plain result ends the call now; a stream ends it when the caller has consumed it. */
function settle(api: Api, call: ProviderCall, value: unknown, withUsage: boolean): void {
  if (isObject(value) && typeof value[Symbol.asyncIterator] === 'function') {
    const reader: StreamReader = api === 'chat' ? new ChatStreamReader(withUsage) : new ResponseStreamReader();
    observeStream(value, call, reader);
  } else if (api === 'chat') {
    call.complete(chatCompletionOutcome(value));
  } else {
    call.end(responseEnd(value));
  }
}
