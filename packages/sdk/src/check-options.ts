// startMetrics() options given in code are strict: a wrong type or value is a ConfigError that
// names the option, never silently replaced by a default (the environment is lenient instead).
import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkObject,
  checkString,
  checkStringRecord,
  ConfigError,
  describeValue,
  HISTOGRAM_MODES,
  isPlainObject,
} from '@promptkit/meter-provider';
import { labelLimitsProblem } from '@promptkit/metrics/internal';
import { EXEMPLAR_FILTERS } from './environment.js';
import { CLUSTER_MODES, OTLP_PROTOCOLS, OTLP_TEMPORALITIES, type ClusterOptions, type OtlpOptions, type StartMetricsOptions } from './options.js';
import { maskUrl } from './redact.js';

const OPTION_KEYS = [
  'serviceName',
  'serviceVersion',
  'resource',
  'metrics',
  'prometheus',
  'otlp',
  'labelLimits',
  'pricing',
  'semconv',
  'registerGlobal',
  'meterProvider',
  'views',
  'shutdownOnSignals',
  'histograms',
  'nativeHistogramMaxBuckets',
  'exemplarFilter',
  'cluster',
] as const;

const CLUSTER_KEYS = ['mode', 'answerTimeoutMs', 'peerPort'] as const;

const OTLP_KEYS = ['endpoint', 'protocol', 'headers', 'intervalMs', 'timeoutMs', 'temporality', 'compression'] as const;
const DAY_MS = 86_400_000;

/** An http(s) URL; the message masks any credentials in it. */
export function checkUrl(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ConfigError(`${name} ${describeValue(value)} is invalid: expected a URL such as http://localhost:4318`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} '${maskUrl(value)}' is not a URL: expected e.g. http://localhost:4318`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} '${maskUrl(value)}' must use http:// or https://`);
  return value;
}

function checkResource(value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new ConfigError(`resource ${describeValue(value)} is invalid: expected attributes such as { 'deployment.environment': 'prod' }`);
  for (const [key, item] of Object.entries(value)) {
    const ok = ['string', 'number', 'boolean'].includes(typeof item) || (Array.isArray(item) && item.every((v) => ['string', 'number', 'boolean'].includes(typeof v)));
    if (!ok) throw new ConfigError(`resource[${JSON.stringify(key)}] ${describeValue(item)} is invalid: expected a string, number, boolean or an array of them`);
  }
}

/** Checks `otlp` given in code: a base endpoint, options, or false. */
export function checkOtlp(value: unknown): OtlpOptions | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value === 'string') return { endpoint: checkUrl(value, 'otlp')! };
  const given = checkObject(value, 'otlp', OTLP_KEYS, "{ endpoint: 'http://localhost:4318' }");
  const intervalMs = checkInteger(given.intervalMs, 'otlp.intervalMs', 1, DAY_MS, 'milliseconds');
  const timeoutMs = checkInteger(given.timeoutMs, 'otlp.timeoutMs', 0, DAY_MS, 'milliseconds (0 for no limit)');
  if (intervalMs !== undefined && timeoutMs !== undefined && timeoutMs > intervalMs) {
    throw new ConfigError(`otlp.timeoutMs (${timeoutMs}) is longer than otlp.intervalMs (${intervalMs}); a push may not outlast the interval`);
  }
  const options: OtlpOptions = {};
  const endpoint = checkUrl(given.endpoint, 'otlp.endpoint');
  const protocol = checkChoice(given.protocol, 'otlp.protocol', OTLP_PROTOCOLS);
  const headers = checkStringRecord(given.headers, 'otlp.headers');
  const temporality = checkChoice(given.temporality, 'otlp.temporality', OTLP_TEMPORALITIES);
  const compression = checkChoice(given.compression, 'otlp.compression', ['gzip', 'none'] as const);
  if (endpoint !== undefined) options.endpoint = endpoint;
  if (protocol !== undefined) options.protocol = protocol;
  if (headers !== undefined) options.headers = headers;
  if (intervalMs !== undefined) options.intervalMs = intervalMs;
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  if (temporality !== undefined) options.temporality = temporality;
  if (compression !== undefined) options.compression = compression;
  return options;
}

