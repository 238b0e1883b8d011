import {
  ProviderCall,
  field,
  isObject,
  observeApiPromise,
  observeStream,
  reportProblem,
  serverOf,
  text,
  type CallOptions,
  type EventPublisher,
  type StreamReader,
} from '@promptkit/events/adapter';
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
type Create = (this: unknown, ...args: unknown[]) => unknown;

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
  if (!isObject(resource)) return;
  const original = resource.create;
  if (typeof original !== 'function' || (original as { [INSTRUMENTED]?: boolean })[INSTRUMENTED]) return;
  const create = original as Create;
  const instrumented = function (this: unknown, ...args: unknown[]): unknown {
    return instrumentedCreate(api, settings, create, this, args);
  };
  Object.defineProperty(instrumented, INSTRUMENTED, { value: true });
  Object.defineProperty(instrumented, 'name', { value: create.name });
  resource.create = instrumented;
}

function instrumentedCreate(api: Api, settings: Settings, create: Create, self: unknown, args: unknown[]): unknown {
  const [body, ...rest] = args;
  const withUsage = api === 'chat' && settings.streamUsage && asksForChatStreamWithoutOptions(body);
  const call = startCall(settings, body);
  let result: unknown;
  try {
    // A copy: the caller's request object is never changed.
    result = create.apply(self, withUsage ? [{ ...(body as object), stream_options: { include_usage: true } }, ...rest] : args);
  } catch (error) {
    call?.fail(error);
    throw error;
  }
  if (call === undefined) return result;
  const hooks = {
    value: (value: unknown) => settle(api, call, value, withUsage),
    error: (error: unknown) => call.fail(error),
  };
  if (isObject(result) && typeof result.then === 'function') return observeApiPromise(result as unknown as PromiseLike<unknown>, hooks);
  hooks.value(result);
  return result;
}

function asksForChatStreamWithoutOptions(body: unknown): boolean {
  return isObject(body) && body.stream === true && body.stream_options == null;
}

function startCall(settings: Settings, body: unknown): ProviderCall | undefined {
  try {
    return new ProviderCall(settings.eventBus, settings.provider, text(isObject(body) ? body.model : undefined) ?? '', settings.server);
  } catch (error) {
    reportProblem('openai start', `openai: cannot record a call (${String(error)}); it runs unrecorded`);
    return undefined;
  }
}

/** A plain result ends the call now; a stream ends it when the caller has consumed it. */
function settle(api: Api, call: ProviderCall, value: unknown, withUsage: boolean): void {
  try {
    if (isObject(value) && typeof value[Symbol.asyncIterator] === 'function') {
      const reader: StreamReader = api === 'chat' ? new ChatStreamReader(withUsage) : new ResponseStreamReader();
      observeStream(value, call, reader);
    } else if (api === 'chat') {
      call.complete(chatCompletionOutcome(value));
    } else {
      call.end(responseEnd(value));
    }
  } catch (error) {
    reportProblem('openai settle', `openai: recording a result failed (${String(error)})`);
  }
}
