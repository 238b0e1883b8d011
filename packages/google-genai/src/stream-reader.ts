import { field, isObject, text, type CallEnd, type StreamReader } from '@promptkit/events/adapter';
import { USAGE_FIELDS, finishReason, geminiUsage } from './usage.js';

// Parts that are generated output besides text (function calls, images, code and its results).
const OUTPUT_PARTS = ['functionCall', 'inlineData', 'fileData', 'executableCode', 'codeExecutionResult'] as const;

/** True when a chunk's candidates carry generated content: text (thoughts included) or another output part. */
function carriesContent(chunk: unknown): boolean {
  const candidates = field(chunk, 'candidates');
  if (!Array.isArray(candidates)) return false;
  return (candidates as unknown[]).some((candidate) => {
    const parts = field(candidate, 'content', 'parts');
    if (!Array.isArray(parts)) return false;
    return (parts as unknown[]).some((part) => text(field(part, 'text')) !== undefined || OUTPUT_PARTS.some((name) => isObject(field(part, name))));
  });
}

/**
 * Follows the chunks of `models.generateContentStream`. Each chunk is a `GenerateContentResponse`
 * whose `usageMetadata` is a cumulative snapshot (early chunks often carry only the prompt's
 * count; the last one, with `finishReason`, the output's): the last value of each count is kept,
 * never a sum. Time to first token is the first chunk with candidate content.
 */
export class ContentStreamReader implements StreamReader {
  private model: string | undefined;
  private finishReason: string | undefined;
  private readonly usage: Record<string, unknown> = {};

  read(chunk: unknown): { content: boolean } {
    this.model ??= text(field(chunk, 'modelVersion'));
    const usage = field(chunk, 'usageMetadata');
    if (isObject(usage)) {
      for (const name of USAGE_FIELDS) {
        const value = field(usage, name);
        if (value !== undefined && value !== null) this.usage[name] = value;
      }
    }
    this.finishReason = finishReason(chunk) ?? this.finishReason;
    return { content: carriesContent(chunk) };
  }

  end(): CallEnd {
    return { ok: true, outcome: { model: this.model, ...geminiUsage(this.usage), finishReason: this.finishReason } };
  }

  /** An error chunk or a broken connection mid-stream: failed, with the model that was answering. */
  fail(error: unknown): CallEnd {
    return { ok: false, error, model: this.model };
  }
}
