import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromBinary } from '@bufbuild/protobuf';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import type { Exemplar } from '@promptkit/metrics/internal';
import type { Family, Series } from '../model.js';
import { nativeHistogram } from '../native-histogram.js';
import { sampleFamilies, START_MS } from '../test-families.js';
import { MetricFamilySchema, MetricType, type MetricFamily } from './metrics_pb.js';
import { renderProtobuf } from './protobuf-format.js';
import { reflectionEncode } from './test-reflection-encoder.js';

/** Reads length-delimited messages the way Prometheus does: a varint length of at most 5 bytes, then the message. */
function decodeAll(bytes: Uint8Array): MetricFamily[] {
  const out: MetricFamily[] = [];
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const start = reader.pos;
    const size = reader.uint32();
    assert.ok(reader.pos - start <= 5, 'length prefix of at most 5 bytes');
    out.push(fromBinary(MetricFamilySchema, bytes.subarray(reader.pos, reader.pos + size)));
    reader.pos += size;
  }
  return out;
}

test('protobuf: one delimited MetricFamily per family, with types, help, units, values and start times', () => {
  const families = decodeAll(renderProtobuf(sampleFamilies()));
  assert.deepEqual(families.map((f) => [f.name, f.type]), [
    ['target_info', MetricType.GAUGE],
    ['promptkit_requests_total', MetricType.COUNTER],
    ['promptkit_active', MetricType.GAUGE],
    ['promptkit_duration_seconds', MetricType.HISTOGRAM],
    ['promptkit_native_seconds', MetricType.HISTOGRAM],
    ['promptkit_both_seconds', MetricType.HISTOGRAM],
  ]);
  const [, counter, gauge, classic] = families;
  assert.equal(counter!.help, 'Requests with a "quote" and a \\ backslash');
  assert.equal(gauge!.help, 'promptkit_active', 'an empty description gives the name as help, as in text');
  assert.equal(classic!.unit, 'seconds');
  assert.equal(counter!.unit, '');
  const c = counter!.metric[0]!;
  assert.deepEqual(c.label.map((l) => [l.name, l.value]), [['provider', 'openai'], ['model', 'gpt-4o "mini"\n']]);
  assert.equal(c.counter!.value, 3);
  assert.deepEqual([c.counter!.createdTimestamp!.seconds, c.counter!.createdTimestamp!.nanos], [BigInt(Math.floor(START_MS / 1000)), 250_000_000]);
  assert.deepEqual(c.counter!.exemplar!.label.map((l) => [l.name, l.value]), [['trace_id', '0af7651916cd43dd8448eb211c80319c'], ['span_id', 'b7ad6b7169203331']]);
  assert.equal(c.counter!.exemplar!.value, 7.5);
  assert.equal(gauge!.metric[0]!.gauge!.value, -2);
});

test('protobuf histograms: classic buckets cumulative with exemplars; native spans and deltas; both side by side', () => {
  const [, , , classic, native, both] = decodeAll(renderProtobuf(sampleFamilies()));
  const h = classic!.metric[0]!.histogram!;
  assert.equal(h.sampleCount, 5n);
  assert.equal(h.sampleSum, 12.5);
  assert.deepEqual(h.bucket.map((b) => [b.upperBound, b.cumulativeCount]), [[0.5, 2n], [1, 2n], [5, 3n], [Infinity, 5n]]);
  assert.equal(h.bucket[0]!.exemplar!.value, 0.2);
  assert.equal(h.bucket[3]!.exemplar!.value, 7.5);
  assert.equal(h.bucket[1]!.exemplar, undefined);
  assert.equal(h.positiveSpan.length, 0, 'a classic-only histogram has no native fields');
  assert.equal(h.zeroThreshold, 0);

  const n = native!.metric[0]!.histogram!;
  assert.equal(n.bucket.length, 0, 'a native-only histogram has no classic buckets');
  assert.equal(n.schema, 3);
  assert.equal(n.zeroThreshold, 1e-128);
  assert.equal(n.zeroCount, 1n);
  // OpenTelemetry buckets -3 (1), -2..1 empty, 2 (2), 3 (1) → Prometheus indexes -2, then 3 and 4 after a gap of 4.
  assert.deepEqual(n.positiveSpan.map((s) => [s.offset, s.length]), [[-2, 1], [4, 2]]);
  assert.deepEqual(n.positiveDelta, [1n, 1n, -1n]);
  assert.deepEqual(n.negativeSpan, []);
  assert.equal(n.exemplars.length, 1, 'native exemplars go to the flat list, with timestamps');
  assert.ok(n.exemplars[0]!.timestamp !== undefined);

  const b = both!.metric[0]!.histogram!;
  assert.equal(b.bucket.length, 4);
  assert.equal(b.schema, 3);
  assert.deepEqual(b.positiveDelta, [1n, 1n, -1n]);
  assert.equal(b.createdTimestamp!.nanos, 250_000_000);
});

