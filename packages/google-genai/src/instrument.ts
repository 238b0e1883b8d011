import { ProviderCall, field, isObject, observeStream, recordCall, serverOf, text, wrapMethod, type CallOptions, type CallRecording, type EventPublisher } from '@promptkit/events/adapter';
import { ContentStreamReader } from './stream-reader.js';
import { responseOutcome } from './usage.js';

export interface InstrumentGoogleGenAIOptions {
  /** Where the provider events go: `telemetry.eventBus` from `startMetrics()`, or any `EventBus`. */
  eventBus: EventPublisher;
  /**
   * The `provider` label. Default `'google'` for the Gemini API and `'vertex'` for a client made
   * with `vertexai: true`.
   */
  providerName?: string;
}

/** The part of a `GoogleGenAI` client this adapter wraps; any `@google/genai` client (1.x to 3.x) has it. */
export interface GoogleGenAIClientLike {
  models: {
    generateContent: (...args: never[]) => unknown;
    generateContentStream: (...args: never[]) => unknown;
  };
  /** True for a Vertex AI client. */
  readonly vertexai?: boolean;
}

type Method = 'generateContent' | 'generateContentStream';

interface Settings {
  eventBus: EventPublisher;
  provider: string;
  context: CallOptions;
}

/** Marks a wrapped method, so wrapping again (even by another copy of this package) changes nothing. */
const INSTRUMENTED = Symbol.for('promptkit.google-genai.instrumented');

// The SDK's default hosts, for a client whose base URL cannot be read.
const GEMINI_API_URL = 'https://generativelanguage.googleapis.com/';
const VERTEX_AI_URL = 'https://aiplatform.googleapis.com/';

/**
 * Records PromptKit provider metrics for every `client.models.generateContent` and
 * `client.models.generateContentStream` call (chats made with `client.chats` go through them too)
 * and returns the same client. Results, streams (the SDK's async generator, the same object) and
 * errors (`ApiError`) reach the caller unchanged. Calling it again on the same client does nothing.
 */
export function instrumentGoogleGenAI<Client extends GoogleGenAIClientLike>(client: Client, options: InstrumentGoogleGenAIOptions): Client {
  const vertex = field(client, 'vertexai') === true;
  // The client keeps its base URL (the one given in httpOptions, an environment override, or its
  // default host) in its API client's options; none of that is public API, so each read may fail.
  const baseUrl =
    text(field(client, 'apiClient', 'clientOptions', 'httpOptions', 'baseUrl')) ?? text(field(client, 'httpOptions', 'baseUrl')) ?? (vertex ? VERTEX_AI_URL : GEMINI_API_URL);
  const settings: Settings = {
    eventBus: options.eventBus,
    provider: options.providerName ?? (vertex ? 'vertex' : 'google'),
    context: { operation: 'generate_content', ...serverOf(baseUrl) },
  };
  const models = field(client, 'models');
  wrap(models, 'generateContent', settings);
  wrap(models, 'generateContentStream', settings);
  return client;
}

function wrap(models: unknown, method: Method, settings: Settings): void {
  const settle: CallRecording['settle'] = (call, value) => {
    // A response ends the call now; a stream's chunks end it when the caller has consumed them.
    if (method === 'generateContentStream' && isObject(value) && typeof value[Symbol.asyncIterator] === 'function') {
      observeStream(value, call, new ContentStreamReader());
    } else {
      call.complete(responseOutcome(value));
    }
  };
  wrapMethod(models, method, INSTRUMENTED, (target, self, args) =>
    recordCall(
      {
        adapter: 'google-genai',
        start: () => new ProviderCall(settings.eventBus, settings.provider, modelId(field(args[0], 'model')), settings.context),
        settle,
        // The SDK's promise is a plain Promise that sends the request and reads the answer by
        // itself; a promise chained on it settles with the same value or error.
        promise: 'chain',
      },
      () => target.apply(self, args),
    ),
  );
}

/** The model id without a resource path (`models/gemini-2.5-flash`, `publishers/google/models/…`). */
function modelId(model: unknown): string {
  return text(model)?.replace(/^(?:.*\/)?models\//, '') ?? '';
}
