import { describeError, ProviderCall, reportProblem, type EventPublisher } from '@promptkit/events/adapter';
import { observeStream } from './stream.js';
import { generateOutcome, providerLabel, type ModelInfo } from './usage.js';

export interface PromptkitMiddlewareOptions {
  /** Where the provider events go: `telemetry.eventBus` from `startMetrics()`, or any `EventBus`. */
  eventBus: EventPublisher;
  /** The `provider` label. Default: the model's `provider` up to the first dot (`openai.chat` → `openai`). */
  provider?: string;
}

/**
 * The middleware `promptkitMiddleware()` returns: one object that `wrapLanguageModel` of `ai` 5
 * (LanguageModelV2Middleware, `middlewareVersion: 'v2'`), `ai` 6 (LanguageModelV3Middleware,
 * `specificationVersion: 'v3'`) and `ai` 7 (any version) all accept. The hooks pass whatever
 * `doGenerate`/`doStream` return through, so they take each major's own result types.
 */
export interface PromptkitMiddleware {
  readonly specificationVersion: 'v3';
  readonly middlewareVersion: 'v2';
  wrapGenerate: <Result>(options: { doGenerate: () => PromiseLike<Result>; model: ModelInfo }) => Promise<Awaited<Result>>;
  wrapStream: <Result extends { stream: ReadableStream<Part> }, Part>(options: { doStream: () => PromiseLike<Result>; model: ModelInfo }) => Promise<Result>;
}

/**
 * A language-model middleware for `wrapLanguageModel({ model, middleware })` that records PromptKit
 * provider metrics for every model call `generateText`, `streamText`, `generateObject` or
 * `streamObject` makes (each retry is its own call), with `ai` 5, 6 or 7. Results, stream parts and
 * errors pass through unchanged.
 */
export function promptkitMiddleware(options: PromptkitMiddlewareOptions): PromptkitMiddleware {
  const startCall = (model: ModelInfo): ProviderCall | undefined => {
    try {
      const provider = options.provider ?? providerLabel(model.provider);
      return new ProviderCall(options.eventBus, provider, typeof model.modelId === 'string' ? model.modelId : '');
    } catch (error) {
      reportProblem('ai-sdk start', `ai-sdk: cannot record a call (${describeError(error)}); it runs unrecorded`);
      return undefined;
    }
  };

  async function wrapGenerate<Result>({ doGenerate, model }: { doGenerate: () => PromiseLike<Result>; model: ModelInfo }): Promise<Awaited<Result>> {
    const call = startCall(model);
    let result: Awaited<Result>;
    try {
      result = await doGenerate();
    } catch (error) {
      call?.fail(error);
      throw error;
    }
    try {
      call?.complete(generateOutcome(result, model.provider));
    } catch (error) {
      reportProblem('ai-sdk generate', `ai-sdk: recording a result failed (${describeError(error)})`);
    }
    return result;
  }

  async function wrapStream<Result extends { stream: ReadableStream<Part> }, Part>({
    doStream,
    model,
  }: {
    doStream: () => PromiseLike<Result>;
    model: ModelInfo;
  }): Promise<Result> {
    const call = startCall(model);
    let result: Result;
    try {
      result = await doStream();
    } catch (error) {
      call?.fail(error);
      throw error;
    }
    if (call === undefined) return result;
    try {
      return { ...result, stream: observeStream(result.stream, call, model.provider) };
    } catch (error) {
      // A stream that cannot be read (locked, or not a ReadableStream) goes to the caller as it came.
      reportProblem('ai-sdk stream', `ai-sdk: cannot observe a stream (${describeError(error)}); its call is not recorded`);
      return result;
    }
  }

  return { specificationVersion: 'v3', middlewareVersion: 'v2', wrapGenerate, wrapStream };
}
