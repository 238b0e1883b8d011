// A classic histogram's buckets as every exposition format writes them: cumulative, with strictly
// increasing finite upper bounds and a final +Inf bucket, each with the latest exemplar that falls
// into it.
import type { Exemplar, ExemplarSlot } from '@promptkit/metrics/internal';
import type { HistogramValue } from './model.js';

export interface BucketRow {
  /** Inclusive upper bound; the last row's is +Infinity. */
  readonly upperBound: number;
  /** Observations at or below `upperBound`. */
  readonly cumulative: number;
  /** The latest exemplar whose value lies in this bucket, if one was kept. */
  exemplar: Exemplar | undefined;
}

/**
 * The rows of a histogram's classic buckets, ending with +Inf (just +Inf when it has none). Only
 * increasing finite boundaries are written: an instrument's advice may repeat one or hold ±Infinity
 * or NaN (the SDK keeps them), and a repeated or disordered bound repeats a series or breaks
 * histogram_quantile(); a skipped boundary's count goes into the next bucket written.
 */
export function bucketRows(value: HistogramValue, exemplars?: ExemplarSlot): BucketRow[] {
  const rows: BucketRow[] = [];
  const { classic } = value;
  let running = 0;
  let last = -Infinity;
  if (classic !== undefined) {
    for (let i = 0; i < classic.boundaries.length; i++) {
      running += classic.counts[i] ?? 0;
      const boundary = classic.boundaries[i]!;
      if (!(boundary > last) || boundary === Infinity) continue;
      last = boundary;
      rows.push({ upperBound: boundary, cumulative: running, exemplar: undefined });
    }
  }
  rows.push({ upperBound: Infinity, cumulative: value.count, exemplar: undefined });
  if (exemplars !== undefined) placeExemplars(rows, exemplars);
  return rows;
}

/**
 * Puts each kept exemplar into the row whose range holds its value, the latest winning. Placing by
 * value (not by the index it was kept under) stays right when a View gave the histogram other
 * boundaries than the ones the exemplar was kept for.
 */
function placeExemplars(rows: BucketRow[], slot: ExemplarSlot): void {
  const candidates = slot.buckets === undefined ? [slot.latest] : [...slot.buckets, slot.latest];
  for (const exemplar of candidates) {
    if (exemplar === undefined || Number.isNaN(exemplar.value)) continue;
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (exemplar.value <= rows[mid]!.upperBound) high = mid;
      else low = mid + 1;
    }
    const row = rows[low]!;
    if (row.exemplar === undefined || row.exemplar.timeMs < exemplar.timeMs) row.exemplar = exemplar;
  }
}
