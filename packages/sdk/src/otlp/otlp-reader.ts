import { ConsoleMetricExporter, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { withCounterProducer } from '@promptkit/meter-provider';
import { maskUrl } from '../redact.js';
import type { ResolvedOtlp } from '../resolve.js';
import { grpcMetadata, loadExporter } from './load-exporter.js';
import { ReportingExporter } from './reporting-exporter.js';

// The exporters' AggregationTemporalityPreference enum (@opentelemetry/exporter-metrics-otlp-http),
// by value, so that choosing one needs no import of an exporter package that may not be installed.
const TEMPORALITY_PREFERENCE = { delta: 0, cumulative: 1, lowmemory: 2 } as const;

/**
 * The push reader for OTLP, with a slot for PromptKit's counters (read in the exporter's
 * temporality). The exporter package of the chosen protocol is loaded now, and only that one.
 */
export async function createOtlpReader(otlp: ResolvedOtlp): Promise<MetricReader> {
  const Exporter = await loadExporter(otlp.protocol);
  const config: Record<string, unknown> = {
    url: otlp.url,
    timeoutMillis: otlp.exporterTimeoutMs,
    temporalityPreference: TEMPORALITY_PREFERENCE[otlp.temporality],
  };
  if (otlp.compression !== undefined) config.compression = otlp.compression;
  if (otlp.protocol === 'grpc') config.metadata = grpcMetadata(otlp.headers);
  else config.headers = otlp.headers;
  const exporter = new ReportingExporter(new Exporter(config), `${maskUrl(otlp.url)} (${otlp.protocol})`, otlp.timeoutMs);
  return withCounterProducer(
    (metricProducers) =>
      new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: otlp.intervalMs, exportTimeoutMillis: otlp.timeoutMs, metricProducers }),
  );
}

/** OpenTelemetry's console exporter (`OTEL_METRICS_EXPORTER=console`), for local debugging. */
export function createConsoleReader(intervalMs: number): MetricReader {
  return withCounterProducer(
    (metricProducers) =>
      new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: intervalMs, exportTimeoutMillis: Math.min(30_000, intervalMs), metricProducers }),
  );
}
