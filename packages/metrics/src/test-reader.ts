// Test support only (not exported): collects what a MeterProvider recorded, keyed for assertions.
import { AggregationTemporality, MeterProvider, MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';

export class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}

  /** `name{k="v",…}` → value (sums) or `{ count, sum }` (histograms). */
  async snapshot(): Promise<Map<string, number | { count: number; sum: number }>> {
    const { resourceMetrics } = await this.collect();
    const out = new Map<string, number | { count: number; sum: number }>();
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        for (const point of metric.dataPoints as DataPoint<number | Histogram>[]) {
          const labels = Object.entries(point.attributes).map(([k, v]) => `${k}="${String(v)}"`).join(',');
          const key = labels ? `${metric.descriptor.name}{${labels}}` : metric.descriptor.name;
          const value = point.value;
          out.set(key, typeof value === 'number' ? value : { count: value.count, sum: value.sum ?? 0 });
        }
      }
    }
    return out;
  }
}

export function testProvider(): { provider: MeterProvider; reader: TestReader } {
  const reader = new TestReader();
  return { provider: new MeterProvider({ readers: [reader] }), reader };
}
