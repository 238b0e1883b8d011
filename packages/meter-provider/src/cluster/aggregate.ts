import type { HrTime } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, type MetricData, type ResourceMetrics, type ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { reportProblem } from '@promptkit/events/adapter';
import type { LabelLimits } from '@promptkit/metrics';
import { hrTime } from '../compat.js';
import { DEFAULT_NATIVE_MAX_BUCKETS } from '../views.js';
import { Accumulator, MONOTONIC_KINDS, mergeKindOf, type InstrumentationScope, type MetricState } from './accumulator.js';
import { AGGREGATE_CARDINALITY_LIMIT, AggregateLimits, seriesKey } from './limits.js';

/** One process's collection, keyed for merging: metric id → its series by key. */
export type Snapshot = ReadonlyMap<string, MetricState>;

export interface ClusterAggregateOptions {
  labelLimits?: LabelLimits;
  /** Most buckets per sign of a merged exponential histogram (at least each input's). Default 160. */
  nativeHistogramMaxBuckets?: number;
  /**
   * Milliseconds a departed source (whose connection closed) keeps its place, in case it comes back,
   * before its totals are folded into the retired ones. Default 60 000.
   */
  departedGraceMs?: number;
}

/** What an aggregating process leaves its successor: see `ClusterAggregate.legacy()`. */
export interface Legacy {
  base: ScopeMetrics[];
  sources: [source: string, scopes: ScopeMetrics[]][];
}

/** Most departed sources kept apart at once; older ones are folded in early. */
const MAX_DEPARTED = 64;

function metricId(scope: InstrumentationScope, name: string): string {
  return `${scope.name}\u0000${scope.version ?? ''}\u0000${scope.schemaUrl ?? ''}\u0000${name}`;
}

const POINT_TYPES = { counter: DataPointType.SUM, updown: DataPointType.SUM, info: DataPointType.SUM, gauge: DataPointType.GAUGE, histogram: DataPointType.HISTOGRAM, exponential: DataPointType.EXPONENTIAL_HISTOGRAM } as const;

/**
 * The series of many processes as one process's: its own collection merged with the last
 * collection of every other live process (its source), plus what processes that are gone left.
 *
 * A source that departs keeps its counters and histograms in the aggregate for good: they are
 * folded into one retired accumulator, so memory grows with series, not with processes ever
 * started, and no merged counter goes backwards when a process dies or is replaced. Its up-down
 * counters and gauges leave with it. PromptKit's label caps apply to the aggregate as a whole.
 */
export class ClusterAggregate {
  private readonly limits: AggregateLimits;
  private readonly maxBuckets: number;
  private readonly graceMs: number;
  private readonly live = new Map<string, Snapshot>();
  private readonly departed = new Map<string, { snapshot: Snapshot; since: number }>();
  private readonly retired: Accumulator;
  private lastOwn: Snapshot = new Map();
  private lastMerged: Snapshot | undefined;
  private reportedOverflow = false;
  /** Every merged series counts from here: one start on every collection, so pushed cumulative streams never look reset. */
  readonly startTime: HrTime = hrTime(Date.now());

  constructor(options: ClusterAggregateOptions = {}) {
    this.limits = new AggregateLimits(options.labelLimits);
    this.maxBuckets = options.nativeHistogramMaxBuckets ?? DEFAULT_NATIVE_MAX_BUCKETS;
    this.graceMs = options.departedGraceMs ?? 60_000;
    this.retired = new Accumulator(this.maxBuckets);
  }

  /** The ids of the sources that count as live. */
  get sources(): string[] {
    return [...this.live.keys()];
  }

  /** Keys a collection for merging, with the aggregate's label caps applied. Delta metrics cannot be merged and are left out. */
  normalize(scopeMetrics: readonly ScopeMetrics[], reuse?: Snapshot): Snapshot {
    const acc = new Accumulator(this.maxBuckets, reuse);
    for (const { scope, metrics } of scopeMetrics) {
      const labelCapped = AggregateLimits.labelCapped(scope.name);
      for (const metric of metrics) {
        if (metric.aggregationTemporality === AggregationTemporality.DELTA) {
          reportProblem('cluster delta', `metric '${metric.descriptor.name}' arrived with delta temporality and cannot be merged; cluster aggregation needs cumulative readers`);
          continue;
        }
        const id = metricId(scope, metric.descriptor.name);
        const kind = mergeKindOf(metric);
        for (const point of metric.dataPoints) {
          let attributes = labelCapped ? this.limits.capLabels(scope.name, point.attributes) : point.attributes;
          let key = seriesKey(attributes);
          if (!labelCapped) {
            const admitted = this.limits.admit(id, key);
            key = admitted.key;
            attributes = admitted.attributes ?? attributes;
          }
          acc.add(id, scope, metric.descriptor, kind, key, attributes, point.value);
        }
      }
    }
    this.report(acc);
    return acc.finish();
  }

