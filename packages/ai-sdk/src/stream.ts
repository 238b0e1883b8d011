import { describeError, reportProblem, type ProviderCall } from '@promptkit/events/adapter';
import { finishReasonOf, usageOf } from './usage.js';

/** Stream parts that carry generated output (text, reasoning, tool-call arguments), for time to first token. */
function carriesContent(part: Record<PropertyKey, unknown>): boolean {
  switch (part.type) {
    case 'text-delta':
    case 'reasoning-delta':
    case 'tool-input-delta':
      return typeof part.delta === 'string' && part.delta !== '';
    default:
      return false;
  }
}

/** Follows the parts of one `doStream` result: model, usage, finish reason, errors, first content. */
class StreamParts {
  private model: string | undefined;
  private finish: Record<PropertyKey, unknown> | undefined;
  private error: { value: unknown } | undefined;

  /** The model that was answering, from the stream's response metadata (for a stream that breaks off). */
  get answeringModel(): string | undefined {
    return this.model;
  }

  constructor(
    private readonly call: ProviderCall,
    private readonly provider: unknown,
  ) {}

  read(part: unknown): void {
    if (typeof part !== 'object' || part === null) return;
    const fields = part as Record<PropertyKey, unknown>;
    if (carriesContent(fields)) this.call.firstToken();
    else if (fields.type === 'response-metadata' && typeof fields.modelId === 'string' && fields.modelId !== '') this.model ??= fields.modelId;
    else if (fields.type === 'finish') this.finish = fields;
    else if (fields.type === 'error') this.error ??= { value: fields.error };
  }

  /** An `error` part fails the call; a stream cut short (cancelled) records no usage. */
  end(): void {
    if (this.error !== undefined) return this.call.fail(this.error.value, this.model);
    this.call.complete({
      model: this.model,
      ...usageOf(this.finish?.usage, this.finish?.providerMetadata, this.provider),
      finishReason: finishReasonOf(this.finish?.finishReason),
    });
  }
}

/**
 * A stream that passes every part of `source` through unchanged (the same objects, in order) and
 * reports the call when it ends: read to the end, errored, or cancelled by the consumer.
 */
export function observeStream<Part>(source: ReadableStream<Part>, call: ProviderCall, provider: unknown): ReadableStream<Part> {
  const parts = new StreamParts(call, provider);
  const reader = source.getReader();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    try {
      parts.end();
    } catch (error) {
      reportProblem('ai-sdk stream', `ai-sdk: recording a stream's end failed (${describeError(error)})`);
    }
  };
  return new ReadableStream<Part>({
    async pull(controller) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        ended = true;
        call.fail(error, parts.answeringModel);
        controller.error(error);
        return;
      }
      if (next.done) {
        end();
        controller.close();
        return;
      }
      try {
        parts.read(next.value);
      } catch (error) {
        reportProblem('ai-sdk stream', `ai-sdk: reading a stream part failed (${describeError(error)})`);
      }
      controller.enqueue(next.value);
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  });
}
