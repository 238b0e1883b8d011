import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBus, type PromptKitEvent } from '@promptkit/events';
import { createRun } from './run.js';

function recorder() {
  const events: PromptKitEvent[] = [];
  return { events, bus: { publish: (event: PromptKitEvent) => void events.push(event) }, types: () => events.map((e) => e.type) };
}

/** A clock that moves only when told, for exact durations. */
function manualClock() {
  let ms = 1000;
  return { now: () => ms, advance: (by: number) => void (ms += by) };
}

describe('run.stage', () => {
  test('publishes started then completed with the duration, and returns the value unchanged', async () => {
    const { events, bus } = recorder();
    const clock = manualClock();
    const run = createRun(bus, { runId: 'r1', sessionId: 's1', now: clock.now });
    const value = { docs: ['a'] };
    const result = await run.stage('retrieve', 'transform', () => {
      clock.advance(12.5);
      return Promise.resolve(value);
    });
    assert.equal(result, value);
    assert.deepEqual(
      events.map(({ type, runId, sessionId, data }) => ({ type, runId, sessionId, data })),
      [
        { type: 'stage.started', runId: 'r1', sessionId: 's1', data: { name: 'retrieve', stageType: 'transform', index: 0 } },
        { type: 'stage.completed', runId: 'r1', sessionId: 's1', data: { name: 'retrieve', stageType: 'transform', index: 0, durationMs: 12.5 } },
      ],
    );
    assert.equal('conversationId' in events[0]!, false, 'unset identifiers are left out');
    assert.ok(events.every((e) => typeof e.timestamp === 'number' && e.timestamp > 0));
  });

  test('rethrows the same error object after publishing stage.failed', async () => {
    const { events, bus } = recorder();
    const run = createRun(bus);
    const boom = new Error('retrieval down');
    await assert.rejects(
      run.stage('retrieve', 'transform', () => {
        throw boom; // a synchronous throw is captured too
      }),
      (error) => error === boom,
    );
    const failed = events[1]!;
    assert.equal(failed.type, 'stage.failed');
    assert.equal(failed.type === 'stage.failed' && failed.data.error, boom);
  });

  test('times real work with performance.now(): duration > 0', async () => {
    const { events, bus } = recorder();
    await createRun(bus).stage('wait', 'io', () => sleep(5));
    const completed = events[1]!;
    assert.ok(completed.type === 'stage.completed' && completed.data.durationMs >= 4, JSON.stringify(completed.data));
  });

  test('indexes stages in start order and tags every event with one runId (a UUID by default)', async () => {
    const { events, bus } = recorder();
    const run = createRun(bus);
    assert.match(run.runId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(createRun(bus).runId, run.runId);
    await run.stage('a', 't', () => run.stage('b', 't', () => 1)); // nested
    await Promise.all([run.stage('c', 't', () => sleep(2)), run.stage('d', 't', () => 2)]); // concurrent
    const started = events.filter((e) => e.type === 'stage.started').map((e) => e.type === 'stage.started' && [e.data.name, e.data.index]);
    assert.deepEqual(started, [['a', 0], ['b', 1], ['c', 2], ['d', 3]]);
    assert.ok(events.every((e) => e.runId === run.runId));
  });
});

describe('run.tool', () => {
  test('completed with callId, value returned unchanged', async () => {
    const { events, bus } = recorder();
    const clock = manualClock();
    const run = createRun(bus, { now: clock.now });
    const hits = ['x'];
    assert.equal(await run.tool('web_search', () => (clock.advance(3), hits), { callId: 'call_1' }), hits);
    assert.deepEqual(events.map((e) => [e.type, e.data]), [
      ['tool.call.started', { toolName: 'web_search', callId: 'call_1' }],
      ['tool.call.completed', { toolName: 'web_search', callId: 'call_1', durationMs: 3 }],
    ]);
  });

  test('failed, and the rejection reason is rethrown as is (not only Errors)', async () => {
    const { events, bus } = recorder();
    // Some clients reject with a plain object: typed unknown, as the helpers must treat any reason.
    const reason: unknown = { code: 'E_TIMEOUT' };
    const timingOut = async () => {
      await sleep(1);
      throw reason;
    };
    await assert.rejects(createRun(bus).tool('calculator', timingOut), (error) => error === reason);
    assert.deepEqual(events.map((e) => e.type), ['tool.call.started', 'tool.call.failed']);
    assert.equal(events[1]!.type === 'tool.call.failed' && events[1]!.data.error, reason);
    assert.equal('callId' in events[1]!.data, false);
  });
});

describe('run.validate', () => {
  test('true (or any other value) passes and is returned', async () => {
    const { events, bus } = recorder();
    const run = createRun(bus);
    assert.equal(await run.validate('schema', 'output', () => Promise.resolve(true)), true);
    const parsed = { answer: 42 };
    assert.equal(await run.validate('schema', 'output', () => parsed), parsed);
    assert.equal(await run.validate('schema', 'output', () => undefined), undefined);
    assert.deepEqual(events.filter((_, i) => i % 2 === 1).map((e) => e.type), ['validation.passed', 'validation.passed', 'validation.passed']);
  });

  test('false publishes validation.failed and resolves to false without throwing', async () => {
    const { events, bus } = recorder();
    const clock = manualClock();
    const result = await createRun(bus, { now: clock.now }).validate('schema', 'output', () => (clock.advance(0.25), false));
    assert.equal(result, false);
    assert.deepEqual(events.map((e) => [e.type, e.data]), [
      ['validation.started', { validatorName: 'schema', validatorType: 'output' }],
      ['validation.failed', { validatorName: 'schema', validatorType: 'output', durationMs: 0.25 }],
    ]);
  });

  test('{ passed: false, violations } fails with the violations', async () => {
    const { events, bus } = recorder();
    const verdict = { passed: false, violations: ["missing 'answer'"] };
    assert.equal(await createRun(bus).validate('schema', 'output', () => verdict), verdict);
    const failed = events[1]!;
    assert.ok(failed.type === 'validation.failed');
    assert.deepEqual(failed.data.violations, ["missing 'answer'"]);
    events.length = 0;
    await createRun(bus).validate('schema', 'output', () => ({ passed: true, violations: [] }));
    assert.equal(events[1]!.type, 'validation.passed');
  });

  test('a throw fails the validation with the error as its violation, and is rethrown unchanged', async () => {
    const { events, bus } = recorder();
    const invalid = new TypeError('expected a string');
    await assert.rejects(
      createRun(bus).validate('pii', 'input', () => {
        throw invalid;
      }),
      (error) => error === invalid,
    );
    const failed = events[1]!;
    assert.ok(failed.type === 'validation.failed');
    assert.deepEqual(failed.data.violations, [invalid]);
  });
});

describe('helpers never throw for telemetry reasons', () => {
  test('a throwing bus listener is isolated by the bus; the value still comes back', async () => {
    const bus = new EventBus();
    bus.subscribeAll(() => {
      throw new Error('listener bug');
    });
    assert.equal(await createRun(bus).tool('t', () => 7), 7);
    assert.equal(bus.stats().listenerErrors, 2);
  });

  test('a publisher of your own that throws does not reach the caller', async () => {
    const run = createRun({
      publish: () => {
        throw new Error('publisher bug');
      },
    });
    assert.equal(await run.stage('s', 't', () => 'ok'), 'ok');
    const boom = new Error('app error');
    await assert.rejects(run.tool('t', () => Promise.reject(boom)), (error) => error === boom);
  });
});
