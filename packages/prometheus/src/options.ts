import { readFileSync } from 'node:fs';
import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkObject,
  checkString,
  ConfigError,
  DEFAULT_NATIVE_MAX_BUCKETS,
  describeValue,
  HISTOGRAM_MODES,
  isPlainObject,
  type HistogramMode,
} from '@promptkit/meter-provider';
import type { LabelLimits } from '@promptkit/metrics';
import { labelLimitsProblem } from '@promptkit/metrics/internal';
import { checkEndpoint, DEFAULT_ENDPOINT, DEFAULT_PORT, parseAddress } from './address.js';

export interface PrometheusExporterOptions {
  /** Interface to bind. Default: every interface. */
  host?: string;
  /** Port. Default 9464 (OpenTelemetry's Prometheus port); 0 picks a free one. */
  port?: number;
  /** Path that serves the metrics. Default `/metrics`. */
  endpoint?: string;
  /** Require `Authorization: Bearer <token>` on the metrics endpoint. */
  bearerToken?: string;
  /** Require HTTP basic authentication on the metrics endpoint (a username without `:`). */
  basicAuth?: { username: string; password: string };
  /** Serve HTTPS: PEM file paths or PEM contents. */
  tls?: { key: string; cert: string };
  /** Add `otel_scope_name`/`otel_scope_version` labels to every series. Default false: PromptKit's labels only. */
  withScopeLabels?: boolean;
  /** Serve a `target_info` series with the resource attributes. Default false. */
  withTargetInfo?: boolean;
  /**
   * Build a MeterProvider for this exporter (with PromptKit's views) and register it globally when
   * no global one exists. Default true. `startMetrics()` passes false and supplies its own provider.
   */
  ownMeterProvider?: boolean;
  /** Caps on distinct values per label, for the MeterProvider this exporter builds. */
  labelLimits?: LabelLimits;
  /** Milliseconds a client may take to send its request headers. Default 10 000. */
  headersTimeoutMs?: number;
  /** Milliseconds a whole exchange may take, writing the response included. Default 30 000. */
  requestTimeoutMs?: number;
  /** Milliseconds a connection may stay without any progress (e.g. a client that stops reading). Default 10 000. */
  idleTimeoutMs?: number;
  /** Milliseconds a collection may take; callbacks still running then are left out of the scrape. Default 5 000. */
  collectTimeoutMs?: number;
  /** Scrapes served at once; more get 503 until one finishes. Default 8. */
  maxConcurrentScrapes?: number;
  /** gzip the response when the client accepts it (Prometheus always does). Default true. */
  compression?: boolean;
  /**
   * Write `_created` samples (series start times) in OpenMetrics answers. Default false: a Prometheus
   * without `--enable-feature=created-timestamp-zero-ingestion` stores each as a series of its own.
   * The protobuf format always carries start times, in fields that cost no series.
   */
  openMetricsCreatedSamples?: boolean;
  /** For the MeterProvider this exporter builds: `classic` (default), `native` or `both` (see startMetrics). */
  histograms?: HistogramMode;
  /** For the MeterProvider this exporter builds: most buckets a native histogram keeps. Default 160. */
  nativeHistogramMaxBuckets?: number;
}

/** Options with every default applied, checked. */
export interface ResolvedExporterOptions {
  host: string | undefined;
  port: number;
  endpoint: string;
  bearerToken: string | undefined;
  basicAuth: { username: string; password: string } | undefined;
  tls: { key: string; cert: string } | undefined;
  withScopeLabels: boolean;
  withTargetInfo: boolean;
  ownMeterProvider: boolean;
  labelLimits: LabelLimits | undefined;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  collectTimeoutMs: number;
  maxConcurrentScrapes: number;
  compression: boolean;
  openMetricsCreatedSamples: boolean;
  histograms: HistogramMode;
  nativeHistogramMaxBuckets: number;
}

const KEYS = [
  'host',
  'port',
  'endpoint',
  'bearerToken',
  'basicAuth',
  'tls',
  'withScopeLabels',
  'withTargetInfo',
  'ownMeterProvider',
  'labelLimits',
  'headersTimeoutMs',
  'requestTimeoutMs',
  'idleTimeoutMs',
  'collectTimeoutMs',
  'maxConcurrentScrapes',
  'compression',
  'openMetricsCreatedSamples',
  'histograms',
  'nativeHistogramMaxBuckets',
] as const;

const DAY_MS = 86_400_000;

function basicAuthOf(value: unknown, name: string): { username: string; password: string } | undefined {
  if (value === undefined) return undefined;
  const given = checkObject(value, name, ['username', 'password'], "{ username: 'prometheus', password: '…' }");
  const username = checkString(given.username, `${name}.username`, { expected: 'a non-empty user name' });
  if (username === undefined) throw new ConfigError(`${name}.username is missing: expected a non-empty user name`);
  if (username.includes(':')) throw new ConfigError(`${name}.username must not contain ':' (HTTP basic authentication separates the password with it)`);
  const password = checkString(given.password, `${name}.password`, { secret: true, expected: 'a non-empty password' });
  if (password === undefined) throw new ConfigError(`${name}.password is missing: expected a non-empty password`);
  return { username, password };
}

