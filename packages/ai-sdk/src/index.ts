export { promptkitMiddleware } from './middleware.js';
export type { PromptkitMiddleware, PromptkitMiddlewareOptions } from './middleware.js';
export type { EventPublisher } from '@promptkit/events';
export type { ModelInfo } from './usage.js';
