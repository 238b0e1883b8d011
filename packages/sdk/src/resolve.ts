import type { AttributeValue, MeterProvider as MeterProviderApi } from '@opentelemetry/api';
import type { ViewOptions } from '@opentelemetry/sdk-metrics';
import { reportProblem } from '@promptkit/events/adapter';
import { ConfigError, DEFAULT_NATIVE_MAX_BUCKETS, type HistogramMode } from '@promptkit/meter-provider';
import { GEN_AI_OPT_IN, type ExemplarFilter, type LabelLimits, type PriceSource } from '@promptkit/metrics';
import { resolveExporterOptions, type ResolvedExporterOptions } from '@promptkit/prometheus/internal';
import { checkOtlp, checkStartOptions } from './check-options.js';
import { envExemplarFilter, envHistograms, envMetricsExporters, envOtlp, envPrometheus, envSdkDisabled, envSemconvOptIn, type MetricsExporterName } from './environment.js';
import type { OtlpProtocol, OtlpTemporality, StartMetricsOptions } from './options.js';
import { resolveCluster, type ResolvedCluster } from './cluster/resolve-cluster.js';
import { resolvePricing } from './pricing-option.js';

export interface ResolvedOtlp {
  /** Full URL: `…/v1/metrics` for HTTP, the base URL for gRPC. */
  url: string;
  protocol: OtlpProtocol;
  headers: Record<string, string>;
  intervalMs: number;
  /** How long one push may take, retries included (the reader's export timeout). */
  timeoutMs: number;
  /** How long one request to the receiver may take (the exporter's own timeout). */
  exporterTimeoutMs: number;
  temporality: OtlpTemporality;
  compression: 'gzip' | 'none' | undefined;
}

export interface ResolvedConfig {
  /** False with `metrics: false` or `OTEL_SDK_DISABLED=true`: nothing is recorded or served. */
  metrics: boolean;
  prometheus: ResolvedExporterOptions | undefined;
  otlp: ResolvedOtlp | undefined;
  /** OpenTelemetry's console exporter (`OTEL_METRICS_EXPORTER=console`), at this interval. */
  console: { intervalMs: number } | undefined;
  /** Attributes given in code; the environment's are detected when the resource is built. */
  resource: Record<string, AttributeValue>;
  registerGlobal: boolean;
  /** Prices for calls that report no cost; undefined with `pricing: false`. */
  pricing: PriceSource | undefined;
  /** `'gen_ai'` when the OpenTelemetry GenAI client metrics are emitted too. */
  semconv: 'gen_ai' | undefined;
  labelLimits: LabelLimits | undefined;
  meterProvider: MeterProviderApi | undefined;
  views: ViewOptions[];
  shutdownOnSignals: boolean;
  histograms: HistogramMode;
  exemplarFilter: ExemplarFilter;
  nativeHistogramMaxBuckets: number;
  /** Set when several processes share one set of metrics. */
  cluster: ResolvedCluster | undefined;
}

export const DEFAULT_INTERVAL_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** OpenTelemetry's default for one OTLP request. */
export const DEFAULT_EXPORTER_TIMEOUT_MS = 10_000;

function exporters(options: StartMetricsOptions): Set<MetricsExporterName> {
  // The application's own MeterProvider has its own readers: PromptKit adds none from the environment.
  if (options.meterProvider !== undefined) return new Set();
  const fromEnv = envMetricsExporters();
  const chosen = new Set<MetricsExporterName>(fromEnv ?? []);
  const codeChose = options.prometheus !== undefined || options.otlp !== undefined;
  // Without any choice in code or OTEL_METRICS_EXPORTER, PromptKit serves Prometheus on :9464.
  if (fromEnv === undefined && !codeChose) chosen.add('prometheus');
  if (options.prometheus !== undefined) {
    if (options.prometheus === false) chosen.delete('prometheus');
    else chosen.add('prometheus');
  }
  if (options.otlp !== undefined) {
    if (options.otlp === false) chosen.delete('otlp');
    else chosen.add('otlp');
  }
  return chosen;
}

/**
 * Settles every option: code, then the `OTEL_*` environment, then defaults. Options in code are
 * strict (a ConfigError names the bad one); the environment is lenient (a bad value is reported
 * through diag and the default is used), as the OpenTelemetry specification asks.
 */
