// wrapMethod and recordCall on a plain object, without a client library: the adapters' tests drive
// them with the real SDKs.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { EventBus } from '../bus.js';
import type { PromptKitEvent } from '../events.js';
import { recordCall, wrapMethod, type CallRecording } from './client-method.js';
import { ProviderCall } from './provider-call.js';

const MARK = Symbol.for('promptkit.test.instrumented');
const API_KEY = Symbol.for('opentelemetry.js.api.1');
const globals = globalThis as Record<symbol, unknown>;

let events: PromptKitEvent[];
let bus: EventBus;
let reports: string[];

beforeEach(() => {
  events = [];
  bus = new EventBus();
  bus.subscribeAll((event) => events.push(event));
  reports = [];
  const keep = (message: string) => void reports.push(message);
  // What `diag.setLogger()` registers, without a dependency on the OpenTelemetry API.
  globals[API_KEY] = { diag: { warn: keep, error: keep, info: keep } };
});
afterEach(() => delete globals[API_KEY]);

const types = () => events.map((event) => event.type);

/** Records a call of model `m` whose value is completed with `outputTokens: value`. */
function recording(overrides: Partial<CallRecording> = {}): CallRecording {
  return {
    adapter: 'test-adapter',
    start: () => new ProviderCall(bus, 'test', 'm'),
    settle: (call, value) => call.complete({ outputTokens: value as number }),
    ...overrides,
  };
}

describe('wrapMethod', () => {
  test('wraps once, keeps the name and this, and leaves what is not a method alone', () => {
    const client = { base: 40, add(this: { base: number }, n: number) { return this.base + n; }, value: 3 };
    const seen: unknown[][] = [];
    const wrapper = (original: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) => (seen.push(args), original.apply(self, args));
    assert.equal(wrapMethod(client, 'add', MARK, wrapper), true);
    assert.equal(wrapMethod(client, 'add', MARK, wrapper), false, 'already wrapped');
    assert.equal(client.add.name, 'add');
    assert.equal(client.add(2), 42);
    assert.deepEqual(seen, [[2]], 'one wrapper ran');
    assert.equal(wrapMethod(client, 'value', MARK, wrapper), false);
    assert.equal(wrapMethod(client, 'missing', MARK, wrapper), false);
    assert.equal(wrapMethod(undefined, 'add', MARK, wrapper), false);
  });
});

describe('recordCall', () => {
  test('a plain value is returned and recorded at once', () => {
    assert.equal(recordCall(recording(), () => 5), 5);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
    assert.equal((events[1]!.data as { outputTokens?: number }).outputTokens, 5);
  });

  test('a thrown error reaches the caller after the failed event carried it', () => {
    const error = new Error('boom');
    assert.throws(() => recordCall(recording(), () => { throw error; }), (thrown) => thrown === error);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    assert.equal((events[1]!.data as { error: unknown }).error, error);
  });

  test("'observe' records when the caller awaits; 'chain' as soon as the promise settles", async () => {
    const observed = recordCall(recording(), () => Promise.resolve(7)) as Promise<number>;
    await Promise.resolve();
    assert.deepEqual(types(), ['provider.call.started'], 'not yet awaited');
    assert.equal(await observed, 7);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);

    events.length = 0;
    const error = new Error('rejected');
    const chained = recordCall(recording({ promise: 'chain' }), () => Promise.reject(error)) as Promise<unknown>;
    await chained.catch(() => undefined);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    await assert.rejects(chained, (thrown) => thrown === error);
  });

  test('a start or settle that throws is reported, and the caller still gets the value', () => {
    const broken = recording({
      start: () => {
        throw new Error('no bus');
      },
    });
    assert.equal(recordCall(broken, () => 1), 1);
    assert.deepEqual(types(), []);
    const badSettle = recording({
      settle: () => {
        throw new Error('bad shape');
      },
    });
    assert.equal(recordCall(badSettle, () => 2), 2);
    assert.deepEqual(reports, [
      'promptkit: test-adapter: cannot record a call (Error: no bus); it runs unrecorded',
      'promptkit: test-adapter: recording a result failed (Error: bad shape)',
    ]);
  });
});
