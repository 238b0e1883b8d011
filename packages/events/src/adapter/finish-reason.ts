import type { FinishReason } from '../outcomes.js';

// Each provider's own stop reasons, lower-cased, by the closed set they belong to. Sources: OpenAI
// `finish_reason` and Responses `incomplete_details.reason`; Anthropic `stop_reason`; Gemini
// `FinishReason`; Bedrock Converse `stopReason`; Mistral `finish_reason`; the AI SDK's unified
// reasons (its middleware passes the provider's raw one where the model reports it); LangChain
// passes the provider's through.
const REASONS: Record<FinishReason, readonly string[]> = {
  stop: ['stop', 'end_turn', 'stop_sequence', 'completed', 'eos', 'end', 'finish_reason_stop'],
  length: ['length', 'max_tokens', 'max_output_tokens', 'model_context_window_exceeded', 'max_completion_tokens', 'model_length'],
  tool_calls: ['tool_calls', 'tool-calls', 'tool_use', 'function_call', 'tool_call', 'unexpected_tool_call'],
  content_filter: [
    'content_filter',
    'content-filter',
    'safety',
    'recitation',
    'blocklist',
    'prohibited_content',
    'spii',
    'image_safety',
    'image_prohibited_content',
    'image_recitation',
    'content_filtered',
    'guardrail_intervened',
  ],
  refusal: ['refusal'],
  other: [],
};

const byRaw = new Map<string, FinishReason>();
for (const [reason, raws] of Object.entries(REASONS) as [FinishReason, readonly string[]][]) for (const raw of raws) byRaw.set(raw, reason);

/**
 * The closed-set reason for a provider's own finish reason (`end_turn` → `stop`, `MAX_TOKENS` →
 * `length`, `tool_use` → `tool_calls`, `SAFETY` → `content_filter`), `other` for any other
 * non-empty string, undefined when there is none.
 */
export function finishReasonOf(raw: unknown): FinishReason | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  return byRaw.get(raw.trim().toLowerCase()) ?? 'other';
}
