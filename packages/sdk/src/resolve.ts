import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@opentelemetry/api';
import { parseAddress, DEFAULT_PORT, type PrometheusExporterOptions } from '@promptkit/prometheus';
import { OTLP_PROTOCOLS, type OtlpProtocol, type StartMetricsOptions } from './config.js';
import {
  checkUrl,
  ConfigError,
  read,
  readChoice,
  readKeyValues,
  readMetricsExporters,
  readPort,
  readPositiveInt,
  type Env,
} from './env.js';

export interface ResolvedOtlp {
  /** Full URL: `…/v1/metrics` for HTTP, `host:port` URL for gRPC. */
  url: string;
  protocol: OtlpProtocol;
  headers: Record<string, string>;
  intervalMs: number;
  timeoutMs: number;
  temporality: 'cumulative' | 'delta';
}

export interface ResolvedConfig {
  metrics: boolean;
  prometheus: PrometheusExporterOptions | undefined;
  otlp: ResolvedOtlp | undefined;
  /** Attributes given by the environment and code; defaults (telemetry.sdk.*) are added later. */
  resource: Record<string, AttributeValue>;
  registerGlobal: boolean;
}

export const DEFAULT_INTERVAL_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Settles every option with the order code > environment > defaults. Throws a ConfigError that
 * names the option or variable for any invalid value.
 */
export function resolveConfig(options: StartMetricsOptions, env: Env = process.env): ResolvedConfig {
  const metrics = options.metrics ?? true;
  const fromEnv = readMetricsExporters(env);
  const codeChoseExporter = options.prometheus !== undefined || options.otlp !== undefined;
  // Without any choice in code or OTEL_METRICS_EXPORTER, PromptKit serves Prometheus on :9464.
  const prometheusOn =
    options.prometheus !== undefined ? options.prometheus !== false : fromEnv ? fromEnv.has('prometheus') : !codeChoseExporter;
  const otlpOn = options.otlp !== undefined ? options.otlp !== false : fromEnv ? fromEnv.has('otlp') : false;

  return {
    metrics,
    prometheus: prometheusOn ? resolvePrometheus(options.prometheus || undefined, env) : undefined,
    otlp: otlpOn ? resolveOtlp(options.otlp || undefined, env) : undefined,
    resource: resolveResource(options, env),
    registerGlobal: options.registerGlobal ?? true,
  };
}

function resolvePrometheus(code: string | PrometheusExporterOptions | undefined, env: Env): PrometheusExporterOptions {
  const fromCode: PrometheusExporterOptions = typeof code === 'string' ? parseAddress(code) : { ...code };
  const host = 'host' in fromCode ? fromCode.host : read(env, 'OTEL_EXPORTER_PROMETHEUS_HOST');
  const port = fromCode.port ?? readPort(env, 'OTEL_EXPORTER_PROMETHEUS_PORT') ?? DEFAULT_PORT;
  return { ...fromCode, host, port, ownMeterProvider: false };
}

function resolveOtlp(code: string | import('./config.js').OtlpOptions | undefined, env: Env): ResolvedOtlp {
  const options = typeof code === 'string' ? { endpoint: code } : (code ?? {});
  const protocol =
    options.protocol ??
    readChoice(env, 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', OTLP_PROTOCOLS) ??
    readChoice(env, 'OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_PROTOCOLS) ??
    'http/protobuf';
  if (!OTLP_PROTOCOLS.includes(protocol)) {
    throw new ConfigError(`otlp.protocol '${String(protocol)}' is invalid: expected one of ${OTLP_PROTOCOLS.join(', ')}`);
  }
  const http = protocol !== 'grpc';
  const withPath = (base: string) => (http && !/\/v1\/metrics\/?$/.test(base) ? `${base.replace(/\/+$/, '')}/v1/metrics` : base);
  let url: string;
  if (options.endpoint !== undefined) url = withPath(checkUrl(options.endpoint, 'otlp.endpoint'));
  else {
    const signal = read(env, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
    const base = read(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    if (signal !== undefined) url = checkUrl(signal, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
    else if (base !== undefined) url = withPath(checkUrl(base, 'OTEL_EXPORTER_OTLP_ENDPOINT'));
    else url = http ? 'http://localhost:4318/v1/metrics' : 'http://localhost:4317';
  }
  const headers = {
    ...readKeyValues(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
    ...readKeyValues(env, 'OTEL_EXPORTER_OTLP_METRICS_HEADERS'),
    ...options.headers,
  };
  const intervalMs = checkMs(options.intervalMs, 'otlp.intervalMs') ?? readPositiveInt(env, 'OTEL_METRIC_EXPORT_INTERVAL') ?? DEFAULT_INTERVAL_MS;
  const timeoutGiven = checkMs(options.timeoutMs, 'otlp.timeoutMs') ?? readPositiveInt(env, 'OTEL_METRIC_EXPORT_TIMEOUT');
  // An export may not outlast the interval; with a short interval the default timeout shrinks to fit.
  const timeoutMs = timeoutGiven ?? Math.min(DEFAULT_TIMEOUT_MS, intervalMs);
  if (timeoutMs > intervalMs) {
    throw new ConfigError(`the OTLP export timeout (${timeoutMs} ms) is longer than the export interval (${intervalMs} ms); shorten the timeout`);
  }
  const temporality =
    options.temporality ?? readChoice(env, 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', ['cumulative', 'delta'] as const) ?? 'cumulative';
  if (temporality !== 'cumulative' && temporality !== 'delta') {
    throw new ConfigError(`otlp.temporality '${String(temporality)}' is invalid: expected cumulative or delta`);
  }
  return { url, protocol, headers, intervalMs, timeoutMs, temporality };
}

function checkMs(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${what} ${value} is invalid: expected a whole number of milliseconds greater than 0`);
  return value;
}

function resolveResource(options: StartMetricsOptions, env: Env): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = { ...readKeyValues(env, 'OTEL_RESOURCE_ATTRIBUTES') };
  const envService = read(env, 'OTEL_SERVICE_NAME');
  if (envService !== undefined) attributes['service.name'] = envService;
  Object.assign(attributes, options.resource);
  if (options.serviceName !== undefined) attributes['service.name'] = options.serviceName;
  if (options.serviceVersion !== undefined) attributes['service.version'] = options.serviceVersion;
  // One process, one instance: backends tell two replicas apart by it.
  attributes['service.instance.id'] ??= randomUUID();
  return attributes;
}
