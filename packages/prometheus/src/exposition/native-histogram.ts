// OpenTelemetry exponential histograms as Prometheus native histograms (sparse buckets as spans and
// deltas). The rules are the OpenTelemetry Prometheus compatibility specification's ("Exponential
// Histograms") and Prometheus' docs/specs/native_histograms.md:
// - schema = scale; Prometheus accepts schemas -4..8. A finer scale is merged down to 8; a coarser
//   one cannot be represented and the native part is left out (Prometheus 3.5 does not check the
//   schema on scrape, and a schema above 8 makes its queries fail, so this must happen here).
// - OpenTelemetry bucket `offset + i` holds (base^(offset+i), base^(offset+i+1)]; Prometheus indexes
//   a bucket by its upper bound, so it is Prometheus bucket `offset + i + 1`.
// - OpenTelemetry JS counts only exact zeros in the zero bucket; the zero threshold is the
//   specification's default for an unset one, 1e-128.
import type { ExponentialHistogram } from '@opentelemetry/sdk-metrics';

export const SCHEMA_MIN = -4;
export const SCHEMA_MAX = 8;
export const DEFAULT_ZERO_THRESHOLD = 1e-128;

/** A run of `length` consecutive buckets, `offset` buckets after the previous run (or at bucket `offset` for the first). */
export interface BucketSpan {
  readonly offset: number;
  readonly length: number;
}

/** One side (positive or negative values) of a native histogram. */
export interface NativeBuckets {
  readonly spans: BucketSpan[];
  /** Each bucket's count as a difference from the previous bucket's (the first is absolute). */
  readonly deltas: number[];
}

export interface NativeHistogram {
  readonly schema: number;
  readonly zeroThreshold: number;
  readonly zeroCount: number;
  readonly positive: NativeBuckets;
  readonly negative: NativeBuckets;
}

// Up to this many empty buckets between two filled ones are written as zero deltas rather than
// starting a new span (each span costs about as much as two deltas); client_golang uses the same.
const MAX_FILLED_GAP = 2;

/**
 * Dense OpenTelemetry bucket counts starting at bucket `offset`, merged by `scaleDown` steps of
 * resolution (2^scaleDown neighbours become one), as Prometheus spans and deltas. Empty buckets are
 * left out except in short gaps.
 */
export function bucketLayout(counts: readonly number[], offset: number, scaleDown: number): NativeBuckets {
  const spans: { offset: number; length: number }[] = [];
  const deltas: number[] = [];
  let previousIndex = 0;
  let previousCount = 0;
  const write = (index: number, count: number) => {
    const gap = spans.length === 0 ? Infinity : index - previousIndex - 1;
    if (gap > MAX_FILLED_GAP) {
      spans.push({ offset: spans.length === 0 ? index : gap, length: 0 });
    } else {
      for (let g = 0; g < gap; g++) {
        deltas.push(0 - previousCount);
        previousCount = 0;
        spans[spans.length - 1]!.length++;
      }
    }
    deltas.push(count - previousCount);
    spans[spans.length - 1]!.length++;
    previousIndex = index;
    previousCount = count;
  };
  let index = Number.NaN;
  let count = 0;
  for (let i = 0; i < counts.length; i++) {
    // Math.floor, not >>: bucket indexes of a fine scale go beyond 32 bits.
    const merged = Math.floor((offset + i) / 2 ** scaleDown) + 1;
    if (merged !== index) {
      if (count > 0) write(index, count);
      index = merged;
      count = 0;
    }
    count += counts[i] ?? 0;
  }
  if (count > 0) write(index, count);
  return { spans, deltas };
}

/** The native form of an exponential histogram, or undefined when its scale is below what Prometheus accepts. */
export function nativeHistogram(value: ExponentialHistogram): NativeHistogram | undefined {
  if (value.scale < SCHEMA_MIN) return undefined;
  const scaleDown = Math.max(0, value.scale - SCHEMA_MAX);
  return {
    schema: value.scale - scaleDown,
    zeroThreshold: DEFAULT_ZERO_THRESHOLD,
    zeroCount: value.zeroCount,
    positive: bucketLayout(value.positive.bucketCounts, value.positive.offset, scaleDown),
    negative: bucketLayout(value.negative.bucketCounts, value.negative.offset, scaleDown),
  };
}
