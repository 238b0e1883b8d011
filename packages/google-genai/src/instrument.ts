import {
  ProviderCall,
  field,
  isObject,
  observeStream,
  reportProblem,
  serverOf,
  text,
  type CallOptions,
  type EventPublisher,
} from '@promptkit/events/adapter';
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
type Call = (this: unknown, ...args: unknown[]) => unknown;

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
  if (isObject(models)) {
    wrap(models, 'generateContent', settings);
    wrap(models, 'generateContentStream', settings);
  }
  return client;
}

function wrap(models: Record<PropertyKey, unknown>, method: Method, settings: Settings): void {
  const original = models[method];
  if (typeof original !== 'function' || (original as { [INSTRUMENTED]?: boolean })[INSTRUMENTED]) return;
  const target = original as Call;
  const instrumented = function (this: unknown, ...args: unknown[]): unknown {
    return instrumentedCall(method, settings, target, this, args);
  };
  Object.defineProperty(instrumented, INSTRUMENTED, { value: true });
  Object.defineProperty(instrumented, 'name', { value: target.name });
  models[method] = instrumented;
}

function instrumentedCall(method: Method, settings: Settings, target: Call, self: unknown, args: unknown[]): unknown {
  const call = startCall(settings, args[0]);
  let result: unknown;
  try {
    result = target.apply(self, args);
  } catch (error) {
    call?.fail(error);
    throw error;
  }
  if (call === undefined) return result;
  if (!isObject(result) || typeof result.then !== 'function') {
    settle(method, call, result);
    return result;
  }
  // The SDK's promise is a plain Promise that sends the request and reads the answer by itself; a
  // promise chained on it settles with the same value or error.
  return (result as unknown as PromiseLike<unknown>).then(
    (value) => {
      settle(method, call, value);
      return value;
    },
    (error: unknown) => {
      call.fail(error);
      throw error;
    },
  );
}

/** The model id without a resource path (`models/gemini-2.5-flash`, `publishers/google/models/…`). */
function modelId(model: unknown): string {
  return text(model)?.replace(/^(?:.*\/)?models\//, '') ?? '';
}

function startCall(settings: Settings, params: unknown): ProviderCall | undefined {
  try {
    return new ProviderCall(settings.eventBus, settings.provider, modelId(field(params, 'model')), settings.context);
  } catch (error) {
    reportProblem('google-genai start', `google-genai: cannot record a call (${String(error)}); it runs unrecorded`);
    return undefined;
  }
}

/** A response ends the call now; a stream's chunks end it when the caller has consumed them. */
function settle(method: Method, call: ProviderCall, value: unknown): void {
  try {
    if (method === 'generateContentStream' && isObject(value) && typeof value[Symbol.asyncIterator] === 'function') {
      observeStream(value, call, new ContentStreamReader());
    } else {
      call.complete(responseOutcome(value));
    }
  } catch (error) {
    reportProblem('google-genai settle', `google-genai: recording a result failed (${String(error)})`);
  }
}
