// The derivation on hand-made cost functions (unit tests): what it finds, and what it refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelPrice as DatabasePrice } from '@pydantic/genai-prices';
import { deriveLinearPrice, NotLinearError, pricesTokens, tierStarts, type Probe } from './derive.js';
import { validUntil } from './validity.js';

const resolved = (model_price: DatabasePrice) => ({ model_price });

test('tier starts come from every tiered price, sorted and once each', () => {
  assert.deepEqual(tierStarts({ input_mtok: 1, output_mtok: 2 }), []);
  const tiered = (base: number, ...starts: number[]) => ({ base, tiers: starts.map((start) => ({ start, price: base * 2 })) });
  assert.deepEqual(tierStarts({ input_mtok: tiered(1, 272_000, 128_000), output_mtok: tiered(2, 128_000), cache_read_mtok: 0.1 }), [128_000, 272_000]);
  assert.equal(pricesTokens({ input_mtok: 0, output_mtok: 0 }), true); // free, and says so
  assert.equal(pricesTokens({}), false);
  assert.equal(pricesTokens({ audio_hours: 0.36 }), false);
});

test('a two-tier cost with a request fee is recovered exactly, in every tier', () => {
  // USD per million: a 5000 fee per million calls; tier 2 past 100 000 input tokens.
  const prices = [
    { input: 1.25, cacheRead: 0.125, cacheWrite: 1.5625, output: 10, reasoning: 12 },
    { input: 2.5, cacheRead: 0.25, cacheWrite: 3.125, output: 15, reasoning: 18 },
  ];
  const probe: Probe = (input, read, write, output, reasoning) => {
    const p = prices[input > 100_000 ? 1 : 0]!;
    return 5000 + p.input * (input - read - write) + p.cacheRead * read + p.cacheWrite * write + p.output * (output - reasoning) + p.reasoning * reasoning;
  };
  const price = deriveLinearPrice(resolved({ input_mtok: { base: 1.25, tiers: [{ start: 100_000, price: 2.5 }] } }), probe);
  assert.deepEqual(
    price.tiers.map((t) => ({ ...t })),
    [
      { upTo: 100_000, request: 5000, ...prices[0] },
      { upTo: Infinity, request: 5000, ...prices[1] },
    ],
  );
  assert.equal(price.cost({ inputTokens: 100_000 }), (5000 + 125_000) / 1e6);
  assert.equal(price.cost({ inputTokens: 100_001 }), (5000 + 250_002.5) / 1e6);
});

test('a tier of a single input count still prices that count', () => {
  const probe: Probe = (input, read, _write, output) => (input === 200_000 ? 7 : input > 200_000 ? 6 : 3) * (input - read) + 0.3 * read + 15 * output;
  const price = deriveLinearPrice(
    resolved({ input_mtok: { base: 3, tiers: [{ start: 199_999, price: 7 }, { start: 200_000, price: 6 }] } }),
    probe,
  );
  assert.equal(price.tiers.length, 3);
  for (const input of [0, 1, 199_999, 200_000, 200_001, 5_000_000]) {
    for (const read of [0, Math.floor(input / 2), input]) {
      assert.ok(Math.abs(price.cost({ inputTokens: input, cachedTokens: read, outputTokens: 10 })! - probe(input, read, 0, 10, 0) / 1e6) < 1e-15, `${input} ${read}`);
    }
  }
});

test('a cost that is not linear within a tier is refused, not approximated', () => {
  // A minimum charge of 1 per call: flat up to 1000 input tokens.
  const minimum: Probe = (input, _read, _write, output) => Math.max(1000, input) * 2 + output * 8;
  assert.throws(() => deriveLinearPrice(resolved({ input_mtok: 2, output_mtok: 8 }), minimum), NotLinearError);
  // A tier the price does not declare (the probes never look for it).
  const hidden: Probe = (input) => input * (input > 300_000 ? 4 : 2);
  assert.throws(() => deriveLinearPrice(resolved({ input_mtok: 2 }), hidden), /the database says .* USD, the derived price/);
});

test('a resolved price is kept a day at most, and not past a date or time-of-day price change', () => {
  const day = 24 * 3600 * 1000;
  const now = Date.parse('2026-10-01T12:00:00Z');
  assert.equal(validUntil({ prices: { input_mtok: 1 } }, now), now + day);
  const dated = { prices: [{ prices: { input_mtok: 1 } }, { constraint: { type: 'start_date' as const, start_date: '2026-10-01' }, prices: { input_mtok: 2 } }, { constraint: { type: 'start_date' as const, start_date: '2026-10-02' }, prices: { input_mtok: 3 } }] };
  assert.equal(validUntil(dated, now), Date.parse('2026-10-02T00:00:00Z'));
  // Off-peak 16:30–00:30 UTC: at 12:00 the next change is at 16:30; at 17:00, at 00:30.
  const offPeak = { prices: [{ prices: { input_mtok: 1 } }, { constraint: { type: 'time_of_date' as const, start_time: '16:30:00Z', end_time: '00:30:00Z' }, prices: { input_mtok: 0.5 } }] };
  assert.equal(validUntil(offPeak, now), Date.parse('2026-10-01T16:30:00Z'));
  assert.equal(validUntil(offPeak, Date.parse('2026-10-01T17:00:00Z')), Date.parse('2026-10-02T00:30:00Z'));
  // An offset, and exactly at a boundary (the new price applies from it): the next one.
  const shifted = { prices: [{ prices: {} }, { constraint: { type: 'time_of_date' as const, start_time: '08:00:00+08:00', end_time: '10:00:00+08:00' }, prices: {} }] };
  assert.equal(validUntil(shifted, Date.parse('2026-10-01T00:00:00Z')), Date.parse('2026-10-01T02:00:00Z'));
  assert.equal(validUntil(shifted, Date.parse('2026-10-01T02:00:00Z')), Date.parse('2026-10-02T00:00:00Z'));
  const unreadable = { prices: [{ prices: {} }, { constraint: { type: 'time_of_date' as const, start_time: 'noon', end_time: '13:00:00Z' }, prices: {} }] };
  assert.equal(validUntil(unreadable, now), now + 60_000);
});
