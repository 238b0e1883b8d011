// What an adapter's tests publish: a fresh EventBus and event log per test, and the few ways the
// tests read them.
import assert from 'node:assert/strict';
import { beforeEach } from 'node:test';
import { EventBus, type EventDataMap, type EventType, type PromptKitEvent } from '@promptkit/events';

/** The events each test publishes, on a fresh bus per test; construct it at the top of a file or inside `describe`. */
export class RecordedEvents {
  eventBus = new EventBus();
  events: PromptKitEvent[] = [];

  constructor() {
    beforeEach(() => {
      this.events = [];
      this.eventBus = new EventBus();
      this.eventBus.subscribeAll((event) => this.events.push(event));
    });
  }

  types(): string[] {
    return this.events.map((event) => event.type);
  }

  /** The data of the only event of `type`; fails unless there is exactly one. */
  one<T extends EventType>(type: T): EventDataMap[T] {
    const found = this.events.filter((event) => event.type === type);
    assert.equal(found.length, 1, `one ${type} event: ${JSON.stringify(this.types())}`);
    return found[0]!.data as EventDataMap[T];
  }

  /** The one `provider.call.completed` event's data. */
  completed(): EventDataMap['provider.call.completed'] {
    return this.one('provider.call.completed');
  }

  /** The one `provider.call.failed` event's data. */
  failed(): EventDataMap['provider.call.failed'] {
    return this.one('provider.call.failed');
  }
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A plain-JSON copy (no class instances, getters or SDK-private fields), to compare results field by field. */
export function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Event data without its timing, which differs between runs. */
export function untimed(data: object): Record<string, unknown> {
  const rest = { ...(data as Record<string, unknown>) };
  delete rest.durationMs;
  delete rest.timeToFirstTokenMs;
  return rest;
}

/** A rejected promise's reason; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('resolved'),
    (error: unknown) => error,
  );
}
