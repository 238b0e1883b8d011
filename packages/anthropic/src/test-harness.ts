// Test support only (not built, not exported): one loopback server and one event log per test file,
// and clients of the SDK under test, instrumented or not.
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientOptions } from '@anthropic-ai/sdk';
import { EventBus, type EventOf, type PromptKitEvent } from '@promptkit/events';
import { instrumentAnthropic, type InstrumentAnthropicOptions } from './index.js';
import { FakeAnthropicServer } from './test-server.js';

export interface Harness {
  readonly server: FakeAnthropicServer;
  readonly events: PromptKitEvent[];
  readonly eventBus: EventBus;
  /** A client of `sdk` on the loopback server, without retries, with the SDK's own tracing as by default. */
  client(sdk: typeof Anthropic, options?: ClientOptions): Anthropic;
  /** The same, instrumented on this harness's bus. */
  instrumented(sdk: typeof Anthropic, options?: Partial<InstrumentAnthropicOptions> & { client?: ClientOptions }): Anthropic;
  types(): string[];
  /** The one `provider.call.completed` event's data; fails unless there is exactly one. */
  completed(): EventOf<'provider.call.completed'>['data'];
  /** The one `provider.call.failed` event's data; fails unless there is exactly one. */
  failed(): EventOf<'provider.call.failed'>['data'];
}

/** Registers the hooks of a test file that talks to a fake Anthropic API; returns its harness. */
export function harness(): Harness {
  let server: FakeAnthropicServer | undefined;
  const events: PromptKitEvent[] = [];
  let eventBus = new EventBus();
  before(async () => {
    server = await FakeAnthropicServer.start();
  });
  after(() => server?.close());
  beforeEach(() => {
    events.length = 0;
    eventBus = new EventBus();
    eventBus.subscribeAll((event) => events.push(event));
    if (server) server.requests.length = 0;
  });
  const only = <T extends 'provider.call.completed' | 'provider.call.failed'>(type: T): EventOf<T>['data'] => {
    const found = events.filter((event) => event.type === type);
    assert.equal(found.length, 1, `one ${type} event: ${JSON.stringify(events.map((event) => event.type))}`);
    return found[0]!.data as EventOf<T>['data'];
  };
  const h: Harness = {
    get server() {
      assert.ok(server, 'the server has started');
      return server;
    },
    events,
    get eventBus() {
      return eventBus;
    },
    // The SDK's spans stay on, as users have them; with no tracer provider registered they record
    // nothing and print nothing. instrument.test.ts also runs with them off and with them recording.
    client: (sdk, options = {}) => new sdk({ apiKey: 'test', baseURL: h.server.baseURL, maxRetries: 0, ...options }),
    instrumented: (sdk, { client, ...options } = {}) => instrumentAnthropic(h.client(sdk, client), { eventBus, ...options }),
    types: () => events.map((event) => event.type),
    completed: () => only('provider.call.completed'),
    failed: () => only('provider.call.failed'),
  };
  return h;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A plain-JSON copy (no class instances, no `_request_id`), to compare results field by field. */
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
