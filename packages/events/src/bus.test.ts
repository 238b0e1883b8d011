import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { EventBus } from './bus.js';
import type { PromptKitEvent } from './events.js';

const stageDone = (name: string): PromptKitEvent => ({
  type: 'stage.completed',
  timestamp: Date.now(),
  data: { name, stageType: 'transform', durationMs: 5 },
});

test('delivers synchronously, in order, typed listeners before catch-all ones', () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribeAll((e) => seen.push(`all:${e.type}`));
  bus.subscribe('stage.completed', (e) => seen.push(`typed:${e.data.name}`));
  bus.subscribe('tool.call.completed', () => seen.push('wrong'));
  bus.publish(stageDone('a'));
  bus.publish(stageDone('b'));
  assert.deepEqual(seen, ['typed:a', 'all:stage.completed', 'typed:b', 'all:stage.completed']);
});

test('unsubscribe functions remove exactly their listener and are idempotent', () => {
  const bus = new EventBus();
  let a = 0;
  let b = 0;
  const offA = bus.subscribeAll(() => a++);
  const offB = bus.subscribe('stage.completed', () => b++);
  bus.publish(stageDone('x'));
  offA();
  offA();
  bus.publish(stageDone('x'));
  offB();
  bus.publish(stageDone('x'));
  assert.equal(a, 1);
  assert.equal(b, 2);
});

test('a throwing listener reaches neither the publisher nor the other listeners; it is counted and reported', () => {
  const messages: string[] = [];
  const logger: DiagLogger = {
    error: (m) => messages.push(m),
    warn: () => {},
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, DiagLogLevel.ERROR);
  try {
    const hooked: unknown[] = [];
    const bus = new EventBus({ onListenerError: (err) => hooked.push(err) });
    let after = 0;
    bus.subscribe('stage.completed', () => {
      throw new Error('boom');
    });
    // Listeners may throw anything; the bus must cope with a value that is not an Error.
    const notAnError: unknown = 'not an error object';
    bus.subscribeAll(() => {
      throw notAnError;
    });
    bus.subscribeAll(() => after++);
    for (let i = 0; i < 100; i++) assert.doesNotThrow(() => bus.publish(stageDone('s')));
    assert.equal(after, 100);
    assert.deepEqual(bus.stats(), { published: 100, listenerErrors: 200 });
    assert.equal(hooked.length, 200);
    // Reports are rate-limited: one line, not two hundred.
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /listener threw on 'stage.completed' \(Error: boom\)/);
  } finally {
    diag.disable();
  }
});

test('a listener that subscribes during delivery does not see the event in flight', () => {
  const bus = new EventBus();
  let late = 0;
  bus.subscribeAll(() => {
    bus.subscribeAll(() => late++);
  });
  bus.publish(stageDone('x'));
  assert.equal(late, 0);
});

test('publish survives null, undefined and untyped events', () => {
  const bus = new EventBus();
  const seen: unknown[] = [];
  bus.subscribeAll((e) => seen.push(e));
  assert.doesNotThrow(() => bus.publish(null as unknown as PromptKitEvent));
  assert.doesNotThrow(() => bus.publish(undefined as unknown as PromptKitEvent));
  assert.doesNotThrow(() => bus.publish({} as PromptKitEvent));
  assert.equal(seen.length, 3);
});
