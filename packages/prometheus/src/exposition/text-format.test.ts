// The text format 0.0.4 writer: escaping, numbers, and histogram buckets Prometheus can read
// whatever boundaries an instrument was given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketRows } from './buckets.js';
import type { ClassicBuckets } from './model.js';
import { escapeHelp, escapeLabelValue, formatNumber, renderText } from './text-format.js';

function cumulativeBuckets(classic: ClassicBuckets | undefined, count: number) {
  const rows = bucketRows({ count, sum: undefined, classic, exponential: undefined });
  return { les: rows.map((r) => formatNumber(r.upperBound)), cumulative: rows.map((r) => r.cumulative) };
}

test('label values escape backslash, double quote and newline only; HELP escapes backslash and newline', () => {
  assert.equal(escapeLabelValue('a\\b"c\nd\re\u2028'), 'a\\\\b\\"c\\nd\re\u2028');
  assert.equal(escapeHelp('a\\b"c\nd'), 'a\\\\b"c\\nd');
});

test('numbers: shortest round trip, NaN, +Inf, -Inf, no -0', () => {
  assert.deepEqual([0.1, 1e21, 1e-7, -0, Number.NaN, Infinity, -Infinity, 2 ** 53 + 2].map(formatNumber), ['0.1', '1e+21', '1e-7', '0', 'NaN', '+Inf', '-Inf', '9007199254740994']);
});

test('buckets are cumulative with +Inf equal to the count', () => {
  assert.deepEqual(cumulativeBuckets({ boundaries: [1, 2], counts: [1, 2, 3] }, 6), { les: ['1', '2', '+Inf'], cumulative: [1, 3, 6] });
  assert.deepEqual(cumulativeBuckets(undefined, 4), { les: ['+Inf'], cumulative: [4] });
});

test('repeated, infinite or NaN boundaries never repeat or disorder le; their counts move to the next bucket written', () => {
  assert.deepEqual(cumulativeBuckets({ boundaries: [0, 0, 1], counts: [1, 0, 2, 3] }, 6), { les: ['0', '1', '+Inf'], cumulative: [1, 3, 6] });
  assert.deepEqual(cumulativeBuckets({ boundaries: [-Infinity, 1, Infinity], counts: [0, 1, 0, 1] }, 2), { les: ['1', '+Inf'], cumulative: [1, 2] });
  assert.deepEqual(cumulativeBuckets({ boundaries: [1, Number.NaN, 2], counts: [1, 1, 1, 1] }, 4), { les: ['1', '2', '+Inf'], cumulative: [1, 3, 4] });
  assert.deepEqual(cumulativeBuckets({ boundaries: [2, 1], counts: [1, 1, 1] }, 3), { les: ['2', '+Inf'], cumulative: [1, 3] });
});

test('a histogram family renders buckets, sum and count per series; a family without HELP gets its name', () => {
  const text = renderText([
    { name: 'h', type: 'histogram', help: '', unit: '', series: [{ labels: [['a', 'x"y']], startMs: 0, value: { count: 2, sum: undefined, classic: { boundaries: [0, 0], counts: [1, 0, 1] }, exponential: undefined } }] },
  ]);
  assert.equal(text, '# HELP h h\n# TYPE h histogram\nh_bucket{a="x\\"y",le="0"} 1\nh_bucket{a="x\\"y",le="+Inf"} 2\nh_count{a="x\\"y"} 2\n');
});

test('a HELP of only white space is replaced by the family name, as an empty one is', () => {
  const gauge = (help: string) => renderText([{ name: 'g', type: 'gauge', help, unit: '', series: [{ labels: [], startMs: 0, value: 1 }] }]);
  assert.equal(gauge(' \t '), '# HELP g g\n# TYPE g gauge\ng 1\n');
  assert.equal(gauge(''), '# HELP g g\n# TYPE g gauge\ng 1\n');
  assert.equal(gauge(' x '), '# HELP g  x \n# TYPE g gauge\ng 1\n');
});
