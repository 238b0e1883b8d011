export { PromptKitCallbackHandler } from './handler.js';
export type { PromptKitCallbackHandlerOptions } from './handler.js';
export type { RunCounts } from './runs.js';
export type { EventPublisher } from '@promptkit/events';
