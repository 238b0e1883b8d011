import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePriceTable, PricingError } from './parse.js';

test('parsePriceTable keeps what was given, cache-write prices and tiers included', () => {
  assert.deepEqual(
    parsePriceTable(
      {
        m: { input: 1, output: 2, cached: 0.5 },
        c: { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75, above: { tokens: 200_000, input: 6, output: 22.5, cacheWrite: 7.5 } },
        n: null,
      },
      'pricing',
    ),
    {
      m: { input: 1, output: 2, cached: 0.5 },
      c: { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75, above: { tokens: 200_000, input: 6, output: 22.5, cacheWrite: 7.5 } },
      n: null,
    },
  );
});

test('parsePriceTable names the entry and field of a bad price', () => {
  const bad: [unknown, RegExp][] = [
    [[], /pricing must be an object of model ids to prices/],
    ['x', /pricing must be an object of model ids to prices, .*got "x"/],
    [{ m: 5 }, /pricing\["m"\] must be an object like \{ "input": 2.5/],
    [{ m: { input: 1 } }, /pricing\["m"\]\.output must be a number of USD per million tokens, 0 or more; got undefined/],
    [{ m: { input: -1, output: 1 } }, /pricing\["m"\]\.input must be a number .* got -1/],
    [{ m: { input: '1', output: 1 } }, /pricing\["m"\]\.input must be a number .* got "1"/],
    [{ m: { input: 1, output: Number.NaN } }, /\.output must be a number .* got NaN/],
    [{ m: { input: 1, output: 1, cacheWrite: -2 } }, /pricing\["m"\]\.cacheWrite must be a number .* got -2/],
    [{ m: { input: 1, output: 1, ouput: 2 } }, /pricing\["m"\] has an unknown field "ouput"; expected input, output, cached, cacheWrite, above/],
    [{ m: { input: 1, output: 1, above: { tokens: 1.5, input: 1, output: 1 } } }, /pricing\["m"\]\.above\.tokens must be a whole number/],
    [{ m: { input: 1, output: 1, above: { tokens: 5, input: 1, output: 1, cacheWrite: 'x' } } }, /pricing\["m"\]\.above\.cacheWrite must be a number .* got "x"/],
    [{ ' ': { input: 1, output: 1 } }, /pricing has an empty model id/],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => parsePriceTable(value, 'pricing'), (error: unknown) => error instanceof PricingError && message.test(error.message), JSON.stringify(value));
  }
});
