// Test support only (not built, not exported): the `openai` majors the adapter is tested with (each
// its newest release), and one harness per test suite: a loopback server, an EventBus, the events.
import assert from 'node:assert/strict';
import { before } from 'node:test';
import type OpenAI from 'openai';
import type { Stream } from 'openai/streaming';
import { ServerHarness } from '../../../test/support/server-harness.js';
import { instrumentOpenAI, type InstrumentOpenAIOptions } from './index.js';
import { FakeOpenAIServer } from './test-server.js';

export { collect } from '../../../test/support/recorded-events.js';

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

/** A suite's server, bus and recorded events, and the major's classes; call inside `describe`, it registers the hooks. */
export class Harness extends ServerHarness<FakeOpenAIServer> {
  lib!: OpenAIModule;

  constructor(major: Major) {
    super(() => FakeOpenAIServer.start());
    before(async () => {
      this.lib = await major.load();
    });
  }

  newClient(): OpenAI {
    return new this.lib.OpenAI({ apiKey: 'test', baseURL: this.server.baseURL, maxRetries: 0 });
  }

  instrumented(options: Omit<InstrumentOpenAIOptions, 'eventBus'> = {}): OpenAI {
    return instrumentOpenAI(this.newClient(), { eventBus: this.eventBus, ...options });
  }
}

/** An event's data with its duration zeroed, for deepEqual after the duration was checked. */
export function timeless<T extends { durationMs: number }>(data: T): T {
  assert.ok(data.durationMs >= 0 && data.durationMs < 10_000, `durationMs ${data.durationMs}`);
  return { ...data, durationMs: 0 };
}
