// Test support only (not built, not exported): the `openai` majors the adapter is tested with (each
// its newest release), and one harness per test suite: a loopback server, an EventBus, the events.
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { EventBus, type EventOf, type PromptKitEvent } from '@promptkit/events';
import type OpenAI from 'openai';
import type { Stream } from 'openai/streaming';
import { instrumentOpenAI, type InstrumentOpenAIOptions } from './index.js';
import { FakeOpenAIServer } from './test-server.js';

/** One major's client class and its `Stream` class; typed as 6.x, whose calls the tests make. */
export interface OpenAIModule {
  OpenAI: typeof OpenAI;
  Stream: typeof Stream;
}

export interface Major {
  label: string;
  /** A reason to skip this major on this Node, or false. */
  skip: string | false;
  load(): Promise<OpenAIModule>;
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

export const MAJORS: readonly Major[] = [
  {
    label: 'openai 6.49.0',
    skip: false,
    load: async () => ({ OpenAI: (await import('openai')).default, Stream: (await import('openai/streaming')).Stream }),
  },
  {
    label: 'openai 5.23.2',
    skip: false,
    // The 5.x classes differ from 6.x only in types the tests do not touch.
    load: async () => ({
      OpenAI: (await import('openai-v5')).default as unknown as typeof OpenAI,
      Stream: (await import('openai-v5/streaming')).Stream as unknown as typeof Stream,
    }),
  },
  {
    label: 'openai 7.59.0',
    skip: nodeMajor >= 22 ? false : 'openai 7 requires Node 22 (engines >=22); runs in the Node 22 and 24 CI runs',
    load: async () => ({
      OpenAI: (await import('openai-v7')).default as unknown as typeof OpenAI,
      Stream: (await import('openai-v7/streaming')).Stream as unknown as typeof Stream,
    }),
  },
];

/** A suite's server, bus and recorded events; call inside `describe`, it registers the hooks. */
export class Harness {
  server!: FakeOpenAIServer;
  lib!: OpenAIModule;
  eventBus = new EventBus();
  events: PromptKitEvent[] = [];

  constructor(major: Major) {
    before(async () => {
      this.lib = await major.load();
      this.server = await FakeOpenAIServer.start();
    });
    after(() => this.server.close());
    beforeEach(() => {
      this.events = [];
      this.eventBus = new EventBus();
      this.eventBus.subscribeAll((event) => this.events.push(event));
      this.server.requests.length = 0;
    });
  }

  newClient(): OpenAI {
    return new this.lib.OpenAI({ apiKey: 'test', baseURL: this.server.baseURL, maxRetries: 0 });
  }

  instrumented(options: Omit<InstrumentOpenAIOptions, 'eventBus'> = {}): OpenAI {
    return instrumentOpenAI(this.newClient(), { eventBus: this.eventBus, ...options });
  }

  types(): string[] {
    return this.events.map((event) => event.type);
  }

  /** The one `provider.call.completed` event's data. */
  completed(): EventOf<'provider.call.completed'>['data'] {
    const found = this.events.filter((event) => event.type === 'provider.call.completed');
    assert.equal(found.length, 1, `one completed event: ${JSON.stringify(this.types())}`);
    return found[0]!.data;
  }

  /** The one `provider.call.failed` event's data. */
  failed(): EventOf<'provider.call.failed'>['data'] {
    const found = this.events.filter((event) => event.type === 'provider.call.failed');
    assert.equal(found.length, 1, `one failed event: ${JSON.stringify(this.types())}`);
    return found[0]!.data;
  }
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** An event's data with its duration zeroed, for deepEqual after the duration was checked. */
export function timeless<T extends { durationMs: number }>(data: T): T {
  assert.ok(data.durationMs >= 0 && data.durationMs < 10_000, `durationMs ${data.durationMs}`);
  return { ...data, durationMs: 0 };
}
