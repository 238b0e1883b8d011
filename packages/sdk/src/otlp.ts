import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter as HttpJsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPMetricExporter as GrpcExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import {
  AggregationTemporality,
  PeriodicExportingMetricReader,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { Metadata } from '@grpc/grpc-js';
import { mergeScopes, withCounterProducer } from '@promptkit/meter-provider';
import type { ResolvedOtlp } from './resolve.js';

const REPORT_EVERY_MS = 60_000;

/**
 * Wraps an OTLP exporter so that failures say where and why, at most once a minute (with a count
 * of the failures in between), and so that a recovery is reported too.
 */
export class ReportingExporter implements PushMetricExporter {
  private failuresSinceReport = 0;
  private lastReport = -Infinity;
  private failing = false;

  constructor(
    private readonly inner: PushMetricExporter,
    private readonly target: string,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    const done = (result: ExportResult) => {
      if (result.code === ExportResultCode.SUCCESS) this.succeeded();
      else this.failed(result.error);
      resultCallback(result);
    };
    try {
      this.inner.export(mergeScopes(metrics), done);
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.inner.selectAggregationTemporality?.(instrumentType) ?? AggregationTemporality.CUMULATIVE;
  }

  private failed(error: Error | undefined): void {
    this.failing = true;
    this.failuresSinceReport++;
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    const count = this.failuresSinceReport;
    this.failuresSinceReport = 0;
    this.lastReport = now;
    diag.warn(
      `promptkit: OTLP metrics push to ${this.target} failed: ${error?.message ?? 'unknown error'}` +
        (count > 1 ? ` (${count} failed pushes since the last report)` : '') +
        '; cumulative totals will be complete once a push succeeds',
    );
  }

  private succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.failuresSinceReport = 0;
    this.lastReport = -Infinity;
    diag.info(`promptkit: OTLP metrics push to ${this.target} succeeds again`);
  }
}

export function createOtlpExporter(otlp: ResolvedOtlp): PushMetricExporter {
  const temporalityPreference = otlp.temporality === 'delta' ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
  const common = { url: otlp.url, timeoutMillis: otlp.timeoutMs, temporalityPreference };
  switch (otlp.protocol) {
    case 'http/protobuf':
      return new ProtobufExporter({ ...common, headers: otlp.headers });
    case 'http/json':
      return new HttpJsonExporter({ ...common, headers: otlp.headers });
    case 'grpc': {
      const metadata = new Metadata();
      for (const [key, value] of Object.entries(otlp.headers)) metadata.set(key, value);
      return new GrpcExporter({ ...common, metadata });
    }
  }
}

/** The push reader, with a slot for PromptKit's counters (read in the exporter's temporality). */
export function createOtlpReader(otlp: ResolvedOtlp): PeriodicExportingMetricReader {
  return withCounterProducer(
    (metricProducers) =>
      new PeriodicExportingMetricReader({
        exporter: new ReportingExporter(createOtlpExporter(otlp), `${otlp.url} (${otlp.protocol})`),
        exportIntervalMillis: otlp.intervalMs,
        exportTimeoutMillis: otlp.timeoutMs,
        metricProducers,
      }),
  );
}
