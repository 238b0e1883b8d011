// One data point as a series of the exposition model: labels, start time, value (with its native
// histogram form, where there is one) and exemplars.
import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type DataPoint, type ExponentialHistogram, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';
import { hrTimeToMs } from '@promptkit/meter-provider';
import { exemplarsOf } from '@promptkit/metrics/internal';
import { labelPairs, type LabelRepairs } from './label-names.js';
import type { Series } from './model.js';
import { nativeHistogram, SCHEMA_MIN, type NativeHistogram } from './native-histogram.js';
import type { NativeStreams } from './native-streams.js';

// Prometheus' bucket and quantile labels: an attribute may take neither on any family (promtool
// rejects `le` outside histograms and `quantile` outside summaries; a histogram's own `le` follows).
export const RESERVED: ReadonlySet<string> = new Set(['le', 'quantile']);

/** What a series needs to know about its metric. */
export interface SeriesContext {
  readonly metric: MetricData;
  readonly scopeLabels: readonly (readonly [string, string])[];
  readonly repairs: LabelRepairs;
  readonly streams: NativeStreams;
  /** Why an exponential histogram has no native form here (reported once per metric). */
  readonly nativeProblems: Set<string>;
}

function nativeOf(value: ExponentialHistogram, problems: Set<string>): NativeHistogram | undefined {
  // The compatibility specification drops a point without a sum; Prometheus needs one.
  if (value.sum === undefined) {
    problems.add('exponential histograms without a sum (negative values recorded) are served without native buckets');
    return undefined;
  }
  const native = nativeHistogram(value);
  if (native === undefined) problems.add(`exponential histograms of a scale below ${SCHEMA_MIN} (too few buckets allowed) are served without native buckets`);
  return native;
}

export function seriesOf(point: DataPoint<unknown>, context: SeriesContext): Series {
  const labels = labelPairs(point.attributes, context.scopeLabels, RESERVED, context.repairs);
  const startMs = hrTimeToMs(point.startTime);
  const { metric } = context;
  const attributes: Attributes = point.attributes;
  switch (metric.dataPointType) {
    case DataPointType.HISTOGRAM: {
      const { count, sum, buckets } = point.value as Histogram;
      const exponential = context.streams.exponentialOf(metric, attributes);
      const native = exponential === undefined ? undefined : nativeOf(exponential, context.nativeProblems);
      const classic = { boundaries: buckets.boundaries, counts: buckets.counts };
      return { labels, startMs, value: { count, sum, classic, exponential, native }, exemplars: exemplarsOf(attributes) };
    }
    case DataPointType.EXPONENTIAL_HISTOGRAM: {
      const value = point.value as ExponentialHistogram;
      const native = nativeOf(value, context.nativeProblems);
      return { labels, startMs, value: { count: value.count, sum: value.sum, classic: undefined, exponential: value, native }, exemplars: exemplarsOf(attributes) };
    }
    case DataPointType.SUM:
      return { labels, startMs, value: point.value as number, exemplars: metric.isMonotonic ? exemplarsOf(attributes) : undefined };
    default:
      return { labels, startMs, value: point.value as number };
  }
}
