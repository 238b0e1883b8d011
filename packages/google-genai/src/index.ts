export { instrumentGoogleGenAI } from './instrument.js';
export type { GoogleGenAIClientLike, InstrumentGoogleGenAIOptions } from './instrument.js';
export type { EventPublisher } from '@promptkit/events';
