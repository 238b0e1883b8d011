export { EventBus } from './bus.js';
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
export type { EventPublisher } from './adapter/provider-call.js';
