import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromBinary } from '@bufbuild/protobuf';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { sampleFamilies, START_MS } from '../test-families.js';
import { MetricFamilySchema, MetricType, type MetricFamily } from './metrics_pb.js';
import { renderProtobuf } from './protobuf-format.js';

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
