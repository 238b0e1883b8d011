// Test support only (not built): stand-ins for the processes of a cluster, each a real MeterProvider
// with a cumulative reader, whose collections travel through JSON as they would between processes.
import type { Meter } from '@opentelemetry/api';
import { AggregationType, DataPointType, MeterProvider, type ResourceMetrics, type ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { SELECTORS, SelectorReader } from '../test-readers.js';
import { fromWire } from './wire-read.js';
import { toWire } from './wire.js';

export const EXPONENTIAL = 'work_latency_exponential';

export class FakeProcess {
  readonly reader = new SelectorReader(SELECTORS.cumulative);
  readonly provider = new MeterProvider({
    readers: [this.reader],
    views: [{ instrumentName: EXPONENTIAL, aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 160, recordMinMax: true } } }],
  });
  readonly meter: Meter = this.provider.getMeter('app');

  async collect(): Promise<ResourceMetrics> {
    return (await this.reader.collect()).resourceMetrics;
  }

  /** The collection as another process receives it: through the wire format and JSON. */
  async overTheWire(): Promise<ScopeMetrics[]> {
    const json = JSON.stringify(toWire((await this.collect()).scopeMetrics));
    return fromWire(JSON.parse(json))!;
  }
}

/** Every point of a collection as `metric{attributes}` → value, numbers for sums and gauges. */
export function pointsOf(resourceMetrics: ResourceMetrics): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      for (const point of metric.dataPoints) {
        const attributes = JSON.stringify(Object.entries(point.attributes).sort(([a], [b]) => a.localeCompare(b)));
        out.set(`${metric.descriptor.name}${attributes}`, point.value);
      }
    }
  }
  return out;
}

/** The data point types of a collection by metric name. */
export function typesOf(resourceMetrics: ResourceMetrics): Map<string, DataPointType> {
  return new Map(resourceMetrics.scopeMetrics.flatMap((s) => s.metrics.map((m) => [m.descriptor.name, m.dataPointType] as const)));
}
