export { EventBus, safeString } from './bus.js';
export type { EventBusOptions, EventBusStats } from './bus.js';
export { EVENT_TYPES, isEventType } from './events.js';
export type {
  EventDataMap,
  EventEnvelope,
  EventListener,
  EventOf,
  EventType,
  PromptKitEvent,
} from './events.js';
export { ProviderCall } from './provider-call.js';
export type { CallEnd, CallOutcome, EventPublisher } from './provider-call.js';
export { reportProblem } from './diag.js';
