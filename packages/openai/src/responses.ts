import { field, isObject, text, tokenCount, type CallEnd } from '@promptkit/events/adapter';

/**
 * The end of a Responses API `Response` object. `usage` (`ResponseUsage`): `input_tokens` counts
 * every prompt token, `input_tokens_details.cached_tokens` (cache reads) and `.cache_write_tokens`
 * (`openai` 6+) are parts of it; `output_tokens` counts every generated token,
 * `output_tokens_details.reasoning_tokens` a part of it. A `failed` response is a failed call.
 */
export function responseEnd(response: unknown): CallEnd {
  const model = text(field(response, 'model'));
  if (field(response, 'status') === 'failed') {
    return { ok: false, error: field(response, 'error') ?? new Error('response failed'), model };
  }
  const usage = field(response, 'usage');
  return {
    ok: true,
    outcome: {
      model,
      inputTokens: tokenCount(field(usage, 'input_tokens')),
      outputTokens: tokenCount(field(usage, 'output_tokens')),
      cachedTokens: tokenCount(field(usage, 'input_tokens_details', 'cached_tokens')),
      cacheWriteTokens: tokenCount(field(usage, 'input_tokens_details', 'cache_write_tokens')),
      reasoningTokens: tokenCount(field(usage, 'output_tokens_details', 'reasoning_tokens')),
      // 'completed', or why it is incomplete ('max_output_tokens', 'content_filter'; `openai` 7 adds 'max_messages', 'steered').
      finishReason: text(field(response, 'incomplete_details', 'reason')) ?? text(field(response, 'status')),
    },
  };
}

/** Stream events whose delta is generated output, for time to first token. */
const CONTENT_EVENTS: ReadonlySet<string> = new Set([
  'response.output_text.delta',
  'response.refusal.delta',
  'response.function_call_arguments.delta',
]);

/** Stream events that carry the final `Response`. */
const FINAL_EVENTS: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Follows the events of a streaming `responses.create`. */
export class ResponseStreamReader {
  private model: string | undefined;
  private final: CallEnd | undefined;
  private error: unknown;

  read(event: unknown): { content: boolean } {
    const type = field(event, 'type');
    if (typeof type !== 'string') return { content: false };
    this.model ??= text(field(event, 'response', 'model'));
    if (FINAL_EVENTS.has(type)) this.final = responseEnd(field(event, 'response'));
    else if (type === 'error') this.error = isObject(event) ? event : new Error('stream error event');
    return { content: CONTENT_EVENTS.has(type) && text(field(event, 'delta')) !== undefined };
  }

  hides(): boolean {
    return false;
  }

  /** How the stream ended; a stream cut short before `response.completed` reports no usage. */
  end(): CallEnd {
    if (this.error !== undefined) return { ok: false, error: this.error, model: this.model };
    return this.final ?? { ok: true, outcome: { model: this.model } };
  }

  /** A stream that broke off: the failure carries the model that was answering. */
  fail(error: unknown): CallEnd {
    return { ok: false, error, model: this.model };
  }
}
