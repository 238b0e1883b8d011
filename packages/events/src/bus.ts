import { describeError, reportProblem, safeString } from './diag.js';
import type { EventListener, EventOf, EventType, PromptKitEvent } from './events.js';

/** Counts of what the bus delivered and what its listeners threw. */
export interface EventBusStats {
  published: number;
  listenerErrors: number;
}

export interface EventBusOptions {
  /** Called after a listener threw, once the failure was reported. Must not throw itself. */
  onListenerError?: (error: unknown, event: PromptKitEvent) => void;
}

type AnyListener = (event: PromptKitEvent) => void;

/**
 * Synchronous, ordered delivery: when `publish` returns, every listener has seen the event.
 * A listener that throws is reported through OpenTelemetry `diag` and counted; the publisher and
 * the other listeners never see the error.
 */
export class EventBus {
  // Listener arrays are replaced, never mutated, so a publish in progress keeps a stable snapshot.
  private readonly byType = new Map<string, readonly AnyListener[]>();
  private all: readonly AnyListener[] = [];
  private readonly onListenerError: EventBusOptions['onListenerError'];
  private published = 0;
  private listenerErrors = 0;

  constructor(options: EventBusOptions = {}) {
    this.onListenerError = options.onListenerError;
  }

  /** Listens to one event type; `event.data` is typed for it. Returns an unsubscribe function. */
  subscribe<T extends EventType>(type: T, listener: EventListener<EventOf<T>>): () => void {
    const wrapped = listener as AnyListener;
    this.byType.set(type, [...(this.byType.get(type) ?? []), wrapped]);
    return once(() => {
      const rest = (this.byType.get(type) ?? []).filter((l) => l !== wrapped);
      if (rest.length === 0) this.byType.delete(type);
      else this.byType.set(type, rest);
    });
  }

  /** Listens to every event. Returns an unsubscribe function. */
  subscribeAll(listener: EventListener): () => void {
    this.all = [...this.all, listener];
    return once(() => {
      this.all = this.all.filter((l) => l !== listener);
    });
  }

  /** Delivers the event to the type's listeners, then to the catch-all listeners. Never throws. */
  publish(event: PromptKitEvent): void {
    this.published++;
    let typed: readonly AnyListener[] | undefined;
    try {
      typed = event == null ? undefined : this.byType.get((event as { type?: string }).type as string);
    } catch {
      typed = undefined; // a hostile 'type' getter: catch-all listeners still get the event
    }
    if (typed !== undefined) for (let i = 0; i < typed.length; i++) this.deliver(typed[i]!, event);
    const all = this.all;
    for (let i = 0; i < all.length; i++) this.deliver(all[i]!, event);
  }

  stats(): EventBusStats {
    return { published: this.published, listenerErrors: this.listenerErrors };
  }

  /** Removes every listener. */
  clear(): void {
    this.byType.clear();
    this.all = [];
  }

  private deliver(listener: AnyListener, event: PromptKitEvent): void {
    try {
      listener(event);
    } catch (error) {
      this.listenerErrors++;
      this.report(error, event);
    }
  }

  private report(error: unknown, event: PromptKitEvent): void {
    reportProblem(
      'event-bus listener',
      `an EventBus listener threw on '${safeString(() => (event as { type?: unknown } | undefined)?.type)}' (${describeError(error)}); ` +
        'the publisher and other listeners were not affected',
      'error',
    );
    if (this.onListenerError) {
      try {
        this.onListenerError(error, event);
      } catch {
        // The error hook is user code too; it must not break delivery.
      }
    }
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
