// Test support only (not built, not exported): one loopback server and one event log per test file,
// and clients of the SDK under test, instrumented or not.
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import type { GoogleGenAI, GoogleGenAIOptions } from '@google/genai';
import { EventBus, type EventOf, type PromptKitEvent } from '@promptkit/events';
import { instrumentGoogleGenAI, type InstrumentGoogleGenAIOptions } from './index.js';
import { FakeGeminiServer } from './test-server.js';

export interface Harness {
  readonly server: FakeGeminiServer;
  readonly events: PromptKitEvent[];
  readonly eventBus: EventBus;
  /** A Gemini API client of `sdk` on the loopback server (`options` are merged in). */
  client(sdk: typeof GoogleGenAI, options?: GoogleGenAIOptions): GoogleGenAI;
  /** The same, instrumented on this harness's bus. */
  instrumented(sdk: typeof GoogleGenAI, options?: Partial<InstrumentGoogleGenAIOptions> & { client?: GoogleGenAIOptions }): GoogleGenAI;
  types(): string[];
  /** The one `provider.call.completed` event's data; fails unless there is exactly one. */
  completed(): EventOf<'provider.call.completed'>['data'];
  /** The one `provider.call.failed` event's data; fails unless there is exactly one. */
  failed(): EventOf<'provider.call.failed'>['data'];
}

/** Registers the hooks of a test file that talks to a fake Gemini API; returns its harness. */
export function harness(): Harness {
  let server: FakeGeminiServer | undefined;
  const events: PromptKitEvent[] = [];
  let eventBus = new EventBus();
  before(async () => {
    server = await FakeGeminiServer.start();
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
    client: (sdk, options = {}) => new sdk({ apiKey: 'test', ...options, httpOptions: { baseUrl: h.server.baseUrl, ...options.httpOptions } }),
    instrumented: (sdk, { client, ...options } = {}) => instrumentGoogleGenAI(h.client(sdk, client), { eventBus, ...options }),
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

/** A plain-JSON copy (no class instances, no getters), to compare results field by field. */
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
