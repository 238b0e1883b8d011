// Why provider calls fail and stop, as closed sets: the values of the `error_type` and `reason`
// labels of promptkit_provider_errors_total and promptkit_provider_finish_reasons_total.

/** Why a provider call failed. */
export const PROVIDER_ERROR_TYPES = [
  'rate_limit',
  'timeout',
  'context_length_exceeded',
  'authentication',
  'invalid_request',
  'server_error',
  'network',
  'content_filter',
  'cancelled',
  'other',
] as const;
export type ProviderErrorType = (typeof PROVIDER_ERROR_TYPES)[number];

/** Why a generation stopped. */
export const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter', 'refusal', 'other'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

const errorTypes: ReadonlySet<unknown> = new Set(PROVIDER_ERROR_TYPES);
const finishReasons: ReadonlySet<unknown> = new Set(FINISH_REASONS);

export const isProviderErrorType = (value: unknown): value is ProviderErrorType => errorTypes.has(value);
export const isFinishReason = (value: unknown): value is FinishReason => finishReasons.has(value);
