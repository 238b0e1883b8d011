import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExponentialHistogram } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { mergeExponential } from './exponential.js';

function histogram(scale: number, positive: [number, number[]], negative: [number, number[]] = [0, []], zeroCount = 0): ExponentialHistogram {
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  return {
    scale,
    zeroCount,
    count: total(positive[1]) + total(negative[1]) + zeroCount,
    sum: 1,
    positive: { offset: positive[0], bucketCounts: positive[1] },
    negative: { offset: negative[0], bucketCounts: negative[1] },
  };
}

test('two histograms at different scales merge into the coarser scale with every count in the bucket that covers it', () => {
  const fine = { ...histogram(2, [3, [1, 2, 0, 4]]), min: 1.7, max: 3.3 };
  const coarse = { ...histogram(0, [-1, [5, 1]]), min: 0.6, max: 1.9 };
  const merged = mergeExponential(fine, coarse, 160);
  // At scale 2 index i covers (2^(i/4), 2^((i+1)/4)]; at scale 0 that lies in bucket floor(i/4).
  assert.deepEqual(merged.positive, { offset: -1, bucketCounts: [5, 2, 6] });
  assert.deepEqual([merged.scale, merged.count, merged.sum, merged.min, merged.max], [0, 13, 2, 0.6, 3.3]);
});

test('the scale is lowered until each sign fits in maxSize buckets, losing no count', () => {
  const wide = histogram(3, [0, new Array<number>(10).fill(1)], [-40, [2, 0, 3]]);
  const far = histogram(3, [100, [1]]);
  const merged = mergeExponential(wide, far, 20);
  assert.equal(merged.scale, 0, 'indices 0..100 at scale 3 span 13 buckets at scale 0');
  assert.ok(merged.positive.bucketCounts.length <= 20);
  assert.equal(merged.positive.bucketCounts.reduce((a, b) => a + b, 0), 11);
  assert.deepEqual(merged.negative, { offset: -5, bucketCounts: [5] });
});

test('zero counts add; an empty histogram leaves the other unchanged; an unknown sum or extreme stays unknown', () => {
  const a = histogram(1, [0, [1]], [0, []], 3);
  const b = histogram(1, [2, [2]], [0, []], 4);
  const merged = mergeExponential(a, { ...b, sum: undefined }, 160);
  assert.deepEqual([merged.zeroCount, merged.count, merged.sum, merged.min], [7, 10, undefined, undefined]);
  const empty = histogram(5, [0, []]);
  assert.equal(mergeExponential(a, empty, 160), a);
  assert.equal(mergeExponential(empty, b, 160), b);
});

test('any two histograms merge with every count kept, at most maxSize buckets per sign, at no finer scale than either', () => {
  const side = fc.tuple(fc.integer({ min: -300, max: 300 }), fc.array(fc.nat({ max: 50 }), { maxLength: 40 }));
  const input = fc.tuple(fc.integer({ min: -4, max: 8 }), side, side, fc.nat({ max: 9 }));
  fc.assert(
    fc.property(input, input, fc.integer({ min: 2, max: 64 }), ([sa, pa, na, za], [sb, pb, nb, zb], maxSize) => {
      const a = histogram(sa, pa, na, za);
      const b = histogram(sb, pb, nb, zb);
      const merged = mergeExponential(a, b, maxSize);
      const total = (h: ExponentialHistogram) => [...h.positive.bucketCounts, ...h.negative.bucketCounts].reduce((x, y) => x + y, 0) + h.zeroCount;
      assert.equal(total(merged), total(a) + total(b));
      assert.equal(merged.count, a.count + b.count);
      if (a.count > 0 && b.count > 0) {
        assert.ok(merged.scale <= Math.min(a.scale, b.scale));
        // At the lowest scale every double fits in a few buckets; only made-up offsets get that far.
        const fits = merged.positive.bucketCounts.length <= maxSize && merged.negative.bucketCounts.length <= maxSize;
        assert.ok(fits || merged.scale === -10);
      }
    }),
    { numRuns: 300 },
  );
});
