import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExponentialHistogram } from '@opentelemetry/sdk-metrics';
import { bucketLayout, nativeHistogram, type NativeBuckets } from './native-histogram.js';

// Rows of Prometheus' TestConvertBucketsLayout (storage/remote/otlptranslator/prometheusremotewrite/
// histograms_test.go, v3.5.0): OpenTelemetry offset and counts, then spans [offset, length] and deltas
// for scaleDown 0, 1 and 2.
const PROMETHEUS_ROWS: { name: string; offset: number; counts: number[]; want: [number, number][][]; deltas: number[][] }[] = [
  { name: 'zero offset', offset: 0, counts: [4, 3, 2, 1], want: [[[1, 4]], [[1, 2]], [[1, 1]]], deltas: [[4, -1, -1, -1], [7, -4], [10]] },
  { name: 'offset 1', offset: 1, counts: [4, 3, 2, 1], want: [[[2, 4]], [[1, 3]], [[1, 2]]], deltas: [[4, -1, -1, -1], [4, 1, -4], [9, -8]] },
  { name: 'positive offset', offset: 4, counts: [4, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], want: [[[5, 4], [12, 1]], [[3, 2], [6, 1]], [[2, 1], [3, 1]]], deltas: [[4, -2, -2, 2, -1], [6, -4, -1], [8, -7]] },
  { name: 'scaledown merges spans', offset: 4, counts: [4, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1], want: [[[5, 4], [8, 1]], [[3, 2], [4, 1]], [[2, 4]]], deltas: [[4, -2, -2, 2, -1], [6, -4, -1], [8, -8, 0, 1]] },
  { name: 'negative offset', offset: -2, counts: [3, 1, 0, 0, 0, 1], want: [[[-1, 2], [3, 1]], [[0, 3]], [[0, 2]]], deltas: [[3, -2, 0], [4, -4, 1], [4, -3]] },
  { name: 'gaps of size 1', offset: -2, counts: [3, 1, 0, 1, 0, 1], want: [[[-1, 6]], [[0, 3]], [[0, 2]]], deltas: [[3, -2, -1, 1, -1, 1], [4, -3, 0], [4, -2]] },
  { name: 'gaps of size 2', offset: -2, counts: [3, 0, 0, 1, 0, 0, 1], want: [[[-1, 7]], [[0, 4]], [[0, 3]]], deltas: [[3, -3, 0, 1, -1, 0, 1], [3, -2, -1, 1], [3, -2, 0]] },
  { name: 'no buckets', offset: 0, counts: [], want: [[], [], []], deltas: [[], [], []] },
];

for (const row of PROMETHEUS_ROWS) {
  test(`bucket layout matches Prometheus' converter: ${row.name}`, () => {
    for (let scaleDown = 0; scaleDown <= 2; scaleDown++) {
      const { spans, deltas } = bucketLayout(row.counts, row.offset, scaleDown);
      assert.deepEqual(spans.map((s) => [s.offset, s.length]), row.want[scaleDown], `spans at scaleDown ${scaleDown}`);
      assert.deepEqual(deltas, row.deltas[scaleDown], `deltas at scaleDown ${scaleDown}`);
    }
  });
}

/** Prometheus bucket index → count, read back from spans and deltas as Prometheus reads them. */
function decode({ spans, deltas }: NativeBuckets): Map<number, number> {
  const out = new Map<number, number>();
  let next = 0; // the index the next bucket would have without a gap
  let count = 0;
  let d = 0;
  spans.forEach((span, s) => {
    let index = s === 0 ? span.offset : next + span.offset;
    for (let i = 0; i < span.length; i++, d++, index++) {
      count += deltas[d]!;
      assert.ok(count >= 0, 'a bucket count decoded below zero');
      if (count > 0) out.set(index, count);
    }
    next = index;
  });
  assert.equal(d, deltas.length, 'spans cover every delta');
  return out;
}

test('leading and trailing empty buckets and long gaps decode to the same counts, by upper-bound index', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 300; round++) {
    const offset = Math.floor(random() * 400) - 200;
    const counts = Array.from({ length: Math.floor(random() * 40) }, () => (random() < 0.6 ? 0 : Math.floor(random() * 9)));
    for (let scaleDown = 0; scaleDown <= 3; scaleDown++) {
      const want = new Map<number, number>();
      counts.forEach((c, i) => {
        if (c === 0) return;
        const index = Math.floor((offset + i) / 2 ** scaleDown) + 1;
        want.set(index, (want.get(index) ?? 0) + c);
      });
      assert.deepEqual(decode(bucketLayout(counts, offset, scaleDown)), want, `offset ${offset} counts ${counts.join(',')} scaleDown ${scaleDown}`);
    }
  }
});

const point = (scale: number, positive: number[], negative: number[] = []): ExponentialHistogram => ({
  count: positive.reduce((a, b) => a + b, 0) + negative.reduce((a, b) => a + b, 0) + 1,
  sum: 10.1,
  scale,
  zeroCount: 1,
  positive: { offset: 1, bucketCounts: positive },
  negative: { offset: 2, bucketCounts: negative },
});

test('schema is the scale; a scale above 8 is merged down to 8, one below -4 has no native form', () => {
  // TestExponentialToNativeHistogram (v3.5.0): scale 1, buckets at offset 1 → spans [{2,2}], deltas [1,0].
  const one = nativeHistogram(point(1, [1, 1], [1, 1]))!;
  assert.equal(one.schema, 1);
  assert.equal(one.zeroThreshold, 1e-128);
  assert.equal(one.zeroCount, 1);
  assert.deepEqual(one.positive, { spans: [{ offset: 2, length: 2 }], deltas: [1, 0] });
  assert.deepEqual(one.negative, { spans: [{ offset: 3, length: 2 }], deltas: [1, 0] });
  // Scale 9 with the same buckets → schema 8; positive {1,[1,1,1]} becomes counts 1, 2 from bucket 1.
  const nine = nativeHistogram(point(9, [1, 1, 1], [1, 1, 1]))!;
  assert.equal(nine.schema, 8);
  assert.deepEqual(nine.positive, { spans: [{ offset: 1, length: 2 }], deltas: [1, 1] });
  assert.deepEqual(nine.negative, { spans: [{ offset: 2, length: 2 }], deltas: [2, -1] });
  // OpenTelemetry's finest scale, 20, merges 2^12 buckets into one; indexes beyond 32 bits stay exact.
  const fine = nativeHistogram({ ...point(20, [5]), positive: { offset: 3 * 2 ** 20, bucketCounts: [5] } })!;
  assert.equal(fine.schema, 8);
  assert.deepEqual(fine.positive, { spans: [{ offset: 3 * 2 ** 8 + 1, length: 1 }], deltas: [5] });
  assert.notEqual(nativeHistogram(point(-4, [1])), undefined);
  assert.equal(nativeHistogram(point(-5, [1])), undefined);
});
