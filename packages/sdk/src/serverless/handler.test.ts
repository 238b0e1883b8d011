import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { DEFAULT_FLUSH_TIMEOUT_MS, flushMetrics, type Flushable } from './flush.js';
import { DEADLINE_RESERVE_MS, withMetricsFlush } from './handler.js';

/** A flush target that records calls; `answer` decides how each flush ends. */
function target(answer: () => Promise<void> = () => Promise.resolve()): Flushable & { calls: number; order: string[] } {
  const order: string[] = [];
  const flushable = {
    calls: 0,
    order,
    forceFlush: () => {
      flushable.calls++;
      order.push('flush');
      return answer();
    },
  };
  return flushable;
}

const never = () => new Promise<void>(() => undefined);

function captureDiag(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const logger: DiagLogger = { error: (m) => lines.push(m), warn: (m) => lines.push(m), info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, DiagLogLevel.WARN);
  return { lines, restore: () => diag.disable() };
}

test('returns the handler’s own value after flushing, once per invocation', async () => {
  const telemetry = target();
  const value = { statusCode: 200, body: 'ok' };
  const handler = withMetricsFlush(async (event: { n: number }) => {
    await Promise.resolve();
    telemetry.order.push(`handler ${event.n}`);
    return value;
  }, { telemetry });
  assert.equal(await handler({ n: 1 }, {}), value);
  assert.equal(await handler({ n: 2 }, {}), value);
  assert.deepEqual(telemetry.order, ['handler 1', 'flush', 'handler 2', 'flush']);
});

test('handlers that are not async: a plain value, a returned promise, a this binding', async () => {
  const telemetry = target();
  const sync = withMetricsFlush((event: number) => event * 2, { telemetry });
  assert.equal(await sync(21, undefined), 42);
  const returnsPromise = withMetricsFlush((event: string) => new Promise<string>((resolve) => setTimeout(() => resolve(event), 5)), { telemetry });
  assert.equal(await returnsPromise('later', undefined), 'later');
  const holder = {
    prefix: 'x',
    handle: withMetricsFlush(function (this: { prefix: string }, event: string) {
      return `${this.prefix}${event}`;
    }, { telemetry }),
  };
  assert.equal(await holder.handle('y', undefined), 'xy');
  assert.equal(telemetry.calls, 3);
});

test('rethrows the handler’s own error after flushing: rejected promise, synchronous throw, non-Error value', async () => {
  const telemetry = target();
  const failure = new TypeError('bad input');
  const rejecting = withMetricsFlush(async () => {
    await Promise.resolve();
    throw failure;
  }, { telemetry });
  await assert.rejects(rejecting(undefined, undefined), (error) => error === failure);
  const throwing = withMetricsFlush((): number => {
    throw failure;
  }, { telemetry });
  await assert.rejects(throwing(undefined, undefined), (error) => error === failure);
  const odd = { reason: 'not an Error' };
  const throwsValue = withMetricsFlush(() => Promise.reject(odd as unknown as Error), { telemetry });
  await assert.rejects(throwsValue(undefined, undefined), (error) => error === odd);
  assert.equal(telemetry.calls, 3);
});

test('a flush that never answers is given up after timeoutMs; the value is returned unchanged', async () => {
  const { lines, restore } = captureDiag();
  try {
    const handler = withMetricsFlush(() => 'done', { telemetry: target(never), timeoutMs: 150 });
    const began = performance.now();
    assert.equal(await handler(undefined, undefined), 'done');
    const took = performance.now() - began;
    assert.ok(took >= 140 && took < 1_000, `took ${took} ms`);
    assert.match(lines.join('\n'), /longer than 150 ms/);
  } finally {
    restore();
  }
});

test('a flush that fails, a target that is not flushable, a target promise that rejects: reported, never thrown', async () => {
  const { lines, restore } = captureDiag();
  try {
    const failing = withMetricsFlush(() => 1, { telemetry: target(() => Promise.reject(new Error('exporter exploded'))) });
    assert.equal(await failing(undefined, undefined), 1);
    assert.match(lines.join('\n'), /flushing metrics failed: Error: exporter exploded/);
    const notFlushable = withMetricsFlush(() => 2, { telemetry: {} as Flushable });
    assert.equal(await notFlushable(undefined, undefined), 2);
    const rejected = Promise.reject(new Error('startMetrics failed'));
    rejected.catch(() => undefined);
    const neverStarted = withMetricsFlush(() => 3, { telemetry: rejected });
    assert.equal(await neverStarted(undefined, undefined), 3);
  } finally {
    restore();
  }
});

test('the target may be a promise (startMetrics() not awaited): the flush waits for it', async () => {
  const telemetry = target();
  let ready!: (value: Flushable) => void;
  const pending = new Promise<Flushable>((resolve) => (ready = resolve));
  const handler = withMetricsFlush(() => 'ok', { telemetry: pending, timeoutMs: 1_000 });
  setTimeout(() => ready(telemetry), 20);
  assert.equal(await handler(undefined, undefined), 'ok');
  assert.equal(telemetry.calls, 1);
});

test("the invocation's deadline bounds the flush: it ends DEADLINE_RESERVE_MS before, or is skipped", async () => {
  const hanging = target(never);
  const handler = withMetricsFlush(() => 'ok', { telemetry: hanging, timeoutMs: 5_000 });
  const began = performance.now();
  assert.equal(await handler(undefined, { getRemainingTimeInMillis: () => DEADLINE_RESERVE_MS + 100 }), 'ok');
  const took = performance.now() - began;
  assert.ok(took >= 90 && took < 1_000, `took ${took} ms with 100 ms to spare`);
  assert.equal(hanging.calls, 1);
  assert.equal(await handler(undefined, { getRemainingTimeInMillis: () => DEADLINE_RESERVE_MS - 1 }), 'ok');
  assert.equal(hanging.calls, 1, 'no flush is started without time for it');
  // A context whose deadline cannot be read leaves timeoutMs in charge.
  const quick = target();
  const tolerant = withMetricsFlush(() => 'ok', { telemetry: quick, timeoutMs: 100 });
  const broken = { getRemainingTimeInMillis: () => { throw new Error('no deadline'); } };
  assert.equal(await tolerant(undefined, broken), 'ok');
  assert.equal(quick.calls, 1);
});

test('flushMetrics: an unusable timeoutMs falls back to the default, reported', async () => {
  const { lines, restore } = captureDiag();
  try {
    const telemetry = target();
    await flushMetrics(telemetry, { timeoutMs: Number.NaN });
    assert.equal(telemetry.calls, 1);
    assert.match(lines.join('\n'), new RegExp(`timeoutMs=NaN .*; ${DEFAULT_FLUSH_TIMEOUT_MS} is used`));
  } finally {
    restore();
  }
});
