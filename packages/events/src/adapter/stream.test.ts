// observeStream on the three shapes of stream it knows, without a client library: the adapters'
// tests drive it with the real SDKs.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { EventBus } from '../bus.js';
import type { PromptKitEvent } from '../events.js';
import { ProviderCall } from './provider-call.js';
import { observeStream, type StreamReader } from './stream.js';

let events: PromptKitEvent[];
let call: ProviderCall;

beforeEach(() => {
  events = [];
  const bus = new EventBus();
  bus.subscribeAll((event) => events.push(event));
  call = new ProviderCall(bus, 'test', 'model-a');
});

/** Counts items and reports the count as output tokens. */
function counter(): StreamReader {
  let items = 0;
  return {
    read: () => ({ content: ++items === 1 }),
    end: () => ({ ok: true, outcome: { outputTokens: items } }),
  };
}

const types = () => events.map((event) => event.type);
const outputTokens = () => (events.at(-1)?.data as { outputTokens?: number }).outputTokens;

async function* numbers(count: number, failAt?: number) {
  for (let i = 0; i < count; i++) {
    await Promise.resolve();
    if (i === failAt) throw new Error(`failed at ${i}`);
    yield i;
  }
}

async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const item of iterable) if (item !== undefined) count++;
  return count;
}

describe('observeStream', () => {
  test('an async generator: for await and direct next() are both seen; the object stays the same', async () => {
    const generator = numbers(3);
    observeStream(generator, call, counter());
    assert.deepEqual(await generator.next(), { done: false, value: 0 });
    const rest: number[] = [];
    for await (const n of generator) rest.push(n);
    assert.deepEqual(rest, [1, 2]);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
    assert.equal(outputTokens(), 3);
  });

  test('an async generator left early ends the call once with what was read', async () => {
    const generator = numbers(5);
    observeStream(generator, call, counter());
    for await (const n of generator) if (n === 1) break;
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
    assert.equal(outputTokens(), 2);
  });

  test("a throwing stream fails the call with the very error, through the reader's fail()", async () => {
    const generator = numbers(5, 2);
    const reader: StreamReader = { ...counter(), fail: (error) => ({ ok: false, error, model: 'model-b', errorType: 'server_error' }) };
    observeStream(generator, call, reader);
    const caught = await drain(generator).then(
      () => assert.fail('resolved'),
      (error: unknown) => error,
    );
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    const failed = events[1]!.data as { error: unknown; model: string; errorType: string };
    assert.equal(failed.error, caught);
    assert.equal(failed.model, 'model-b');
    assert.equal(failed.errorType, 'server_error');
  });

  test('a plain async iterable gets an own Symbol.asyncIterator', async () => {
    const iterable = { [Symbol.asyncIterator]: () => numbers(2) };
    observeStream(iterable, call, counter());
    assert.ok(Object.hasOwn(iterable, Symbol.asyncIterator));
    assert.equal(await drain(iterable), 2);
    assert.equal(outputTokens(), 2);
  });

  test('an SDK-style Stream: its iterator factory is replaced, tee-style reuse reads through it', async () => {
    const stream = { iterator: () => numbers(2), [Symbol.asyncIterator]() { return this.iterator(); } };
    observeStream(stream, call, counter());
    const seen: number[] = [];
    for await (const n of stream) seen.push(n);
    assert.deepEqual(seen, [0, 1]);
    assert.equal(outputTokens(), 2);
  });

  test('observing twice changes nothing; a reader that throws never reaches the caller', async () => {
    const generator = numbers(2);
    const throwing: StreamReader = {
      read: () => {
        throw new Error('reader');
      },
      end: () => ({ ok: true, outcome: {} }),
    };
    observeStream(generator, call, throwing);
    observeStream(generator, call, counter());
    const seen: number[] = [];
    for await (const n of generator) seen.push(n);
    assert.deepEqual(seen, [0, 1]);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
  });
});