/** Checks `cluster` given in code: true, false, a mode, or options; returns the options, or undefined for off. */
export function checkCluster(value: unknown): ClusterOptions | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { mode: 'primary' };
  if (typeof value === 'string') return { mode: checkChoice(value, 'cluster', CLUSTER_MODES)! };
  if (!isPlainObject(value)) throw new ConfigError(`cluster ${describeValue(value)} is invalid: expected true, false, 'primary', 'peers' or options such as { mode: 'peers' }`);
  const given = checkObject(value, 'cluster', CLUSTER_KEYS, "{ mode: 'peers', peerPort: 9465 }");
  const options: ClusterOptions = { mode: checkChoice(given.mode, 'cluster.mode', CLUSTER_MODES) ?? 'primary' };
  const answerTimeoutMs = checkInteger(given.answerTimeoutMs, 'cluster.answerTimeoutMs', 1, 60_000, 'milliseconds');
  const peerPort = checkInteger(given.peerPort, 'cluster.peerPort', 1, 65_535);
  if (answerTimeoutMs !== undefined) options.answerTimeoutMs = answerTimeoutMs;
  if (peerPort !== undefined) options.peerPort = peerPort;
  return options;
}

/**
 * Checks every option of `startMetrics()`; throws a ConfigError naming the first bad one. The
 * `prometheus`, `pricing` and `otlp` values are checked in full where they are resolved.
 */
export function checkStartOptions(options: unknown): StartMetricsOptions {
  const given = checkObject(options, 'startMetrics options', OPTION_KEYS, "{ serviceName: 'my-app' }");
  checkString(given.serviceName, 'serviceName');
  checkString(given.serviceVersion, 'serviceVersion');
  checkResource(given.resource);
  checkBoolean(given.metrics, 'metrics');
  checkBoolean(given.registerGlobal, 'registerGlobal');
  checkBoolean(given.shutdownOnSignals, 'shutdownOnSignals');
  checkChoice(given.histograms, 'histograms', HISTOGRAM_MODES);
  checkChoice(given.exemplarFilter, 'exemplarFilter', EXEMPLAR_FILTERS);
  checkInteger(given.nativeHistogramMaxBuckets, 'nativeHistogramMaxBuckets', 2, 16_384);
  if (given.labelLimits !== undefined) {
    const problem = labelLimitsProblem(given.labelLimits);
    if (problem !== undefined) throw new ConfigError(`labelLimits is invalid: ${problem}`);
  }
  if (given.semconv !== undefined && given.semconv !== false && given.semconv !== 'gen_ai') {
    throw new ConfigError(`semconv ${describeValue(given.semconv)} is invalid: expected 'gen_ai' or false`);
  }
  const provider = given.meterProvider as { getMeter?: unknown } | undefined;
  if (provider !== undefined && (provider === null || typeof provider.getMeter !== 'function')) {
    throw new ConfigError(`meterProvider ${describeValue(provider)} is invalid: expected an OpenTelemetry MeterProvider (with getMeter())`);
  }
  if (given.views !== undefined && (!Array.isArray(given.views) || !given.views.every(isPlainObject))) {
    throw new ConfigError(`views ${describeValue(given.views)} is invalid: expected an array of OpenTelemetry ViewOptions objects`);
  }
  if (given.prometheus !== undefined && given.prometheus !== false && !['string', 'number', 'object'].includes(typeof given.prometheus)) {
    throw new ConfigError(`prometheus ${describeValue(given.prometheus)} is invalid: expected an address such as ':9090', a port, options, or false`);
  }
  if (given.otlp !== undefined && given.otlp !== false) checkOtlp(given.otlp);
  checkCluster(given.cluster);
  return given;
}
