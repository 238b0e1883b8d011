import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { ValueType } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, type MetricData, type ScopeMetrics } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { fromWire } from './wire-read.js';
import { toWire } from './wire.js';

const start: [number, number] = [1_700_000_000, 123_456_789];
const end: [number, number] = [1_700_000_060, 987_654_321];

function metric(name: string, dataPointType: DataPointType, values: unknown[], extra: Partial<MetricData> = {}): MetricData {
  return {
    descriptor: { name, description: `${name} help`, unit: 's', valueType: ValueType.DOUBLE },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType,
    isMonotonic: true,
    dataPoints: values.map((value, i) => ({ startTime: start, endTime: end, attributes: { k: `v${i}`, n: i, flag: i % 2 === 0, list: ['a', 1] }, value })),
    ...extra,
  } as MetricData;
}

const ODD: ScopeMetrics[] = [
  {
    scope: { name: 'app', version: '1.2.3', schemaUrl: 'https://example.test/schema' },
    metrics: [
      metric('sum', DataPointType.SUM, [NaN, Infinity, -Infinity, 0.1]),
      metric('updown', DataPointType.SUM, [-3], { isMonotonic: false, descriptor: { name: 'updown', description: '', unit: '', valueType: ValueType.INT } }),
      metric('gauge', DataPointType.GAUGE, [-Infinity], { aggregationTemporality: AggregationTemporality.DELTA }),
      metric('histogram', DataPointType.HISTOGRAM, [
        { count: 2, sum: Infinity, min: -Infinity, max: NaN, buckets: { boundaries: [1, 2], counts: [1, 0, 1] } },
        { count: 0, buckets: { boundaries: [1, 2], counts: [0, 0, 0] } },
      ]),
      metric('exponential', DataPointType.EXPONENTIAL_HISTOGRAM, [
        { count: 3, sum: NaN, min: -Infinity, max: 2, scale: -3, zeroCount: 1, positive: { offset: -2, bucketCounts: [1, 0] }, negative: { offset: 5, bucketCounts: [1] } },
      ]),
    ],
  },
  { scope: { name: 'bare' }, metrics: [] },
];

/** What the reader gets back: the SDK's own shape, with every point's end time the collection's. */
function expected(scopes: ScopeMetrics[]): ScopeMetrics[] {
  return scopes.map((s) => ({
    scope: { name: s.scope.name, ...(s.scope.version ? { version: s.scope.version } : {}), ...(s.scope.schemaUrl ? { schemaUrl: s.scope.schemaUrl } : {}) },
    metrics: s.metrics.map((m) => ({ ...m, isMonotonic: m.dataPointType === DataPointType.SUM && m.isMonotonic })),
  }));
}

test('NaN, infinities, hrtime tuples, kinds, temporalities and value types survive JSON', () => {
  const json = JSON.stringify(toWire(ODD));
  assert.doesNotMatch(json, /null/, 'nothing was turned into null');
  assert.deepEqual(fromWire(JSON.parse(json)), expected(ODD));
});

test("a snapshot crosses Node's IPC channel intact, with JSON and with advanced serialization", async () => {
  for (const serialization of ['json', 'advanced'] as const) {
    const echo = spawn(process.execPath, ['-e', "process.on('message', (m) => process.send(m, () => process.disconnect()))"], {
      serialization,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    echo.send(toWire(ODD));
    const [received] = (await once(echo, 'message')) as [unknown];
    assert.deepEqual(fromWire(received), expected(ODD), serialization);
    await once(echo, 'exit');
  }
});

test('metrics and points that cannot be read are left out, and the rest is kept', () => {
  const wire = JSON.parse(JSON.stringify(toWire(ODD))) as { scopes: { metrics: Record<string, unknown>[] }[] };
  const metrics = wire.scopes[0]!.metrics;
  metrics[0]!.kind = 'summary';
  (metrics[1]!.points as unknown[]).push(['not a shape', [], 1], [9, [], 1], [0, ['too few'], 1], [0, [{}, 1, true, []], 1]);
  ((metrics[3]!.points as unknown[][])[0]![2] as Record<string, unknown>).counts = [1];
  const read = fromWire(wire)!;
  assert.deepEqual(
    read[0]!.metrics.map((m) => [m.descriptor.name, m.dataPoints.length]),
    [['updown', 1], ['gauge', 1], ['histogram', 1], ['exponential', 1]],
  );
  for (const other of [undefined, null, 'x', { v: 2, scopes: [] }, { v: 1 }]) assert.equal(fromWire(other), undefined);
});

test('reading never throws, whatever arrives', () => {
  fc.assert(
    fc.property(fc.anything(), fc.anything(), (scopes, points) => {
      fromWire({ v: 1, scopes });
      fromWire({ v: 1, scopes: [{ name: 's', metrics: [{ name: 'm', kind: 'sum', start: [0, 0], end: [0, 0], shapes: [['a'], []], points }] }] });
      fromWire(scopes);
    }),
    { numRuns: 500 },
  );
});
