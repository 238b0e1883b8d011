import { field, isObject, text, type CallEnd, type StreamReader } from '@promptkit/events/adapter';
import { anthropicUsage } from './usage.js';

// `message_start` carries the prompt's counts and a placeholder `output_tokens` (usually 1), so
// output is taken only from `message_delta`.
const START_FIELDS = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;
const DELTA_FIELDS = [...START_FIELDS, 'output_tokens', 'output_tokens_details'] as const;

/** True when a `content_block_delta`'s delta is generated output: text, thinking or tool input JSON. */
function carriesContent(delta: unknown): boolean {
  return text(field(delta, 'text')) !== undefined || text(field(delta, 'thinking')) !== undefined || text(field(delta, 'partial_json')) !== undefined;
}

/**
 * Follows the events of a streaming `messages.create` (`RawMessageStreamEvent`): the model and the
 * prompt's counts from `message_start`, then each `message_delta`'s usage, whose counts are
 * cumulative whole-message totals, so each one present replaces the last (never added). The stop
 * reason comes with `message_delta`. Time to first token is the first `content_block_delta` that
 * carries text, thinking or tool input.
 */
export class MessageStreamReader implements StreamReader {
  private model: string | undefined;
  private finishReason: string | undefined;
  private readonly usage: Record<string, unknown> = {};

  read(event: unknown): { content: boolean } {
    switch (field(event, 'type')) {
      case 'content_block_delta':
        return { content: carriesContent(field(event, 'delta')) };
      case 'message_start':
        this.model ??= text(field(event, 'message', 'model'));
        this.take(field(event, 'message', 'usage'), START_FIELDS);
        break;
      case 'message_delta':
        this.take(field(event, 'usage'), DELTA_FIELDS);
        this.finishReason = text(field(event, 'delta', 'stop_reason')) ?? this.finishReason;
        break;
    }
    return { content: false };
  }

  private take(usage: unknown, fields: readonly string[]): void {
    if (!isObject(usage)) return;
    for (const name of fields) {
      const value = field(usage, name);
      if (value !== undefined && value !== null) this.usage[name] = value;
    }
  }

  /** A stream left before `message_delta` has the prompt's counts and no output count. */
  end(): CallEnd {
    return { ok: true, outcome: { model: this.model, ...anthropicUsage(this.usage), finishReason: this.finishReason } };
  }

  /** An `error` event (or a broken connection) mid-stream: failed, with the model that was answering. */
  fail(error: unknown): CallEnd {
    return { ok: false, error, model: this.model };
  }
}
