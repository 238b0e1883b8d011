// Prometheus' protobuf exposition (`io.prometheus.client.MetricFamily` messages, each prefixed by its
// varint length), the one format that carries native histograms. Encoded with Buf's
// @bufbuild/protobuf (an optional peer dependency; this module is loaded only when it is installed).
//
// Why the wire writer and not create() + toBinary(): the reflection encoder took 6 to 10 times as
// long as the text format for 10k counter series (`npm run bench -- formats`), on the application's
// event loop, at every scrape. This module walks the model once and writes each field with the
// library's BinaryWriter (varints, zigzag, doubles and length prefixes are the library's); every
// field number comes from the descriptors generated from the vendored metrics.proto, and
// protobuf-format.test.ts checks the bytes against toBinary() of the same messages.
import type { DescMessage } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { Exemplar } from '@promptkit/metrics/internal';
import { bucketRows } from '../buckets.js';
import type { Family, HistogramValue, Series } from '../model.js';
import type { NativeBuckets } from '../native-histogram.js';
import {
  BucketSchema,
  BucketSpanSchema,
  CounterSchema,
  ExemplarSchema,
  GaugeSchema,
  HistogramSchema,
  LabelPairSchema,
  MetricFamilySchema,
  MetricSchema,
  MetricType,
} from './metrics_pb.js';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

/** Field numbers by the generated (camelCase) field name. */
function numbers<const K extends string>(schema: DescMessage, names: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const name of names) {
    const field = schema.fields.find((f) => f.localName === name);
    if (field === undefined) throw new Error(`metrics.proto has no field ${schema.typeName}.${name}`);
    out[name] = field.number;
  }
  return out;
}

const FAMILY = numbers(MetricFamilySchema, ['name', 'help', 'type', 'metric', 'unit']);
const METRIC = numbers(MetricSchema, ['label', 'gauge', 'counter', 'histogram']);
const LABEL = numbers(LabelPairSchema, ['name', 'value']);
const GAUGE = numbers(GaugeSchema, ['value']);
const COUNTER = numbers(CounterSchema, ['value', 'exemplar', 'createdTimestamp']);
const HISTOGRAM = numbers(HistogramSchema, [
  'sampleCount',
  'sampleSum',
  'bucket',
  'createdTimestamp',
  'schema',
  'zeroThreshold',
  'zeroCount',
  'negativeSpan',
  'negativeDelta',
  'positiveSpan',
  'positiveDelta',
  'exemplars',
]);
const BUCKET = numbers(BucketSchema, ['cumulativeCount', 'upperBound', 'exemplar']);
const SPAN = numbers(BucketSpanSchema, ['offset', 'length']);
const EXEMPLAR = numbers(ExemplarSchema, ['label', 'value', 'timestamp']);
// google.protobuf.Timestamp (timestamp.proto): seconds = 1, nanos = 2.
const TIMESTAMP = { seconds: 1, nanos: 2 };

const TYPES = { counter: MetricType.COUNTER, gauge: MetricType.GAUGE, histogram: MetricType.HISTOGRAM } as const;
const { LengthDelimited, Varint, Bit64 } = WireType;

function timestamp(w: BinaryWriter, field: number, ms: number): void {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  // Timestamp is proto3: zero fields are not written.
  w.tag(field, LengthDelimited).fork();
  if (seconds !== 0) w.tag(TIMESTAMP.seconds, Varint).int64(seconds);
  if (nanos !== 0) w.tag(TIMESTAMP.nanos, Varint).int32(nanos);
  w.join();
}

function label(w: BinaryWriter, field: number, name: string, value: string): void {
  w.tag(field, LengthDelimited).fork().tag(LABEL.name, LengthDelimited).string(name).tag(LABEL.value, LengthDelimited).string(value).join();
}

function exemplar(w: BinaryWriter, field: number, e: Exemplar | undefined): void {
  if (e === undefined) return;
  w.tag(field, LengthDelimited).fork();
  label(w, EXEMPLAR.label, 'trace_id', e.traceId);
  label(w, EXEMPLAR.label, 'span_id', e.spanId);
  w.tag(EXEMPLAR.value, Bit64).double(e.value);
  timestamp(w, EXEMPLAR.timestamp, e.timeMs);
  w.join();
}

