export { EventBus } from './bus.js';
export type { EventBusOptions, EventBusStats } from './bus.js';
export { EVENT_TYPES, isEventType } from './events.js';
export type {
  CallContext,
  EventDataMap,
  EventEnvelope,
  EventListener,
  EventOf,
  EventType,
  PromptKitEvent,
  TokenCounts,
} from './events.js';
export type { EventPublisher } from './adapter/provider-call.js';
export { FINISH_REASONS, PROVIDER_ERROR_TYPES, isFinishReason, isProviderErrorType } from './outcomes.js';
export type { FinishReason, ProviderErrorType } from './outcomes.js';
