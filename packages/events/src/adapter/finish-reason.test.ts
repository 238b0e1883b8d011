import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finishReasonOf } from './finish-reason.js';

test("providers' own finish reasons → the closed set", () => {
  const cases: [string, string][] = [
    ['stop', 'stop'], // OpenAI, Mistral, the AI SDK's unified
    ['end_turn', 'stop'], // Anthropic, Bedrock
    ['STOP', 'stop'], // Gemini
    ['completed', 'stop'], // OpenAI Responses status
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['MAX_TOKENS', 'length'],
    ['max_output_tokens', 'length'],
    ['model_length', 'length'], // Mistral
    ['tool_calls', 'tool_calls'],
    ['tool-calls', 'tool_calls'], // the AI SDK's unified
    ['tool_use', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['content-filter', 'content_filter'],
    ['SAFETY', 'content_filter'],
    ['content_filtered', 'content_filter'], // Bedrock
    ['guardrail_intervened', 'content_filter'], // Bedrock
    ['refusal', 'refusal'],
    ['error', 'other'],
    ['interrupted', 'other'], // the AI SDK's V4 unified
    ['MALFORMED_FUNCTION_CALL', 'other'],
  ];
  for (const [raw, reason] of cases) assert.equal(finishReasonOf(raw), reason, raw);
  assert.equal(finishReasonOf(''), undefined);
  assert.equal(finishReasonOf(undefined), undefined);
  assert.equal(finishReasonOf(42), undefined);
});
