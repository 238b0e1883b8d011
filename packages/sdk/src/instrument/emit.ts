import type { EventDataMap, EventPublisher, EventType, PromptKitEvent } from '@promptkit/events';
import { describeError, reportProblem } from '@promptkit/events/adapter';

export type { EventPublisher };

/** Identifiers copied onto every event the helpers publish. */
export interface EventContext {
  runId?: string;
  sessionId?: string;
  conversationId?: string;
}

/** A monotonic clock in milliseconds. */
export type Clock = () => number;

export const performanceClock: Clock = () => performance.now();

/** Publishes typed events with the context's identifiers; never throws into the instrumented code. */
export class Emitter {
  private readonly envelope: EventContext;

  constructor(
    private readonly publisher: EventPublisher,
    context: EventContext,
    readonly now: Clock,
  ) {
    // Only identifiers that are set, so events carry no `runId: undefined` keys.
    const envelope: EventContext = {};
    if (context.runId !== undefined) envelope.runId = context.runId;
    if (context.sessionId !== undefined) envelope.sessionId = context.sessionId;
    if (context.conversationId !== undefined) envelope.conversationId = context.conversationId;
    this.envelope = envelope;
  }

  emit<T extends EventType>(type: T, data: EventDataMap[T]): void {
    try {
      this.publisher.publish({ type, timestamp: Date.now(), ...this.envelope, data } as PromptKitEvent);
    } catch (error) {
      // An EventBus never throws; a publisher of the user's own might. Telemetry must not fail the call.
      reportProblem('helpers publish', `publishing '${type}' threw (${describeError(error)}); the instrumented call was not affected`);
    }
  }
}
