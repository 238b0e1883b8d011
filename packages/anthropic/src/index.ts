export { instrumentAnthropic } from './instrument.js';
export type { AnthropicClientLike, InstrumentAnthropicOptions } from './instrument.js';
export type { EventPublisher } from '@promptkit/events';
