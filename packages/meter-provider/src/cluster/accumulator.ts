import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type ExponentialHistogram, type Histogram, type MetricData, type MetricDescriptor, type ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { mergeExponential } from './exponential.js';

type InstrumentationScope = ScopeMetrics['scope'];

/** How a metric's series merge across processes. */
/** How series of one metric merge; `info` is an up-down counter named `*_info`, merged like a gauge and served as it came. */
export type MergeKind = 'counter' | 'updown' | 'info' | 'gauge' | 'histogram' | 'exponential';

/** The kinds whose totals outlive the process that recorded them. */
export const MONOTONIC_KINDS: ReadonlySet<MergeKind> = new Set(['counter', 'histogram', 'exponential']);

export function mergeKindOf(metric: MetricData): MergeKind {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      if (metric.isMonotonic) return 'counter';
      // An info metric (OpenMetrics: a name ending in `_info`, value 1, such as
      // promptkit_pricing_info) states a fact, not a quantity: merged like a gauge, so four
      // processes that each state it serve 1, not 4; still served as the up-down counter it is.
      return metric.descriptor.name.endsWith('_info') ? 'info' : 'updown';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      return 'exponential';
  }
}

export type SeriesValue = number | Histogram | ExponentialHistogram;

export interface SeriesState {
  attributes: Attributes;
  value: SeriesValue;
  /** False while `value` is still a contributor's own object, which must not be changed. */
  owned: boolean;
  /** The accumulation that last set this series (see `reuse`). */
  round: number;
}

export type { InstrumentationScope };

export interface MetricState {
  scope: InstrumentationScope;
  descriptor: MetricDescriptor;
  kind: MergeKind;
  series: Map<string, SeriesState>;
}

function sameBoundaries(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function copyHistogram(h: Histogram): Histogram {
  const out: Histogram = { count: h.count, buckets: { boundaries: h.buckets.boundaries, counts: [...h.buckets.counts] } };
  if (h.sum !== undefined) out.sum = h.sum;
  if (h.min !== undefined) out.min = h.min;
  if (h.max !== undefined) out.max = h.max;
  return out;
}

function addHistogram(into: Histogram, h: Histogram): void {
  const wasEmpty = into.count === 0;
  into.count += h.count;
  for (let i = 0; i < h.buckets.counts.length; i++) into.buckets.counts[i]! += h.buckets.counts[i]!;
  if (into.sum !== undefined && h.sum !== undefined) into.sum += h.sum;
  else delete into.sum;
  if (h.count === 0) return;
  // An empty side has no extremes; otherwise an extreme is known only when both sides know it.
  const min = wasEmpty ? h.min : into.min !== undefined && h.min !== undefined ? Math.min(into.min, h.min) : undefined;
  const max = wasEmpty ? h.max : into.max !== undefined && h.max !== undefined ? Math.max(into.max, h.max) : undefined;
  if (min === undefined) delete into.min;
  else into.min = min;
  if (max === undefined) delete into.max;
  else into.max = max;
}

/**
 * Series of many processes summed by metric and attributes. Counters and up-down counters add;
 * histograms add bucket by bucket (classic ones only with the same boundaries); exponential
 * histograms merge at a common scale; gauges keep the largest value, since a gauge of one process
 * (a queue length, a lag, an info metric's 1) says nothing that adding another process's makes true.
 */
let rounds = 0;

export class Accumulator {
  readonly metrics = new Map<string, MetricState>();
  /** Why contributions were left out, by fixed key, since the last `problems()`. */
  private readonly skipped = new Map<string, string>();
  private readonly round = ++rounds;

  /**
   * @param reuse an earlier accumulation of the same source, whose metric and series objects are
   *   taken over (and its series that do not come again removed by `finish()`): one scrape after
   *   another then allocates little beyond what changed.
   */
  constructor(
    private readonly maxBuckets: number,
    private readonly reuse?: ReadonlyMap<string, MetricState>,
  ) {}

  /** Adds one series of metric `id`; the value object is not changed, now or later. */
  add(id: string, scope: InstrumentationScope, descriptor: MetricDescriptor, kind: MergeKind, key: string, attributes: Attributes, value: SeriesValue): void {
    let metric = this.metrics.get(id);
    if (metric === undefined) {
      const earlier = this.reuse?.get(id);
      metric = earlier !== undefined && earlier.kind === kind ? earlier : { scope, descriptor, kind, series: new Map() };
      this.metrics.set(id, metric);
    } else if (metric.kind !== kind) {
      this.skipped.set(`kind ${id}`, `metric '${descriptor.name}' is a ${kind} in one process and a ${metric.kind} in another; only the first kind is served`);
      return;
    }
    const series = metric.series.get(key);
    if (series === undefined) {
      metric.series.set(key, { attributes, value, owned: false, round: this.round });
      return;
    }
    if (series.round !== this.round) {
      // Taken over from the earlier accumulation: its value is replaced, never changed in place.
      series.value = value;
      series.owned = false;
      series.round = this.round;
      return;
    }
    switch (kind) {
      case 'counter':
      case 'updown':
        series.value = (series.value as number) + (value as number);
        return;
      case 'gauge':
      case 'info':
        series.value = Math.max(series.value as number, value as number);
        return;
      case 'exponential':
        series.value = mergeExponential(series.value as ExponentialHistogram, value as ExponentialHistogram, this.maxBuckets);
        series.owned = false;
        return;
      case 'histogram': {
        const h = value as Histogram;
        if (!sameBoundaries((series.value as Histogram).buckets.boundaries, h.buckets.boundaries)) {
          this.skipped.set(`boundaries ${id}`, `histogram '${descriptor.name}' has different bucket boundaries in different processes; only the first process's boundaries are served`);
          return;
        }
        if (!series.owned) {
          series.value = copyHistogram(series.value as Histogram);
          series.owned = true;
        }
        addHistogram(series.value as Histogram, h);
      }
    }
  }

  /** Every series of `metric` (one accumulator's metric, or a snapshot's). */
  addMetric(id: string, metric: MetricState): void {
    for (const [key, series] of metric.series) this.add(id, metric.scope, metric.descriptor, metric.kind, key, series.attributes, series.value);
  }

  /** Removes the series of reused metrics that did not come again; returns the metrics. */
  finish(): Map<string, MetricState> {
    if (this.reuse === undefined) return this.metrics;
    for (const metric of this.metrics.values()) {
      for (const [key, series] of metric.series) if (series.round !== this.round) metric.series.delete(key);
    }
    return this.metrics;
  }

  problems(): [string, string][] {
    const out = [...this.skipped];
    this.skipped.clear();
    return out;
  }
}
