import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Family } from './model.js';
import { canonicalNumber, renderOpenMetrics } from './openmetrics-format.js';
import { sampleFamilies } from './test-families.js';

test('OpenMetrics: info, counter without _total in its family name, _created, exemplars, units, # EOF', () => {
  const text = renderOpenMetrics(sampleFamilies(), { createdSamples: true });
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(0, 12), [
    '# TYPE target info',
    '# HELP target Target metadata',
    'target_info{service_name="demo"} 1',
    '# TYPE promptkit_requests counter',
    '# HELP promptkit_requests Requests with a \\"quote\\" and a \\\\ backslash',
    'promptkit_requests_total{provider="openai",model="gpt-4o \\"mini\\"\\n"} 3 # {trace_id="0af7651916cd43dd8448eb211c80319c",span_id="b7ad6b7169203331"} 7.5 1700000100.125',
    'promptkit_requests_created{provider="openai",model="gpt-4o \\"mini\\"\\n"} 1700000000.250',
    '# TYPE promptkit_active gauge',
    '# HELP promptkit_active promptkit_active',
    'promptkit_active -2',
    '# TYPE promptkit_duration_seconds histogram',
    '# UNIT promptkit_duration_seconds seconds',
  ]);
  const histogram = lines.filter((l) => l.startsWith('promptkit_duration_seconds'));
  const l = 'provider="openai",model="gpt-4o \\"mini\\"\\n"';
  assert.deepEqual(histogram, [
    `promptkit_duration_seconds_bucket{${l},le="0.5"} 2 # {trace_id="1af7651916cd43dd8448eb211c80319c",span_id="c7ad6b7169203331"} 0.2 1700000100.500`,
    `promptkit_duration_seconds_bucket{${l},le="1.0"} 2`,
    `promptkit_duration_seconds_bucket{${l},le="5.0"} 3`,
    `promptkit_duration_seconds_bucket{${l},le="+Inf"} 5 # {trace_id="0af7651916cd43dd8448eb211c80319c",span_id="b7ad6b7169203331"} 7.5 1700000100.125`,
    `promptkit_duration_seconds_sum{${l}} 12.5`,
    `promptkit_duration_seconds_count{${l}} 5`,
    `promptkit_duration_seconds_created{${l}} 1700000000.250`,
  ]);
  // A native-only histogram keeps count, sum and +Inf in text formats, with the latest exemplar.
  assert.ok(text.includes('promptkit_native_seconds_bucket{le="+Inf"} 5 # {trace_id="1af7651916cd43dd8448eb211c80319c"'), text);
  assert.ok(text.endsWith('\n# EOF\n'));
  assert.equal(text.match(/# EOF/g)?.length, 1);
});

test('canonical le values: integers get .0, exponents two digits, +Inf', () => {
  assert.deepEqual([1, 0.25, 1e-7, 1e21, 100, Infinity, 0].map(canonicalNumber), ['1.0', '0.25', '1e-07', '1e+21', '100.0', '+Inf', '0.0']);
});

test('a histogram without a sum has neither _sum nor _count; a unit not ending the name gets no UNIT line', () => {
  const families: Family[] = [
    { name: 'h', type: 'histogram', help: 'h', unit: '', series: [{ labels: [], startMs: 0, value: { count: 2, sum: undefined, classic: { boundaries: [1], counts: [1, 1] }, exponential: undefined } }] },
    { name: 'packets_dropped', type: 'gauge', help: 'p', unit: 'packets', series: [{ labels: [], startMs: 0, value: 1 }] },
  ];
  const text = renderOpenMetrics(families);
  assert.ok(!/h_(sum|count)/.test(text), text);
  assert.ok(!text.includes('h_created'), 'no _created for an unknown start');
  assert.ok(!text.includes('# UNIT'), text);
});

test('names that would clash in OpenMetrics: a counter whose family name is taken, a family named like _created', () => {
  const families: Family[] = [
    { name: 'jobs', type: 'gauge', help: 'g', unit: '', series: [{ labels: [], startMs: 0, value: 1 }] },
    { name: 'jobs_total', type: 'counter', help: 'c', unit: '', series: [{ labels: [], startMs: 5000, value: 2 }] },
    { name: 'runs_created', type: 'gauge', help: 'g', unit: '', series: [{ labels: [], startMs: 0, value: 1 }] },
    { name: 'runs_total', type: 'counter', help: 'c', unit: '', series: [{ labels: [], startMs: 5000, value: 2 }] },
  ];
  const text = renderOpenMetrics(families, { createdSamples: true });
  assert.ok(text.includes('# TYPE jobs gauge\n'));
  assert.ok(text.includes('# TYPE jobs_total unknown\n# HELP jobs_total c\njobs_total 2\n'), text);
  assert.ok(text.includes('# TYPE runs counter\n# HELP runs c\nruns_total 2\n# EOF'), text);
  const typeNames = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
  assert.equal(new Set(typeNames).size, typeNames.length);
});

test('_created samples only when asked for', () => {
  assert.ok(!renderOpenMetrics(sampleFamilies()).includes('_created'));
  assert.equal(renderOpenMetrics(sampleFamilies(), { createdSamples: true }).match(/_created/g)?.length, 4);
});
