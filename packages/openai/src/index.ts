export { instrumentOpenAI } from './instrument.js';
export type { InstrumentOpenAIOptions, OpenAIClientLike } from './instrument.js';
export type { EventPublisher } from '@promptkit/events';
