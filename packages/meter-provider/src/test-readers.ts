// Test support only (not built): readers with OpenTelemetry's own temporality selectors, and a flat
// view of what they collect.
import type { AggregationTemporalitySelector } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType, MetricReader, type MetricProducer } from '@opentelemetry/sdk-metrics';
import { CumulativeTemporalitySelector, DeltaTemporalitySelector, LowMemoryTemporalitySelector } from '@opentelemetry/exporter-metrics-otlp-http';
import { hrTimeToMs } from './compat.js';

export const SELECTORS: Record<'cumulative' | 'delta' | 'lowmemory', AggregationTemporalitySelector> = {
  cumulative: CumulativeTemporalitySelector,
  delta: DeltaTemporalitySelector,
  lowmemory: LowMemoryTemporalitySelector,
};

export class SelectorReader extends MetricReader {
  constructor(selector: AggregationTemporalitySelector, metricProducers: MetricProducer[] = []) {
    super({ aggregationTemporalitySelector: selector, metricProducers });
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface FlatPoint {
  metric: string;
  attributes: string;
  value: number;
  temporality: 'cumulative' | 'delta';
  monotonic: boolean;
  startMs: number;
  endMs: number;
}

/** One collection's sum points by scope, sorted, for point-by-point comparison. */
export async function sumPoints(reader: MetricReader): Promise<Map<string, FlatPoint[]>> {
  const { resourceMetrics } = await reader.collect();
  const byScope = new Map<string, FlatPoint[]>();
  for (const s of resourceMetrics.scopeMetrics) {
    const out = byScope.get(s.scope.name) ?? [];
    byScope.set(s.scope.name, out);
    for (const m of s.metrics) {
      if (m.dataPointType !== DataPointType.SUM) continue;
      for (const p of m.dataPoints) {
        out.push({
          metric: m.descriptor.name,
          attributes: JSON.stringify(Object.entries(p.attributes).sort()),
          value: p.value,
          temporality: m.aggregationTemporality === AggregationTemporality.DELTA ? 'delta' : 'cumulative',
          monotonic: m.isMonotonic,
          startMs: hrTimeToMs(p.startTime),
          endMs: hrTimeToMs(p.endTime),
        });
      }
    }
  }
  for (const points of byScope.values()) points.sort((a, b) => `${a.metric}${a.attributes}`.localeCompare(`${b.metric}${b.attributes}`));
  return byScope;
}
