import type { AttributeValue } from '@opentelemetry/api';
import type { LabelLimits, ModelPrice, Pricing } from '@promptkit/metrics';
import type { PrometheusExporterOptions } from '@promptkit/prometheus';

export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

export interface OtlpOptions {
  /** Base endpoint, e.g. `http://localhost:4318`; `/v1/metrics` is appended for HTTP protocols. */
  endpoint?: string;
  /** Default `http/protobuf`. */
  protocol?: OtlpProtocol;
  /** Extra request headers (gRPC metadata for `grpc`), e.g. an API key. */
  headers?: Record<string, string>;
  /** Milliseconds between pushes. Default 60 000. */
  intervalMs?: number;
  /** Milliseconds one push may take, retries included. Default 30 000 (at most the interval). */
  timeoutMs?: number;
  /** Default `cumulative`, which Prometheus-compatible backends need. */
  temporality?: 'cumulative' | 'delta';
}

/** `startMetrics({ pricing })`: prices (USD per million tokens) by model id, over the bundled ones. */
export interface PricingOverrides {
  /** A JSON file of the same shape, read once at startup; prices given here in code win over it. */
  file?: string;
  [model: string]: ModelPrice | null | string | undefined;
}

export interface StartMetricsOptions {
  /** `service.name`; also settable through `resource`. */
  serviceName?: string;
  /** `service.version`. */
  serviceVersion?: string;
  /** More resource attributes, sent with every OTLP push. */
  resource?: Record<string, AttributeValue>;
  /** `false` records nothing at all. Default true. */
  metrics?: boolean;
  /** A Go-style address (`':9090'`), options, or `false`. */
  prometheus?: string | PrometheusExporterOptions | false;
  /** A base endpoint, options, or `false`. */
  otlp?: string | OtlpOptions | false;
  /** Caps on distinct values per label (model, provider, tool…); values past a cap become `_other`. */
  labelLimits?: LabelLimits;
  /**
   * Prices for calls that report tokens but no cost. Default: the bundled list prices
   * (`PRICES_AS_OF`). Model prices or `{ file }` add to and override them, a `Pricing` replaces
   * them, `false` computes no cost at all. An event's own cost always wins.
   */
  pricing?: PricingOverrides | Pricing | false;
  /**
   * `'gen_ai'`: also emit the OpenTelemetry GenAI client metrics. Default: on when
   * `OTEL_SEMCONV_STABILITY_OPT_IN` lists `gen_ai_latest_experimental`, else off.
   */
  semconv?: 'gen_ai' | false;
  /** Register the MeterProvider as the global one (for `record*` and other instrumentation). Default true. */
  registerGlobal?: boolean;
  /** Environment to read `OTEL_*` variables from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * The seed's fluent pipeline configuration:
 * `defaultPipelineConfig().withMetrics(true).withPrometheusExporter(':9090')`.
 * Builders return a new config, so a shared base can be specialised safely.
 */
export class PipelineConfig {
  constructor(readonly options: Readonly<StartMetricsOptions> = {}) {}

  withMetrics(enabled: boolean): PipelineConfig {
    return new PipelineConfig({ ...this.options, metrics: enabled });
  }

  withPrometheusExporter(address: string | PrometheusExporterOptions): PipelineConfig {
    return new PipelineConfig({ ...this.options, prometheus: address });
  }

  withOtlpExporter(endpoint: string, options: Omit<OtlpOptions, 'endpoint'> = {}): PipelineConfig {
    return new PipelineConfig({ ...this.options, otlp: { ...options, endpoint } });
  }

  withServiceName(serviceName: string): PipelineConfig {
    return new PipelineConfig({ ...this.options, serviceName });
  }

  withResource(resource: Record<string, AttributeValue>): PipelineConfig {
    return new PipelineConfig({ ...this.options, resource: { ...this.options.resource, ...resource } });
  }
}

/** A config with metrics on and no exporter chosen yet (the environment, then defaults, decide). */
export function defaultPipelineConfig(): PipelineConfig {
  return new PipelineConfig({ metrics: true });
}
