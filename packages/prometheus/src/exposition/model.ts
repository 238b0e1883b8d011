// One scrape's metrics as Prometheus families, valid whatever the instruments on the provider: names
// translated as Prometheus does, labels sanitised and merged, and every family name and series
// unique. Each exposition format renders this model.
import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type DataPoint, type ExponentialHistogram, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ExemplarSlot } from '@promptkit/metrics/internal';
import { labelPairs, type LabelRepairs } from './label-names.js';
import { metricName, unitName, type NamingType } from './metric-names.js';
import type { NativeHistogram } from './native-histogram.js';
import { pairNativeStreams, type NativeStreams } from './native-streams.js';
import { RESERVED, seriesOf } from './series-values.js';

export type FamilyType = 'counter' | 'gauge' | 'histogram';

/** Explicit-bucket counts: `counts[i]` observations in (boundaries[i-1], boundaries[i]], the last above all. */
export interface ClassicBuckets {
  readonly boundaries: readonly number[];
  readonly counts: readonly number[];
}

export interface HistogramValue {
  readonly count: number;
  /** Absent when the instrument recorded negative values (OpenTelemetry then reports no sum). */
  readonly sum: number | undefined;
  readonly classic: ClassicBuckets | undefined;
  /** OpenTelemetry's exponential buckets, for native histograms. */
  readonly exponential: ExponentialHistogram | undefined;
  /** The exponential buckets as a Prometheus native histogram, when they have a form Prometheus accepts. */
  readonly native?: NativeHistogram | undefined;
}

export interface Series {
  readonly labels: readonly (readonly [string, string])[];
  /** The start of the cumulative series, ms since the epoch (OpenMetrics `_created`). */
  readonly startMs: number;
  readonly value: number | HistogramValue;
  /** Exemplars kept for this series (counters and histograms recorded inside a sampled span). */
  readonly exemplars?: ExemplarSlot | undefined;
}

export interface Family {
  readonly name: string;
  readonly type: FamilyType;
  readonly help: string;
  /** The unit's words (`seconds`), or '' when there is none. */
  readonly unit: string;
  readonly series: Series[];
}

/** A repair or drop, reported once per instrument by the caller. */
export interface Problem {
  /** Names the instrument and its scope, so one report per instrument is possible. */
  readonly key: string;
  readonly message: string;
}

export interface ModelOptions {
  /** `otel_scope_name`/`otel_scope_version` on every series (they are added anyway where two scopes share a name). */
  withScopeLabels?: boolean;
  /** Scopes whose families no other scope may write into (PromptKit's own). */
  protectedScopes?: ReadonlySet<string>;
  /** Family names that belong to a scope whether or not it has data in this collection (PromptKit's catalog), by name. */
  reservedNames?: ReadonlyMap<string, string>;
  /** Resource attributes for a `target_info` family (served first; no metric may take its name). */
  targetInfo?: Attributes;
}


interface Contribution {
  scopeName: string;
  scopeVersion: string;
  metric: MetricData;
  type: FamilyType;
}

function familyType(metric: MetricData): [FamilyType, NamingType] | undefined {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? ['counter', 'counter'] : ['gauge', 'updowncounter'];
    case DataPointType.GAUGE:
      return ['gauge', 'gauge'];
    case DataPointType.HISTOGRAM:
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      return ['histogram', 'histogram'];
    default:
      return undefined;
  }
}

/** Groups every metric by family name and decides which contributions may share a family. */
function group(resourceMetrics: ResourceMetrics, streams: NativeStreams, options: ModelOptions, problems: Problem[]): Map<string, Contribution[]> {
  const families = new Map<string, Contribution[]>();
  for (const { scope, metrics } of resourceMetrics.scopeMetrics) {
    for (const metric of metrics) {
      if (streams.attached.has(metric)) continue;
      const types = familyType(metric);
      if (types === undefined) continue;
      const name = metricName(metric.descriptor.name, metric.descriptor.unit, types[1]);
      if (name === '') {
        problems.push({ key: `${scope.name} ${metric.descriptor.name}`, message: `metric '${metric.descriptor.name}' of scope '${scope.name}' has no usable Prometheus name and is not served` });
        continue;
      }
      const contribution = { scopeName: scope.name, scopeVersion: scope.version ?? '', metric, type: types[0] };
      const list = families.get(name);
      if (list === undefined) families.set(name, [contribution]);
      else list.push(contribution);
    }
  }
  for (const [name, list] of families) if (list.length > 1 || options.reservedNames?.has(name) === true) families.set(name, admit(name, list, options, problems));
  separateHistogramSamples(families, options, problems);
  return families;
}

function notServed(c: Contribution, why: string): Problem {
  return { key: `${c.scopeName} ${c.metric.descriptor.name}`, message: `metric '${c.metric.descriptor.name}' of scope '${c.scopeName}' ${why}; it is not served` };
}

const HISTOGRAM_SAMPLES = ['_bucket', '_count', '_sum'];

/**
 * A family named like a histogram's samples (`h_bucket`, `h_count`, `h_sum`) would repeat the
 * histogram's series, and parsers that find a family by those suffixes (promtool, client_golang)
 * read its HELP as the histogram's second one and reject the scrape. The histogram stays, unless
 * only the other family is PromptKit's.
 */
