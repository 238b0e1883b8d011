// `@promptkit/events/adapter`: what an adapter for an LLM client needs (PromptKit's own adapters
// and yours): one provider call's events, observing the promises and streams a client returns,
// defensive readers for wire formats, and reporting.
export { ProviderCall } from './provider-call.js';
export type { CallEnd, CallOptions, CallOutcome, EventPublisher } from './provider-call.js';
export { observeApiPromise } from './api-promise.js';
export type { SettleHooks } from './api-promise.js';
export { observeStream } from './stream.js';
export type { StreamReader } from './stream.js';
export { classifyProviderError } from './classify-error.js';
export { finishReasonOf } from './finish-reason.js';
export { serverOf } from './server.js';
export { field, isObject, sumTokenCounts, text, tokenCount } from './wire.js';
export type { Json } from './wire.js';
export { describeError, reportProblem, safeString } from '../diag.js';
