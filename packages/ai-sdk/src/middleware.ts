import type { LanguageModelMiddleware } from 'ai';
import { ProviderCall, reportProblem, type EventPublisher } from '@promptkit/events/adapter';
import { observeStream } from './stream.js';
import { generateOutcome, providerLabel } from './usage.js';

export interface PromptkitMiddlewareOptions {
  /** Where the provider events go: `telemetry.eventBus` from `startMetrics()`, or any `EventBus`. */
  eventBus: EventPublisher;
  /** The `provider` label. Default: the model's `provider` up to the first dot (`openai.chat` → `openai`). */
  provider?: string;
}

interface ModelInfo {
  provider?: unknown;
  modelId?: unknown;
}

/**
 * A language-model middleware for `wrapLanguageModel({ model, middleware })` that records PromptKit
 * provider metrics for every model call `generateText`, `streamText`, `generateObject` or
 * `streamObject` makes (each retry is its own call). Results and errors pass through unchanged.
 */
export function promptkitMiddleware(options: PromptkitMiddlewareOptions): LanguageModelMiddleware {
  const startCall = (model: ModelInfo): ProviderCall | undefined => {
    try {
      const provider = options.provider ?? providerLabel(model.provider);
      return new ProviderCall(options.eventBus, provider, typeof model.modelId === 'string' ? model.modelId : '');
    } catch (error) {
      reportProblem('ai-sdk start', `ai-sdk: cannot record a call (${String(error)}); it runs unrecorded`);
      return undefined;
    }
  };

  return {
    specificationVersion: 'v3',

    async wrapGenerate({ doGenerate, model }) {
      const call = startCall(model);
      let result: Awaited<ReturnType<typeof doGenerate>>;
      try {
        result = await doGenerate();
      } catch (error) {
        call?.fail(error);
        throw error;
      }
      try {
        call?.complete(generateOutcome(result));
      } catch (error) {
        reportProblem('ai-sdk generate', `ai-sdk: recording a result failed (${String(error)})`);
      }
      return result;
    },

    async wrapStream({ doStream, model }) {
      const call = startCall(model);
      let result: Awaited<ReturnType<typeof doStream>>;
      try {
        result = await doStream();
      } catch (error) {
        call?.fail(error);
        throw error;
      }
      if (call === undefined) return result;
      return { ...result, stream: observeStream(result.stream, call) };
    },
  };
}
