// The OpenTelemetry SDK environment variables, read as the specification says: an empty value is
// unset; an unknown or unparsable value is reported through diag and the default is used (never an
// exception at start-up); a timeout of 0 means no limit. Values are read with @opentelemetry/core's
// helpers; what they cannot decide (ranges, choices) is checked here.
import { getBooleanFromEnv, getNumberFromEnv, getStringFromEnv, getStringListFromEnv, parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { reportProblem } from '@promptkit/events/adapter';
import { HISTOGRAM_MODES, type HistogramMode } from '@promptkit/meter-provider';
import type { ExemplarFilter } from '@promptkit/metrics';
import { OTLP_PROTOCOLS, OTLP_TEMPORALITIES, type OtlpProtocol, type OtlpTemporality } from './options.js';
import { maskUrl } from './redact.js';

export type MetricsExporterName = 'prometheus' | 'otlp' | 'console';

function ignored(name: string, value: string, expected: string): void {
  reportProblem(`env ${name}=${value}`, `${name}=${JSON.stringify(value)} is not ${expected}; it is ignored and the default is used`);
}

/** A whole number of milliseconds ≥ `min`, else undefined (reported). */
export function envMilliseconds(name: string, min: number): number | undefined {
  const value = getNumberFromEnv(name);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    ignored(name, String(value), `a whole number of milliseconds${min > 0 ? ` greater than ${min - 1}` : ' (0 for no limit)'}`);
    return undefined;
  }
  return value;
}

function envChoice<T extends string>(name: string, choices: readonly T[]): T | undefined {
  const value = getStringFromEnv(name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if ((choices as readonly string[]).includes(lower)) return lower as T;
  ignored(name, value, `one of ${choices.join(', ')}`);
  return undefined;
}

/** `OTEL_METRICS_EXPORTER`: the exporters named, `[]` for `none`, undefined when unset or unusable. */
export function envMetricsExporters(): MetricsExporterName[] | undefined {
  const items = getStringListFromEnv('OTEL_METRICS_EXPORTER')?.map((item) => item.toLowerCase());
  if (items === undefined || items.length === 0) return undefined;
  const out = new Set<MetricsExporterName>();
  for (const item of items) {
    if (item === 'prometheus' || item === 'otlp' || item === 'console') out.add(item);
    else if (item === 'logging') out.add('console'); // The specification's deprecated name for console.
    else if (item !== 'none') ignored('OTEL_METRICS_EXPORTER', item, 'one of otlp, prometheus, console, none');
  }
  if (out.size === 0 && !items.includes('none')) return undefined;
  return [...out];
}

export interface EnvOtlp {
  endpoint: string | undefined;
  /** True when `endpoint` is the signal-specific one (used as given, no `/v1/metrics` appended). */
  endpointIsFull: boolean;
  protocol: OtlpProtocol | undefined;
  headers: Record<string, string>;
  intervalMs: number | undefined;
  timeoutMs: number | undefined;
  exporterTimeoutMs: number | undefined;
  temporality: OtlpTemporality | undefined;
  compression: 'gzip' | 'none' | undefined;
}

function envUrl(name: string): string | undefined {
  const value = getStringFromEnv(name);
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // Reported below.
  }
  ignored(name, maskUrl(value), 'an http:// or https:// URL');
  return undefined;
}

function envHeaders(name: string): Record<string, string> {
  const raw = getStringFromEnv(name);
  if (raw === undefined) return {};
  const headers = parseKeyPairsIntoRecord(raw);
  const given = raw.split(',').filter((part) => part.trim() !== '').length;
  if (Object.keys(headers).length < given) {
    reportProblem(`env ${name}`, `${name} has entries that are not key=value pairs with percent-encoded values; they are ignored`);
  }
  return headers;
}