function separateHistogramSamples(families: Map<string, Contribution[]>, options: ModelOptions, problems: Problem[]): void {
  const isProtected = (list: Contribution[]) => list.some((c) => options.protectedScopes?.has(c.scopeName) === true);
  for (const [name, histogram] of families) {
    if (histogram[0]?.type !== 'histogram') continue;
    for (const suffix of HISTOGRAM_SAMPLES) {
      const other = families.get(`${name}${suffix}`);
      if (other === undefined) continue;
      if (isProtected(other) && !isProtected(histogram)) {
        for (const c of histogram) problems.push(notServed(c, `would name its samples like family ${name}${suffix}`));
        families.delete(name);
        break;
      }
      for (const c of other) problems.push(notServed(c, `would write into the samples of histogram ${name}`));
      families.delete(`${name}${suffix}`);
    }
  }
}

/** Which of several metrics with one Prometheus name are served; the others are reported. */
function admit(name: string, list: Contribution[], options: ModelOptions, problems: Problem[]): Contribution[] {
  // A reserved name is its scope's even in a collection where that scope recorded nothing into it,
  // so another scope's metric is never served under it for a while and then replaced.
  const ownerScope = options.reservedNames?.get(name) ?? list.find((c) => options.protectedScopes?.has(c.scopeName))?.scopeName;
  const type = (list.find((c) => c.scopeName === ownerScope) ?? list[0]!).type;
  const admitted: Contribution[] = [];
  for (const c of list) {
    const why =
      ownerScope !== undefined && c.scopeName !== ownerScope
        ? `would write into PromptKit's family ${name}`
        : c.type !== type
          ? `would make ${name} both a ${type} and a ${c.type}`
          : admitted.some((a) => a.scopeName === c.scopeName)
            ? `has the same Prometheus name (${name}) as another metric of its scope`
            : undefined;
    if (why === undefined) admitted.push(c);
    else problems.push(notServed(c, why));
  }
  return admitted;
}

/**
 * The families of one collection. Metrics of different scopes with one name share a family, told
 * apart by scope labels; a metric that would change a family's type, write into a protected scope's
 * family, or repeat a name within its scope is left out; every repair is listed in `problems`.
 */
export function buildFamilies(resourceMetrics: ResourceMetrics, options: ModelOptions = {}, problems: Problem[] = []): Family[] {
  const out: Family[] = [];
  const streams = pairNativeStreams(resourceMetrics.scopeMetrics, options.protectedScopes);
  const grouped = group(resourceMetrics, streams, options, problems);
  let target: Family | undefined;
  if (options.targetInfo !== undefined) {
    const repairs: LabelRepairs = { merged: [], dropped: [], renamed: [], duplicates: 0 };
    const labels = labelPairs(options.targetInfo, [], RESERVED, repairs);
    target = { name: 'target_info', type: 'gauge', help: 'Target metadata', unit: '', series: [{ labels, startMs: 0, value: 1 }] };
    for (const c of grouped.get('target_info') ?? []) problems.push(notServed(c, 'would write into target_info'));
    grouped.delete('target_info');
  }
  for (const [name, contributions] of grouped) {
    const first = contributions[0]!;
    const withScope = options.withScopeLabels === true || contributions.length > 1;
    const series: Series[] = [];
    const seen = new Set<string>();
    for (const contribution of contributions) {
      const scopeLabels = withScope
        ? ([['otel_scope_name', contribution.scopeName], ['otel_scope_version', contribution.scopeVersion]] as const)
        : [];
      const repairs: LabelRepairs = { merged: [], dropped: [], renamed: [], duplicates: 0 };
      const context = { metric: contribution.metric, scopeLabels, repairs, streams, nativeProblems: new Set<string>() };
      const start = series.length;
      for (const point of contribution.metric.dataPoints as DataPoint<unknown>[]) series.push(seriesOf(point, context));
      // Distinct data points have distinct attributes, so label sets that copy them cannot repeat.
      // Repaired labels, values that print alike (1 and '1'), or a second scope in the family can:
      // then the first series stands.
      if (repairs.lossy === true || start > 0) {
        let kept = start;
        for (let i = start; i < series.length; i++) {
          const s = series[i]!;
          const identity = s.labels.map(([k, v]) => `${k}\u0000${v}`).join('\u0001');
          if (seen.has(identity)) {
            repairs.duplicates++;
            continue;
          }
          seen.add(identity);
          series[kept++] = s;
        }
        series.length = kept;
      }
      const fixes = [
        repairs.merged.length > 0 ? `merged attributes ${[...new Set(repairs.merged)].join(', ')} into labels they share a name with` : '',
        repairs.dropped.length > 0 ? `dropped attributes with no usable label name (${[...new Set(repairs.dropped)].map((k) => JSON.stringify(k)).join(', ')})` : '',
        repairs.renamed.length > 0 ? `renamed attributes ${[...new Set(repairs.renamed)].join(', ')} that collide with reserved labels to key_…` : '',
        repairs.duplicates > 0 ? `left out ${repairs.duplicates} series whose labels repeat another series' once written` : '',
        ...context.nativeProblems,
      ].filter((f) => f !== '');
      if (fixes.length > 0) {
        const key = `${contribution.scopeName} ${contribution.metric.descriptor.name}`;
        problems.push({ key, message: `metric '${contribution.metric.descriptor.name}' of scope '${contribution.scopeName}': ${fixes.join('; ')}` });
      }
    }
    if (series.length === 0) continue;
    out.push({ name, type: first.type, help: first.metric.descriptor.description, unit: unitName(first.metric.descriptor.unit), series });
  }
  // Prometheus does not care about order; a stable one makes two scrapes of the same data identical.
  out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return target === undefined ? out : [target, ...out];
}
