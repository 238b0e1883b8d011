// The oracle for protobuf-format.ts: the same messages built with create() and encoded by the
// library's reflection encoder (toBinary, through sizeDelimitedEncode). Test-only.
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { sizeDelimitedEncode } from '@bufbuild/protobuf/wire';
import type { Exemplar } from '@promptkit/metrics/internal';
import { bucketRows } from '../buckets.js';
import type { Family, HistogramValue, Series } from '../model.js';
import type { NativeBuckets } from '../native-histogram.js';
import { MetricFamilySchema, MetricType, type HistogramSchema, type MetricSchema } from './metrics_pb.js';

type MetricInit = MessageInitShape<typeof MetricSchema>;
type HistogramInit = MessageInitShape<typeof HistogramSchema>;

const TYPES = { counter: MetricType.COUNTER, gauge: MetricType.GAUGE, histogram: MetricType.HISTOGRAM } as const;

function timestamp(ms: number) {
  const whole = Math.floor(ms / 1000);
  return { seconds: BigInt(whole), nanos: Math.round((ms - whole * 1000) * 1e6) };
}

function exemplar(e: Exemplar | undefined) {
  if (e === undefined) return undefined;
  return { label: [{ name: 'trace_id', value: e.traceId }, { name: 'span_id', value: e.spanId }], value: e.value, timestamp: timestamp(e.timeMs) };
}

function spans(side: NativeBuckets) {
  return { spans: side.spans.map((s) => ({ offset: s.offset, length: s.length })), deltas: side.deltas.map((d) => BigInt(d)) };
}

function histogram(series: Series): HistogramInit {
  const value = series.value as HistogramValue;
  const out: HistogramInit = { sampleCount: BigInt(value.count), sampleSum: value.sum ?? Number.NaN };
  if (series.startMs > 0) out.createdTimestamp = timestamp(series.startMs);
  const rows = bucketRows(value, series.exemplars);
  if (value.classic !== undefined || value.native === undefined) {
    out.bucket = rows.map((row) => ({ cumulativeCount: BigInt(row.cumulative), upperBound: row.upperBound, exemplar: exemplar(row.exemplar) }));
  }
  const native = value.native;
  if (native !== undefined) {
    const positive = spans(native.positive);
    const negative = spans(native.negative);
    Object.assign(out, {
      schema: native.schema,
      zeroThreshold: native.zeroThreshold,
      zeroCount: BigInt(native.zeroCount),
      positiveSpan: positive.spans,
      positiveDelta: positive.deltas,
      negativeSpan: negative.spans,
      negativeDelta: negative.deltas,
      // Native histograms take exemplars from this list (each must have a timestamp).
      exemplars: rows.flatMap((row) => (row.exemplar === undefined ? [] : [exemplar(row.exemplar)!])),
    });
    // "Use a no-op span (offset 0, length 0) for a native histogram without any observations yet and
    // with a zero_threshold of 0" (metrics.proto); the threshold here is never 0, so no span is needed.
  }
  return out;
}

function metric(family: Family, series: Series): MetricInit {
  const label = series.labels.map(([name, value]) => ({ name, value }));
  switch (family.type) {
    case 'counter': {
      const counter: MetricInit['counter'] = { value: series.value as number, exemplar: exemplar(series.exemplars?.latest) };
      if (series.startMs > 0) counter.createdTimestamp = timestamp(series.startMs);
      return { label, counter };
    }
    case 'gauge':
      return { label, gauge: { value: series.value as number } };
    case 'histogram':
      return { label, histogram: histogram(series) };
  }
}

/** Renders families as length-delimited MetricFamily messages. */
export function reflectionEncode(families: readonly Family[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const family of families) {
    const message = create(MetricFamilySchema, {
      name: family.name,
      help: family.help.trim() === '' ? family.name : family.help,
      type: TYPES[family.type],
      metric: family.series.map((series) => metric(family, series)),
    });
    // As in OpenMetrics, a unit is named only when it ends the family's name.
    const base = family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
    if (family.unit !== '' && base.endsWith(`_${family.unit}`)) message.unit = family.unit;
    const bytes = sizeDelimitedEncode(MetricFamilySchema, message);
    parts.push(bytes);
    length += bytes.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
