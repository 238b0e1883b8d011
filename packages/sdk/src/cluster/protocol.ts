// The messages PromptKit's processes exchange. Each travels as an object with one key, NAMESPACE,
// so an application that exchanges messages of its own over the same channel (`type`, `cmd`,
// strings…) never mistakes ours for its own, and we never read its messages.
import { isPlainObject } from '@promptkit/meter-provider';

export const NAMESPACE = 'promptkit.metrics.cluster';
const VERSION = 1;

export type ClusterMessage =
  /** Aggregating process → all: who reports to me? */
  | { type: 'probe' }
  /** Reporting process → aggregating: I report, under this session (one per startMetrics() call). */
  | { type: 'hello'; session: string; label: string }
  /** Aggregating → reporting: collect now and answer request `id`. */
  | { type: 'collect'; id: number }
  /** Reporting → aggregating: the collection asked for by `id`. */
  | { type: 'snapshot'; session: string; id: number; body: unknown }
  /** Reporting → aggregating: the last collection of a session that is shutting down. */
  | { type: 'bye'; session: string; body: unknown }
  /** Aggregating → reporting (peers): what only the aggregating process holds, for its successor. */
  | { type: 'legacy'; from: string; body: unknown };

export type Envelope = { [NAMESPACE]: ClusterMessage & { v: number } };

export function envelope(message: ClusterMessage): Envelope {
  return { [NAMESPACE]: { ...message, v: VERSION } };
}

/** Our message inside `raw`, or undefined for anything else (the application's own messages). */
export function openEnvelope(raw: unknown): ClusterMessage | undefined {
  if (!isPlainObject(raw)) return undefined;
  const message = raw[NAMESPACE];
  if (!isPlainObject(message) || message.v !== VERSION) return undefined;
  switch (message.type) {
    case 'probe':
      return { type: 'probe' };
    case 'hello':
      return typeof message.session === 'string' && typeof message.label === 'string' ? { type: 'hello', session: message.session, label: message.label.slice(0, 100) } : undefined;
    case 'collect':
      return typeof message.id === 'number' ? { type: 'collect', id: message.id } : undefined;
    case 'snapshot':
      return typeof message.session === 'string' && typeof message.id === 'number' ? { type: 'snapshot', session: message.session, id: message.id, body: message.body } : undefined;
    case 'bye':
      return typeof message.session === 'string' ? { type: 'bye', session: message.session, body: message.body } : undefined;
    case 'legacy':
      return typeof message.from === 'string' ? { type: 'legacy', from: message.from, body: message.body } : undefined;
    default:
      return undefined;
  }
}
