import { ProviderCall, field, isObject, observeStream, recordCall, serverOf, text, wrapMethod, type EventPublisher } from '@promptkit/events/adapter';
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
  const { eventBus } = options;
  const provider = options.providerName ?? 'anthropic';
  const server = serverOf(field(client, 'baseURL'));
  wrapMethod(field(client, 'messages'), 'create', INSTRUMENTED, (create, self, args) =>
    recordCall(
      {
        adapter: 'anthropic',
        start: () => new ProviderCall(eventBus, provider, text(field(args[0], 'model')) ?? '', server),
        settle,
      },
      () => create.apply(self, args),
    ),
  );
  return client;
}

/** A `Message` ends the call now; a stream of events ends it when the caller has consumed it. */
function settle(call: ProviderCall, value: unknown): void {
  if (isObject(value) && typeof value[Symbol.asyncIterator] === 'function') observeStream(value, call, new MessageStreamReader());
  else call.complete(messageOutcome(value));
}