export function resolveConfig(input: StartMetricsOptions): ResolvedConfig {
  const options = checkStartOptions(input);
  if (options.meterProvider !== undefined && ((options.prometheus !== undefined && options.prometheus !== false) || (options.otlp !== undefined && options.otlp !== false))) {
    throw new ConfigError(
      'prometheus and otlp cannot be combined with meterProvider: PromptKit records into your MeterProvider, and its readers serve and push. ' +
        "Add a Prometheus reader or an OTLP reader to it (for example NodeSDK's metricReaders)",
    );
  }
  const chosen = exporters(options);
  const otlpEnv = envOtlp();
  const prometheus = chosen.has('prometheus') ? resolvePrometheus(options.prometheus) : undefined;
  const otlp = chosen.has('otlp') ? resolveOtlp(options.otlp, otlpEnv) : undefined;
  return {
    metrics: options.metrics !== false && !envSdkDisabled(),
    prometheus,
    otlp,
    cluster: resolveCluster(options, prometheus, otlp),
    console: chosen.has('console') ? { intervalMs: otlpEnv.intervalMs ?? DEFAULT_INTERVAL_MS } : undefined,
    resource: resolveResource(options),
    registerGlobal: options.registerGlobal ?? true,
    pricing: resolvePricing(options.pricing),
    semconv: options.semconv === 'gen_ai' || (options.semconv === undefined && envSemconvOptIn().includes(GEN_AI_OPT_IN)) ? 'gen_ai' : undefined,
    labelLimits: options.labelLimits,
    meterProvider: options.meterProvider,
    views: options.views ?? [],
    shutdownOnSignals: options.shutdownOnSignals ?? false,
    histograms: options.histograms ?? envHistograms() ?? 'classic',
    exemplarFilter: options.exemplarFilter ?? envExemplarFilter() ?? 'trace_based',
    nativeHistogramMaxBuckets: options.nativeHistogramMaxBuckets ?? DEFAULT_NATIVE_MAX_BUCKETS,
  };
}

function resolvePrometheus(code: StartMetricsOptions['prometheus']): ResolvedExporterOptions {
  const resolved = resolveExporterOptions(code === false ? undefined : code, 'prometheus');
  const env = envPrometheus();
  const given = typeof code === 'object' ? code : typeof code === 'number' ? { port: code } : typeof code === 'string' ? { port: 0, host: '' } : {};
  // The environment fills only what code left open; ':9090' in code means every interface.
  return {
    ...resolved,
    host: 'host' in given ? resolved.host : env.host,
    port: given.port !== undefined ? resolved.port : (env.port ?? resolved.port),
    ownMeterProvider: false,
  };
}

/**
 * The OTLP/HTTP metrics URL of a base endpoint: `/v1/metrics` appended to its path (OpenTelemetry
 * exporter specification), the query and fragment kept where they are (`…/otlp?tenant=a` becomes
 * `…/otlp/v1/metrics?tenant=a`). A path that already ends in `/v1/metrics` is kept.
 */
export function metricsPath(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return base;
  }
  if (!/\/v1\/metrics\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/metrics`;
  return url.href;
}

function resolveOtlp(code: StartMetricsOptions['otlp'], env: ReturnType<typeof envOtlp>): ResolvedOtlp {
  const options = checkOtlp(code) ?? {};
  const protocol = options.protocol ?? env.protocol ?? 'http/protobuf';
  const http = protocol !== 'grpc';
  const withPath = (base: string) => (http ? metricsPath(base) : base);
  let url: string;
  if (options.endpoint !== undefined) url = withPath(options.endpoint);
  else if (env.endpoint !== undefined) url = env.endpointIsFull ? env.endpoint : withPath(env.endpoint);
  else url = http ? 'http://localhost:4318/v1/metrics' : 'http://localhost:4317';
  const intervalMs = options.intervalMs ?? env.intervalMs ?? DEFAULT_INTERVAL_MS;
  // 0 means no limit of its own: a push may take up to the interval, the most OpenTelemetry's reader allows.
  let timeoutMs = options.timeoutMs ?? env.timeoutMs ?? Math.min(DEFAULT_TIMEOUT_MS, intervalMs);
  if (timeoutMs > intervalMs) {
    reportProblem('env timeout', `the OTLP export timeout (${timeoutMs} ms) is longer than the export interval (${intervalMs} ms); the interval is used`);
  }
  if (timeoutMs === 0 || timeoutMs > intervalMs) timeoutMs = intervalMs;
  const exporterTimeout = env.exporterTimeoutMs ?? DEFAULT_EXPORTER_TIMEOUT_MS;
  return {
    url,
    protocol,
    headers: { ...env.headers, ...options.headers },
    intervalMs,
    timeoutMs,
    exporterTimeoutMs: exporterTimeout === 0 ? timeoutMs : Math.min(exporterTimeout, timeoutMs),
    temporality: options.temporality ?? env.temporality ?? 'cumulative',
    compression: options.compression ?? env.compression,
  };
}

function resolveResource(options: StartMetricsOptions): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = { ...options.resource };
  if (options.serviceName !== undefined) attributes['service.name'] = options.serviceName;
  if (options.serviceVersion !== undefined) attributes['service.version'] = options.serviceVersion;
  return attributes;
}
