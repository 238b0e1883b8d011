import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { AttributeValue } from '@opentelemetry/api';
import { GEN_AI_OPT_IN, parsePriceTable, Pricing, PricingError } from '@promptkit/metrics';
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
  /** Prices for calls that report no cost; undefined with `pricing: false`. */
  pricing: Pricing | undefined;
  /** `'gen_ai'` when the OpenTelemetry GenAI client metrics are emitted too. */
  semconv: 'gen_ai' | undefined;
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
    pricing: resolvePricing(options.pricing),
    semconv: resolveSemconv(options.semconv, env),
  };
}

/** The bundled prices under the overrides given (a file first, then code), read once at startup. */
function resolvePricing(option: StartMetricsOptions['pricing']): Pricing | undefined {
  if (option === false) return undefined;
  if (option === undefined) return new Pricing();
  if (option instanceof Pricing) return option;
  if (option === null || typeof option !== 'object' || Array.isArray(option)) {
    throw new ConfigError(`pricing ${JSON.stringify(option)} is invalid: expected model prices, { file: 'prices.json' }, a Pricing or false`);
  }
  const { file, ...inline } = option;
  const table = (value: unknown, where: string, prefix: string) => {
    try {
      return parsePriceTable(value, where);
    } catch (error) {
      throw error instanceof PricingError ? new ConfigError(`${prefix}${error.message}`) : error;
    }
  };
  const fromFile = file === undefined ? {} : table(readPriceFile(file), String(file), 'pricing.file: ');
  return new Pricing({ overrides: { ...fromFile, ...table(inline, 'pricing', '') } });
}

function readPriceFile(file: unknown): unknown {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new ConfigError(`pricing.file ${JSON.stringify(file)} is invalid: expected the path of a JSON file of model prices`);
  }
  const path = resolvePath(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new ConfigError(`pricing.file '${file}' cannot be read (${path}): ${why}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`pricing.file '${file}' is not valid JSON: ${(error as Error).message}`);
  }
}

/** Code wins; else OTEL_SEMCONV_STABILITY_OPT_IN, a comma list shared with other instrumentations. */
function resolveSemconv(option: StartMetricsOptions['semconv'], env: Env): 'gen_ai' | undefined {
  if (option === 'gen_ai') return 'gen_ai';
  if (option === false) return undefined;
  if (option !== undefined) throw new ConfigError(`semconv '${String(option)}' is invalid: expected 'gen_ai' or false`);
  const optIn = read(env, 'OTEL_SEMCONV_STABILITY_OPT_IN');
  return optIn?.split(',').some((value) => value.trim().toLowerCase() === GEN_AI_OPT_IN) ? 'gen_ai' : undefined;
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
