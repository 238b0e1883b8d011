// `@promptkit/events/adapter`: what an adapter for an LLM client needs (PromptKit's own adapters
// and yours): one provider call's events, defensive readers for wire formats, and reporting.
export { ProviderCall } from './provider-call.js';
export type { CallEnd, CallOptions, CallOutcome, EventPublisher } from './provider-call.js';
export { classifyProviderError } from './classify-error.js';
export { finishReasonOf } from './finish-reason.js';
export { field, isObject, text, tokenCount } from './wire.js';
export type { Json } from './wire.js';
export { describeError, reportProblem, safeString } from '../diag.js';