/** The OTLP settings the environment gives; what it does not give is undefined. */
export function envOtlp(): EnvOtlp {
  const signalEndpoint = envUrl('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  return {
    endpoint: signalEndpoint ?? envUrl('OTEL_EXPORTER_OTLP_ENDPOINT'),
    endpointIsFull: signalEndpoint !== undefined,
    protocol: envChoice('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', OTLP_PROTOCOLS) ?? envChoice('OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_PROTOCOLS),
    headers: { ...envHeaders('OTEL_EXPORTER_OTLP_HEADERS'), ...envHeaders('OTEL_EXPORTER_OTLP_METRICS_HEADERS') },
    intervalMs: envMilliseconds('OTEL_METRIC_EXPORT_INTERVAL', 1),
    timeoutMs: envMilliseconds('OTEL_METRIC_EXPORT_TIMEOUT', 0),
    exporterTimeoutMs: envMilliseconds('OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', 0) ?? envMilliseconds('OTEL_EXPORTER_OTLP_TIMEOUT', 0),
    temporality: envChoice('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', OTLP_TEMPORALITIES),
    compression: envChoice('OTEL_EXPORTER_OTLP_METRICS_COMPRESSION', ['gzip', 'none'] as const) ?? envChoice('OTEL_EXPORTER_OTLP_COMPRESSION', ['gzip', 'none'] as const),
  };
}

/** `OTEL_EXPORTER_PROMETHEUS_HOST` and `…_PORT`. */
export function envPrometheus(): { host: string | undefined; port: number | undefined } {
  const host = getStringFromEnv('OTEL_EXPORTER_PROMETHEUS_HOST');
  let port = getNumberFromEnv('OTEL_EXPORTER_PROMETHEUS_PORT');
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    ignored('OTEL_EXPORTER_PROMETHEUS_PORT', String(port), 'a port from 0 to 65535');
    port = undefined;
  }
  return { host, port };
}

/** `OTEL_SDK_DISABLED=true`: record and serve nothing. */
export function envSdkDisabled(): boolean {
  return getBooleanFromEnv('OTEL_SDK_DISABLED');
}

/** `OTEL_SEMCONV_STABILITY_OPT_IN`, a list shared with other instrumentations. */
export function envSemconvOptIn(): string[] {
  return getStringListFromEnv('OTEL_SEMCONV_STABILITY_OPT_IN')?.map((item) => item.toLowerCase()) ?? [];
}

/** The exemplar filters PromptKit supports, in OpenTelemetry's names. */
export const EXEMPLAR_FILTERS: readonly ExemplarFilter[] = ['trace_based', 'always_off'];

/**
 * `OTEL_METRICS_EXEMPLAR_FILTER`: `trace_based` or `always_off`. `always_on` keeps exemplars of
 * measurements outside any trace, which would link to nothing here: it is read as `trace_based`.
 */
export function envExemplarFilter(): ExemplarFilter | undefined {
  const value = envChoice('OTEL_METRICS_EXEMPLAR_FILTER', [...EXEMPLAR_FILTERS, 'always_on'] as const);
  if (value !== 'always_on') return value;
  reportProblem('env OTEL_METRICS_EXEMPLAR_FILTER', 'OTEL_METRICS_EXEMPLAR_FILTER=always_on is read as trace_based: PromptKit keeps exemplars only for measurements made inside a sampled span');
  return 'trace_based';
}

/** `PROMPTKIT_HISTOGRAMS`: classic, native or both. */
export function envHistograms(): HistogramMode | undefined {
  return envChoice('PROMPTKIT_HISTOGRAMS', HISTOGRAM_MODES);
}

/** `PROMPTKIT_CLUSTER`: true or primary, peers, false. */
export function envCluster(): 'primary' | 'peers' | false | undefined {
  const value = envChoice('PROMPTKIT_CLUSTER', ['true', 'false', 'primary', 'peers'] as const);
  return value === undefined ? undefined : value === 'false' ? false : value === 'peers' ? 'peers' : 'primary';
}
