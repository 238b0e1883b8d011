// The closed label value sets, each defined once: the recorder checks against them, the handles'
// types come from them, and the docs, dashboard and tests read them.

/** `status` of pipelines, stages, provider calls and tool calls. */
export const STATUS = ['success', 'error'] as const;
export type Status = (typeof STATUS)[number];

/** `status` of validations. */
export const VALIDATION_STATUS = ['passed', 'failed'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUS)[number];

/**
 * `type` of `promptkit_provider_tokens_total`: `input` is every prompt token (cache reads and writes
 * included), `cached` and `cache_write` are parts of it; `output` is every generated token
 * (reasoning included), `reasoning` a part of it.
 */
export const TOKEN_TYPES = ['input', 'output', 'cached', 'cache_write', 'reasoning'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

export { FINISH_REASONS, PROVIDER_ERROR_TYPES } from '@promptkit/events';
export type { FinishReason, ProviderErrorType } from '@promptkit/events';

/** `reason` of `promptkit_dropped_records_total`: why PromptKit refused a record. */
export const DROP_REASONS = [
  'invalid_event',
  'unknown_event',
  'invalid_duration',
  'invalid_tokens',
  'invalid_cost',
  'invalid_label',
  'invalid_status',
  'unmatched_end',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

const statusSet: ReadonlySet<unknown> = new Set(STATUS);
const validationStatusSet: ReadonlySet<unknown> = new Set(VALIDATION_STATUS);

export const isStatus = (value: unknown): value is Status => statusSet.has(value);
export const isValidationStatus = (value: unknown): value is ValidationStatus => validationStatusSet.has(value);
