export { promptkitMiddleware } from './middleware.js';
export type { PromptkitMiddlewareOptions } from './middleware.js';
export type { EventPublisher } from '@promptkit/events';
