// Histograms recorded both ways (`histograms: 'both'`) arrive as two metrics: the classic one under
// the instrument's name and the exponential one under `<name>:native` (OpenTelemetry merges two Views
// of one instrument that share a name). Prometheus wants one histogram with both kinds of buckets, so
// the native stream's points are attached to the classic points of the same attributes.
import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type ExponentialHistogram, type MetricData, type ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { NATIVE_STREAM_SUFFIX } from '@promptkit/meter-provider';

export interface NativeStreams {
  /** Native streams that were attached to their classic metric, and so are not families of their own. */
  readonly attached: ReadonlySet<MetricData>;
  /** The exponential value for a classic point's attributes, or undefined. */
  exponentialOf(classic: MetricData, attributes: Attributes): ExponentialHistogram | undefined;
}

function attributesKey(attributes: Attributes): string {
  return JSON.stringify(Object.keys(attributes).sort().map((k) => [k, attributes[k]]));
}

interface Pairing {
  byObject: Map<Attributes, ExponentialHistogram>;
  byKey: Map<string, ExponentialHistogram> | undefined;
  points: readonly { attributes: Attributes; value: ExponentialHistogram }[];
}

const NONE: NativeStreams = { attached: new Set(), exponentialOf: () => undefined };

/** Pairs the `:native` streams of the given scopes (PromptKit's) with their classic metrics. */
export function pairNativeStreams(scopeMetrics: readonly ScopeMetrics[], scopes: ReadonlySet<string> | undefined): NativeStreams {
  const pairs = new Map<MetricData, Pairing>();
  const attached = new Set<MetricData>();
  for (const { scope, metrics } of scopeMetrics) {
    if (scopes?.has(scope.name) !== true) continue;
    const byName = new Map(metrics.map((m) => [m.descriptor.name, m]));
    for (const metric of metrics) {
      const name = metric.descriptor.name;
      if (!name.endsWith(NATIVE_STREAM_SUFFIX) || metric.dataPointType !== DataPointType.EXPONENTIAL_HISTOGRAM) continue;
      const classic = byName.get(name.slice(0, -NATIVE_STREAM_SUFFIX.length));
      if (classic?.dataPointType !== DataPointType.HISTOGRAM) continue;
      const points = metric.dataPoints;
      pairs.set(classic, { byObject: new Map(points.map((p) => [p.attributes, p.value])), byKey: undefined, points });
      attached.add(metric);
    }
  }
  if (pairs.size === 0) return NONE;
  return {
    attached,
    exponentialOf(classic, attributes) {
      const pairing = pairs.get(classic);
      if (pairing === undefined) return undefined;
      // Both streams are usually keyed by the very attributes object PromptKit recorded with.
      const same = pairing.byObject.get(attributes);
      if (same !== undefined) return same;
      pairing.byKey ??= new Map(pairing.points.map((p) => [attributesKey(p.attributes), p.value]));
      return pairing.byKey.get(attributesKey(attributes));
    },
  };
}