  /** The latest collection of a live source (a new source, or one that came back). */
  update(source: string, scopeMetrics: readonly ScopeMetrics[]): void {
    this.live.set(source, this.normalize(scopeMetrics, this.live.get(source) ?? this.departed.get(source)?.snapshot));
    this.departed.delete(source);
  }

  /** A source whose connection closed but that may come back: its totals stay, its gauges and up-down counters go. */
  depart(source: string): void {
    const snapshot = this.live.get(source);
    if (snapshot === undefined) return;
    this.live.delete(source);
    this.departed.set(source, { snapshot, since: Date.now() });
    if (this.departed.size > MAX_DEPARTED) this.retire(this.departed.keys().next().value!);
  }

  /** A source that is gone for good: its counters and histograms are folded into the retired totals. */
  retire(source: string): void {
    const snapshot = this.live.get(source) ?? this.departed.get(source)?.snapshot;
    this.live.delete(source);
    this.departed.delete(source);
    if (snapshot !== undefined) this.fold(snapshot);
  }

  /**
   * What a previous aggregating process left (see `legacy()`): its own and retired totals are kept
   * like a retired source's; its sources count as departed until they report here (and replace
   * themselves) or their grace ends. `self` is this process's own session, left out.
   */
  inherit(legacy: Legacy, self?: string): void {
    this.fold(this.normalize(legacy.base));
    for (const [source, scopes] of legacy.sources) {
      if (source === self || this.live.has(source)) continue;
      this.departed.set(source, { snapshot: this.normalize(scopes), since: Date.now() });
    }
  }

  /** This process's own collection merged with every source's, in cumulative temporality. */
  merge(own: ResourceMetrics): ResourceMetrics {
    const now = Date.now();
    for (const [source, { since }] of this.departed) if (now - since > this.graceMs) this.retire(source);
    const acc = new Accumulator(this.maxBuckets, this.lastMerged);
    // Own series first: a point whose attributes object is PromptKit's keeps its exemplars.
    this.lastOwn = this.normalize(own.scopeMetrics, this.lastOwn);
    this.add(acc, this.lastOwn, false);
    for (const snapshot of this.live.values()) this.add(acc, snapshot, false);
    for (const { snapshot } of this.departed.values()) this.add(acc, snapshot, true);
    this.add(acc, this.retired.metrics, false);
    this.report(acc);
    this.lastMerged = acc.finish();
    return { resource: own.resource, scopeMetrics: this.scopes(this.lastMerged, hrTime(now)) };
  }

  /**
   * Everything a process that takes over aggregating needs to continue these totals: the retired
   * ones and this process's own counters and histograms as of the last merge (`base`), and each
   * source's last collection, which stands in for the source until it reports to the successor.
   */
  legacy(): Legacy {
    const acc = new Accumulator(this.maxBuckets);
    this.add(acc, this.retired.metrics, false);
    this.add(acc, this.lastOwn, true);
    const end = hrTime(Date.now());
    const sources: [string, ScopeMetrics[]][] = [];
    for (const [source, snapshot] of this.live) sources.push([source, this.scopes(snapshot, end)]);
    for (const [source, { snapshot }] of this.departed) sources.push([source, this.scopes(snapshot, end)]);
    return { base: this.scopes(acc.metrics, end), sources };
  }

  private fold(snapshot: Snapshot): void {
    this.add(this.retired, snapshot, true);
  }

  private add(acc: Accumulator, snapshot: Snapshot, monotonicOnly: boolean): void {
    for (const [id, metric] of snapshot) if (!monotonicOnly || MONOTONIC_KINDS.has(metric.kind)) acc.addMetric(id, metric);
  }

  private scopes(metrics: Snapshot, endTime: HrTime): ScopeMetrics[] {
    const byScope = new Map<string, ScopeMetrics>();
    for (const metric of metrics.values()) {
      const scopeKey = metricId(metric.scope, '');
      let scope = byScope.get(scopeKey);
      if (scope === undefined) byScope.set(scopeKey, (scope = { scope: metric.scope, metrics: [] }));
      const dataPoints = [];
      for (const series of metric.series.values()) dataPoints.push({ startTime: this.startTime, endTime, attributes: series.attributes, value: series.value });
      scope.metrics.push({
        descriptor: metric.descriptor,
        aggregationTemporality: AggregationTemporality.CUMULATIVE,
        dataPointType: POINT_TYPES[metric.kind],
        isMonotonic: metric.kind === 'counter',
        dataPoints,
      } as MetricData);
    }
    return [...byScope.values()];
  }

  private report(acc: Accumulator): void {
    for (const [key, message] of acc.problems()) reportProblem(`cluster ${key.slice(0, key.indexOf(' '))}`, message);
    const overflowed = this.limits.overflowed();
    if (overflowed > 0 && !this.reportedOverflow) {
      this.reportedOverflow = true;
      reportProblem(
        'cluster label caps',
        `label values past labelLimits across all processes are merged into '_other' series in the aggregate (and series past ${AGGREGATE_CARDINALITY_LIMIT} per metric of other scopes into otel.metric.overflow=true); raise labelLimits to keep them apart`,
      );
    }
  }
}
