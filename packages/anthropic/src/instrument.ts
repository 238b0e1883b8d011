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
} from '@promptkit/events/adapter';
import { MessageStreamReader } from './stream-reader.js';
import { messageOutcome } from './usage.js';

export interface InstrumentAnthropicOptions {
  /** Where the provider events go: `telemetry.eventBus` from `startMetrics()`, or any `EventBus`. */
  eventBus: EventPublisher;
  /** The `provider` label. Default `'anthropic'`; set it for the same API served elsewhere (`'bedrock'`…). */
  providerName?: string;
}

/** The part of an Anthropic client this adapter wraps; any `@anthropic-ai/sdk` client (0.x, 1.x) has it. */
export interface AnthropicClientLike {
  messages: { create: (...args: never[]) => unknown };
  /** The API's base URL (`https://api.anthropic.com`), for `serverAddress` and `serverPort`. */
  baseURL?: string;
}

type Create = (this: unknown, ...args: unknown[]) => unknown;

interface Settings {
  eventBus: EventPublisher;
  provider: string;
  server: CallOptions;
}

/** Marks a wrapped `create`, so wrapping again (even by another copy of this package) changes nothing. */
const INSTRUMENTED = Symbol.for('promptkit.anthropic.instrumented');

/**
 * Records PromptKit provider metrics for every `client.messages.create` call, plain and streaming
 * (`stream: true`), and returns the same client. `client.messages.stream()` and
 * `client.messages.parse()` make their request through `messages.create`, so they are recorded
 * too, once. Results, streams (the SDK's `Stream`, and the `MessageStream` of `messages.stream()`)
 * and errors reach the caller unchanged. Calling it again on the same client does nothing.
 */
export function instrumentAnthropic<Client extends AnthropicClientLike>(client: Client, options: InstrumentAnthropicOptions): Client {
  const settings: Settings = {
    eventBus: options.eventBus,
    provider: options.providerName ?? 'anthropic',
    server: { ...serverOf(field(client, 'baseURL')) },
  };
  const messages = field(client, 'messages');
  if (!isObject(messages)) return client;
  const original = messages.create;
  if (typeof original !== 'function' || (original as { [INSTRUMENTED]?: boolean })[INSTRUMENTED]) return client;
  const create = original as Create;
  const instrumented = function (this: unknown, ...args: unknown[]): unknown {
    return instrumentedCreate(settings, create, this, args);
  };
  Object.defineProperty(instrumented, INSTRUMENTED, { value: true });
  Object.defineProperty(instrumented, 'name', { value: create.name });
  messages.create = instrumented;
  return client;
}

function instrumentedCreate(settings: Settings, create: Create, self: unknown, args: unknown[]): unknown {
  const call = startCall(settings, args[0]);
  let result: unknown;
  try {
    result = create.apply(self, args);
  } catch (error) {
    call?.fail(error);
    throw error;
  }
  if (call === undefined) return result;
  const hooks = {
    value: (value: unknown) => settle(call, value),
    error: (error: unknown) => call.fail(error),
  };
  if (isObject(result) && typeof result.then === 'function') return observeApiPromise(result as unknown as PromiseLike<unknown>, hooks);
  hooks.value(result);
  return result;
}

function startCall(settings: Settings, body: unknown): ProviderCall | undefined {
  try {
    return new ProviderCall(settings.eventBus, settings.provider, text(field(body, 'model')) ?? '', settings.server);
  } catch (error) {
    reportProblem('anthropic start', `anthropic: cannot record a call (${String(error)}); it runs unrecorded`);
    return undefined;
  }
}

/** A `Message` ends the call now; a stream of events ends it when the caller has consumed it. */
function settle(call: ProviderCall, value: unknown): void {
  try {
    if (isObject(value) && typeof value[Symbol.asyncIterator] === 'function') observeStream(value, call, new MessageStreamReader());
    else call.complete(messageOutcome(value));
  } catch (error) {
    reportProblem('anthropic settle', `anthropic: recording a result failed (${String(error)})`);
  }
}
