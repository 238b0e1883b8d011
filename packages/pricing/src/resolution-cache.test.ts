import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExpiryTimer } from './expiry.js';
import { Pricing, RESOLUTION_CACHE_LIMIT } from './pricing.js';
import { ResolutionCache } from './resolution-cache.js';

test('the cache is bounded: past its limit the oldest entry makes room', () => {
  const cache = new ResolutionCache<number>(3);
  cache.set('a', 'm1', 1);
  cache.set('a', 'm2', 2);
  cache.set('b', 'm1', 3);
  cache.set('a', 'm2', 22); // an update takes no room
  assert.equal(cache.entries, 3);
  cache.set('c', 'm1', 4);
  assert.equal(cache.entries, 3);
  assert.equal(cache.get('a', 'm1'), undefined);
  assert.deepEqual([cache.get('a', 'm2'), cache.get('b', 'm1'), cache.get('c', 'm1')], [22, 3, 4]);
  cache.sweep((value) => value > 10);
  assert.equal(cache.entries, 2);
  assert.equal(cache.get('a', 'm2'), undefined);
});

test('a Pricing remembers at most RESOLUTION_CACHE_LIMIT models, and still prices every one', () => {
  const pricing = new Pricing({ database: false, overrides: { m: { input: 1, output: 0 } } });
  for (let i = 0; i < RESOLUTION_CACHE_LIMIT + 10; i++) assert.equal(pricing.price('acme', `m-${i}`, { inputTokens: 1e6 }), 1);
  assert.equal((pricing as unknown as { cache: ResolutionCache<unknown> }).cache.entries, RESOLUTION_CACHE_LIMIT);
});

test('one timer serves the earliest deadline and runs again for the next one', async () => {
  const due: number[] = [];
  const deadlines = [Date.now() + 30, Date.now() + 60];
  const timer = new ExpiryTimer((now) => {
    due.push(now);
    while (deadlines.length > 0 && deadlines[0]! <= now) deadlines.shift();
    return deadlines[0] ?? Infinity;
  });
  timer.schedule(deadlines[1]!);
  timer.schedule(deadlines[0]!); // earlier: replaces the later one
  timer.schedule(Date.now() + 10_000); // later: changes nothing
  const started = Date.now();
  while (deadlines.length > 0 && Date.now() - started < 2_000) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(deadlines.length, 0);
  // Once per deadline; a timer may fire a millisecond before Date.now() reaches its deadline (timers
  // run on the monotonic clock), and then runs once more for the same one. Never a busy loop.
  assert.ok(due.length >= 2 && due.length <= 4, `ran ${due.length} times`);
});
