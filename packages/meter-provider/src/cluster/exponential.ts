import type { ExponentialHistogram } from '@opentelemetry/sdk-metrics';

/** OpenTelemetry's lowest scale: two buckets cover every double. */
/** The scales OpenTelemetry's exponential histograms use: -10 to 20. */
export const MIN_SCALE = -10;
export const MAX_SCALE = 20;

type Buckets = ExponentialHistogram['positive'];

/** Index range [low, high] of the non-empty buckets after downscaling by `shift`, or undefined when all are empty. */
function range(buckets: Buckets, shift: number): [number, number] | undefined {
  const counts = buckets.bucketCounts;
  let first = 0;
  while (first < counts.length && counts[first] === 0) first++;
  if (first === counts.length) return undefined;
  let last = counts.length - 1;
  while (counts[last] === 0) last--;
  const factor = 2 ** shift;
  return [Math.floor((buckets.offset + first) / factor), Math.floor((buckets.offset + last) / factor)];
}

function span(a: [number, number] | undefined, b: [number, number] | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : b[1] - b[0] + 1) : a[1] - a[0] + 1;
  return Math.max(a[1], b[1]) - Math.min(a[0], b[0]) + 1;
}

function combine(parts: [Buckets, number][]): Buckets {
  let low = Infinity;
  let high = -Infinity;
  for (const [buckets, shift] of parts) {
    const r = range(buckets, shift);
    if (r === undefined) continue;
    low = Math.min(low, r[0]);
    high = Math.max(high, r[1]);
  }
  if (low > high) return { offset: 0, bucketCounts: [] };
  const bucketCounts = new Array<number>(high - low + 1).fill(0);
  for (const [buckets, shift] of parts) {
    const factor = 2 ** shift;
    buckets.bucketCounts.forEach((count, i) => {
      if (count !== 0) bucketCounts[Math.floor((buckets.offset + i) / factor) - low]! += count;
    });
  }
  return { offset: low, bucketCounts };
}

function bound(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return pick(a, b);
}

/**
 * Two exponential histograms as one: both brought to the finer of their common scales (a bucket
 * at scale s is exactly two at s+1, so downscaling moves counts and loses none), lowered further
 * while either sign would need more than `maxSize` buckets, as OpenTelemetry's own aggregation does.
 */
export function mergeExponential(a: ExponentialHistogram, b: ExponentialHistogram, maxSize: number): ExponentialHistogram {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  let scale = Math.min(a.scale, b.scale);
  const fits = (s: number) =>
    span(range(a.positive, a.scale - s), range(b.positive, b.scale - s)) <= maxSize &&
    span(range(a.negative, a.scale - s), range(b.negative, b.scale - s)) <= maxSize;
  while (scale > MIN_SCALE && !fits(scale)) scale--;
  const merged: ExponentialHistogram = {
    count: a.count + b.count,
    zeroCount: a.zeroCount + b.zeroCount,
    scale,
    positive: combine([[a.positive, a.scale - scale], [b.positive, b.scale - scale]]),
    negative: combine([[a.negative, a.scale - scale], [b.negative, b.scale - scale]]),
  };
  if (a.sum !== undefined && b.sum !== undefined) merged.sum = a.sum + b.sum;
  const min = bound(a.min, b.min, Math.min);
  const max = bound(a.max, b.max, Math.max);
  if (min !== undefined) merged.min = min;
  if (max !== undefined) merged.max = max;
  return merged;
}
