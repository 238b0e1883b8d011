import type { AttributeValue, MeterProvider as MeterProviderApi } from '@opentelemetry/api';
import type { ViewOptions } from '@opentelemetry/sdk-metrics';
import type { HistogramMode } from '@promptkit/meter-provider';
import type { ExemplarFilter, LabelLimits, PriceSource } from '@promptkit/metrics';
import type { ModelPrice, Pricing } from '@promptkit/pricing';
import type { PrometheusExporterOptions } from '@promptkit/prometheus';

export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

/**
 * How pushes report sums: `cumulative` (Prometheus-compatible stores need it), `delta`, or
 * `lowmemory` (delta for counters and histograms, cumulative for up-down counters), as the
 * OpenTelemetry specification defines them.
 */
export type OtlpTemporality = 'cumulative' | 'delta' | 'lowmemory';
export const OTLP_TEMPORALITIES: readonly OtlpTemporality[] = ['cumulative', 'delta', 'lowmemory'];

export interface OtlpOptions {
  /** Base endpoint, e.g. `http://localhost:4318`; `/v1/metrics` is appended for HTTP protocols. */
  endpoint?: string;
  /** Default `http/protobuf`. */
  protocol?: OtlpProtocol;
  /** Extra request headers (gRPC metadata for `grpc`), e.g. an API key. */
  headers?: Record<string, string>;
  /** Milliseconds between pushes. Default 60 000. */
  intervalMs?: number;
  /** Milliseconds one push may take, retries included; 0 for no limit of its own (the interval). Default 30 000 (at most the interval). */
  timeoutMs?: number;
  /** Default `cumulative`, which Prometheus-compatible backends need. */
  temporality?: OtlpTemporality;
  /** Compress pushes. Default none (`OTEL_EXPORTER_OTLP_COMPRESSION` may set gzip). */
  compression?: 'gzip' | 'none';
}

/**
 * How the processes of one service share one set of metrics: `primary` (Node's `cluster` module;
 * startMetrics() runs in the primary and in every worker, and the primary serves them all) or
 * `peers` (the processes elect one among themselves that serves them all; for PM2's cluster mode
 * and `worker_threads` pools, where the primary runs no code of yours).
 */
export type ClusterMode = 'primary' | 'peers';
export const CLUSTER_MODES: readonly ClusterMode[] = ['primary', 'peers'];

export interface ClusterOptions {
  /** Default `primary`. */
  mode?: ClusterMode;
  /**
   * Milliseconds the serving process waits for another process's collection before it serves that
   * process's last one instead. Default 1000 (the Prometheus exporter's own collection bound is 5000).
   */
  answerTimeoutMs?: number;
  /**
   * `peers` only: the loopback port (on 127.0.0.1) the peers elect their leader on and report over.
   * Default: the Prometheus port + 1; required when the Prometheus port is 0 or not served.
   */
  peerPort?: number;
}

/** `startMetrics({ pricing })`: prices (USD per million tokens) by model id, over the price database's. */
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
  /** A Go-style address (`':9090'`), a port number, options, or `false`. */
  prometheus?: string | number | PrometheusExporterOptions | false;
  /** A base endpoint, options, or `false`. */
  otlp?: string | OtlpOptions | false;
  /** Caps on distinct values per label (model, provider, tool…); values past a cap become `_other`. */
  labelLimits?: LabelLimits;
  /**
   * Prices for calls that report tokens but no cost. Default: the offline price database
   * `@pydantic/genai-prices` (`PRICE_DATA_VERSION`, prices of `PRICE_DATA_AS_OF`; loaded on the
   * first call that needs it). Model prices or `{ file }` win over it, a `Pricing` (or any
   * PriceSource) replaces it, `false` computes no cost at all. An event's own cost always wins.
   */
  pricing?: PricingOverrides | Pricing | PriceSource | false;
  /**
   * `'gen_ai'`: also emit the OpenTelemetry GenAI client metrics. Default: on when
   * `OTEL_SEMCONV_STABILITY_OPT_IN` lists `gen_ai_latest_experimental`, else off.
   */
  semconv?: 'gen_ai' | false;
  /**
   * Which measurements keep an exemplar (the trace and span ids served with OpenMetrics and protobuf
   * scrapes): `trace_based` (default) those made inside a sampled span, `always_off` none. Default
   * from `OTEL_METRICS_EXEMPLAR_FILTER`.
   */
  exemplarFilter?: ExemplarFilter;
  /** Register the MeterProvider as the global one (for `record*` and other instrumentation). Default true. */
  registerGlobal?: boolean;
  /**
   * A MeterProvider the application already has (NodeSDK's, or its own): PromptKit records into it
   * and its readers serve and push PromptKit's metrics. No provider, server or push is built:
   * `prometheus` or `otlp` given beside it is a ConfigError (add a reader to your provider instead).
   */
  meterProvider?: MeterProviderApi;
  /**
   * How PromptKit's histograms are aggregated: `classic` (the catalog's buckets; default), `native`
   * (exponential: native histograms for Prometheus, exponential histograms over OTLP) or `both`.
   * Also `PROMPTKIT_HISTOGRAMS`.
   */
  histograms?: HistogramMode;
  /** Most buckets a native (exponential) histogram keeps. Default 160. */
  nativeHistogramMaxBuckets?: number;
  /** Views of the application's, applied after PromptKit's on the MeterProvider PromptKit builds. */
  views?: ViewOptions[];
  /**
   * Flush and close on SIGTERM and SIGINT, then let the process end as Node would. Default false
   * (the application's own handlers decide).
   */
  shutdownOnSignals?: boolean;
  /**
   * Several processes, one set of metrics: `true` (or `'primary'`) for Node's `cluster` module, with
   * startMetrics() called the same way in the primary and in every worker; `'peers'` where the
   * primary runs no code of yours (PM2's cluster mode, `worker_threads`). Counters and histograms
   * are summed over every process, and a process that exits keeps its totals. Also
   * `PROMPTKIT_CLUSTER` (`true`, `primary`, `peers`, `false`). Default off.
   */
  cluster?: boolean | ClusterMode | ClusterOptions;
}