/** Families of every kind with random labels, values, start times, exemplars and native buckets. */
function randomFamilies(seed: number): Family[] {
  let state = seed;
  const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const values = [0, 1, -1, 0.5, 1e-9, 1e21, 123456.789, Number.NaN, Infinity, -Infinity];
  const maybeExemplar = (value: number): Exemplar | undefined =>
    random() < 0.5 ? undefined : { traceId: `${Math.floor(random() * 1e9)}`.padStart(32, 'a'), spanId: 'b7ad6b7169203331', value, timeMs: Math.floor(random() * 2e12) + random() };
  const families: Family[] = [];
  for (let f = 0; f < 12; f++) {
    const type = pick(['counter', 'gauge', 'histogram'] as const);
    const series: Series[] = [];
    for (let s = 0; s < 1 + Math.floor(random() * 4); s++) {
      const labels = Array.from({ length: Math.floor(random() * 3) }, (_, i) => [`l${i}`, pick(['', 'x', 'ü"\n\\', 'a'.repeat(200)])] as const);
      const startMs = pick([0, 1, 999, 1_700_000_000_123.456, Math.floor(random() * 2e12)]);
      if (type !== 'histogram') {
        const value = type === 'counter' ? Math.abs(pick(values)) : pick(values);
        series.push({ labels, startMs, value, exemplars: type === 'counter' ? { latest: maybeExemplar(value), buckets: undefined } : undefined });
        continue;
      }
      const scale = Math.floor(random() * 16) - 6;
      const exponential = { count: 9, sum: random() < 0.2 ? undefined : random() * 100, scale, zeroCount: Math.floor(random() * 3), positive: { offset: Math.floor(random() * 40) - 20, bucketCounts: Array.from({ length: Math.floor(random() * 12) }, () => (random() < 0.5 ? 0 : Math.floor(random() * 5))) }, negative: { offset: -3, bucketCounts: random() < 0.7 ? [] : [1, 0, 0, 0, 2] } };
      const classic = random() < 0.7 ? { boundaries: [0.1, 1, 10], counts: [1, 2, 3, 3] } : undefined;
      const withNative = classic === undefined || random() < 0.5;
      series.push({
        labels,
        startMs,
        value: { count: 9, sum: exponential.sum, classic, exponential: withNative ? exponential : undefined, native: withNative && exponential.sum !== undefined ? nativeHistogram(exponential) : undefined },
        exemplars: random() < 0.5 ? undefined : { latest: maybeExemplar(5), buckets: [maybeExemplar(0.05), undefined, maybeExemplar(7), maybeExemplar(50)] },
      });
    }
    families.push({ name: `family_${f}${type === 'counter' ? '_total' : ''}`, type, help: pick(['', ' ', 'help "text"\n']), unit: pick(['', 'seconds']), series });
  }
  return families;
}

test('the wire writer produces exactly the bytes of the library reflection encoder (create + toBinary)', () => {
  assert.deepEqual(renderProtobuf(sampleFamilies()), reflectionEncode(sampleFamilies()));
  for (let seed = 1; seed <= 200; seed++) {
    const families = randomFamilies(seed);
    assert.deepEqual(Buffer.from(renderProtobuf(families)), Buffer.from(reflectionEncode(families)), `seed ${seed}`);
  }
});