function spans(w: BinaryWriter, spanField: number, deltaField: number, side: NativeBuckets): void {
  for (const s of side.spans) w.tag(spanField, LengthDelimited).fork().tag(SPAN.offset, Varint).sint32(s.offset).tag(SPAN.length, Varint).uint32(s.length).join();
  for (const d of side.deltas) w.tag(deltaField, Varint).sint64(d);
}

function histogram(w: BinaryWriter, series: Series): void {
  const value = series.value as HistogramValue;
  const native = value.native;
  const rows = bucketRows(value, series.exemplars);
  w.tag(HISTOGRAM.sampleCount, Varint).uint64(value.count);
  // Without a sum (negative values were recorded) NaN says "unknown"; 0 would be a wrong sum.
  w.tag(HISTOGRAM.sampleSum, Bit64).double(value.sum ?? Number.NaN);
  // A native-only histogram has no classic buckets, or Prometheus would read its +Inf bucket as one.
  if (value.classic !== undefined || native === undefined) {
    for (const row of rows) {
      w.tag(HISTOGRAM.bucket, LengthDelimited).fork();
      w.tag(BUCKET.cumulativeCount, Varint).uint64(row.cumulative).tag(BUCKET.upperBound, Bit64).double(row.upperBound);
      exemplar(w, BUCKET.exemplar, row.exemplar);
      w.join();
    }
  }
  // Fields go in number order, as the library's own encoder writes them: created_timestamp (15)
  // after the native fields (5 to 13), before exemplars (16).
  if (native === undefined) {
    if (series.startMs > 0) timestamp(w, HISTOGRAM.createdTimestamp, series.startMs);
    return;
  }
  w.tag(HISTOGRAM.schema, Varint).sint32(native.schema);
  w.tag(HISTOGRAM.zeroThreshold, Bit64).double(native.zeroThreshold);
  w.tag(HISTOGRAM.zeroCount, Varint).uint64(native.zeroCount);
  // The zero threshold is never 0 here, so an empty histogram needs no "no-op span" (metrics.proto).
  spans(w, HISTOGRAM.negativeSpan, HISTOGRAM.negativeDelta, native.negative);
  spans(w, HISTOGRAM.positiveSpan, HISTOGRAM.positiveDelta, native.positive);
  if (series.startMs > 0) timestamp(w, HISTOGRAM.createdTimestamp, series.startMs);
  // Native histograms take their exemplars from this list; each must have a timestamp (it does).
  for (const row of rows) exemplar(w, HISTOGRAM.exemplars, row.exemplar);
}

function metric(w: BinaryWriter, family: Family, series: Series): void {
  w.tag(FAMILY.metric, LengthDelimited).fork();
  for (const [name, value] of series.labels) label(w, METRIC.label, name, value);
  switch (family.type) {
    case 'gauge':
      w.tag(METRIC.gauge, LengthDelimited).fork().tag(GAUGE.value, Bit64).double(series.value as number).join();
      break;
    case 'counter':
      w.tag(METRIC.counter, LengthDelimited).fork().tag(COUNTER.value, Bit64).double(series.value as number);
      exemplar(w, COUNTER.exemplar, series.exemplars?.latest);
      if (series.startMs > 0) timestamp(w, COUNTER.createdTimestamp, series.startMs);
      w.join();
      break;
    case 'histogram':
      w.tag(METRIC.histogram, LengthDelimited).fork();
      histogram(w, series);
      w.join();
      break;
  }
  w.join();
}

/** Renders families as length-delimited MetricFamily messages. */
export function renderProtobuf(families: readonly Family[]): Uint8Array {
  const w = new BinaryWriter();
  for (const family of families) {
    // fork() … join() writes the varint length before the message: the delimited framing.
    w.fork();
    w.tag(FAMILY.name, LengthDelimited).string(family.name);
    w.tag(FAMILY.help, LengthDelimited).string(family.help.trim() === '' ? family.name : family.help);
    w.tag(FAMILY.type, Varint).int32(TYPES[family.type]);
    for (const series of family.series) metric(w, family, series);
    // As in OpenMetrics, a unit is named only when it ends the family's name.
    const base = family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
    if (family.unit !== '' && base.endsWith(`_${family.unit}`)) w.tag(FAMILY.unit, LengthDelimited).string(family.unit);
    w.join();
  }
  return w.finish();
}
