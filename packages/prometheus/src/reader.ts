import { AggregationTemporality, MetricReader, type MetricProducer } from '@opentelemetry/sdk-metrics';

/**
 * A pull reader: it collects only when scraped. Prometheus needs cumulative values for every
 * instrument, whatever other readers on the same MeterProvider choose.
 */
export class PrometheusReader extends MetricReader {
  constructor(metricProducers: MetricProducer[] = []) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE, metricProducers });
  }

  protected override async onForceFlush(): Promise<void> {
    // Nothing is buffered: every scrape collects afresh.
  }

  protected override async onShutdown(): Promise<void> {
    // The HTTP server belongs to the exporter, which closes it.
  }
}