/** A PEM given inline, or read from the path given. */
export function readPem(value: string, name: string): string {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (error) {
    throw new ConfigError(`${name}: cannot read the PEM file ${JSON.stringify(value)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function tlsOf(value: unknown, name: string): { key: string; cert: string } | undefined {
  if (value === undefined) return undefined;
  const given = checkObject(value, name, ['key', 'cert'], "{ key: 'server.key', cert: 'server.crt' }");
  const key = checkString(given.key, `${name}.key`, { secret: true, expected: 'a PEM private key or its file path' });
  const cert = checkString(given.cert, `${name}.cert`, { expected: 'a PEM certificate or its file path' });
  if (key === undefined || cert === undefined) throw new ConfigError(`${name} needs both key and cert (PEM contents or file paths)`);
  return { key: readPem(key, `${name}.key`), cert: readPem(cert, `${name}.cert`) };
}

/**
 * Checks and completes the exporter's address or options: a Go-style address (`':9090'`,
 * `'127.0.0.1:0'`), a port number, or an options object. Throws a ConfigError naming `name` and
 * the option for anything else; nothing is silently replaced by a default.
 */
export function resolveExporterOptions(address: unknown, name = 'PrometheusExporter options'): ResolvedExporterOptions {
  let given: Record<string, unknown>;
  if (address === undefined) given = {};
  else if (typeof address === 'string') {
    try {
      given = { ...parseAddress(address) };
    } catch (error) {
      throw new ConfigError(`${name}: ${(error as Error).message}`);
    }
  } else if (typeof address === 'number') given = { port: address };
  else if (isPlainObject(address)) given = checkObject(address, name, KEYS, "{ host: '127.0.0.1', port: 9464 }");
  else throw new ConfigError(`${name} ${describeValue(address)} is invalid: expected an address such as ':9090', a port number, or an options object`);
  const problem = given.labelLimits === undefined ? undefined : labelLimitsProblem(given.labelLimits);
  if (problem !== undefined) throw new ConfigError(`${name}.labelLimits is invalid: ${problem}`);
  const host = given.host === '' ? undefined : checkString(given.host, `${name}.host`, { expected: 'a host name or IP address to bind' });
  let endpoint = DEFAULT_ENDPOINT;
  if (given.endpoint !== undefined) {
    const path = checkString(given.endpoint, `${name}.endpoint`, { expected: "a path such as '/metrics'" })!;
    try {
      endpoint = checkEndpoint(path);
    } catch (error) {
      throw new ConfigError(`${name}.endpoint: ${(error as Error).message}`);
    }
  }
  return {
    host,
    port: checkInteger(given.port, `${name}.port`, 0, 65535) ?? DEFAULT_PORT,
    endpoint,
    bearerToken: checkString(given.bearerToken, `${name}.bearerToken`, { secret: true, expected: 'a non-empty token' }),
    basicAuth: basicAuthOf(given.basicAuth, `${name}.basicAuth`),
    tls: tlsOf(given.tls, `${name}.tls`),
    withScopeLabels: checkBoolean(given.withScopeLabels, `${name}.withScopeLabels`) ?? false,
    withTargetInfo: checkBoolean(given.withTargetInfo, `${name}.withTargetInfo`) ?? false,
    ownMeterProvider: checkBoolean(given.ownMeterProvider, `${name}.ownMeterProvider`) ?? true,
    labelLimits: given.labelLimits as LabelLimits | undefined,
    headersTimeoutMs: checkInteger(given.headersTimeoutMs, `${name}.headersTimeoutMs`, 1, DAY_MS, 'milliseconds') ?? 10_000,
    requestTimeoutMs: checkInteger(given.requestTimeoutMs, `${name}.requestTimeoutMs`, 1, DAY_MS, 'milliseconds') ?? 30_000,
    idleTimeoutMs: checkInteger(given.idleTimeoutMs, `${name}.idleTimeoutMs`, 1, DAY_MS, 'milliseconds') ?? 10_000,
    collectTimeoutMs: checkInteger(given.collectTimeoutMs, `${name}.collectTimeoutMs`, 1, DAY_MS, 'milliseconds') ?? 5_000,
    maxConcurrentScrapes: checkInteger(given.maxConcurrentScrapes, `${name}.maxConcurrentScrapes`, 1, 10_000) ?? 8,
    compression: checkBoolean(given.compression, `${name}.compression`) ?? true,
    openMetricsCreatedSamples: checkBoolean(given.openMetricsCreatedSamples, `${name}.openMetricsCreatedSamples`) ?? false,
    histograms: checkChoice(given.histograms, `${name}.histograms`, HISTOGRAM_MODES) ?? 'classic',
    nativeHistogramMaxBuckets: checkInteger(given.nativeHistogramMaxBuckets, `${name}.nativeHistogramMaxBuckets`, 2, 16_384) ?? DEFAULT_NATIVE_MAX_BUCKETS,
  };
}
