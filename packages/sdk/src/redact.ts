import { safeString } from '@promptkit/events/adapter';
import type { PriceSource } from '@promptkit/metrics';
import type { ResolvedConfig } from './resolve.js';

// Secrets never reach a log line, an error message or anything returned for logging: URL
// credentials, header values, tokens and passwords are masked.

const MASK = '***';

// Some endpoints carry their key in the query (`?api_key=…`, `?token=…`, signed URLs): every query
// value is masked, the names kept. Values end at `&`, `#` or white space.
function maskQuery(url: string): string {
  return url.replace(/([?&][^=&#\s]*=)[^&#\s]*/g, `$1${MASK}`);
}

/** The URL with any `user:password@` and every query value replaced; strings that are not URLs come back unchanged. */
export function maskUrl(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  return maskQuery(value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, `$1${MASK}@`));
}

/** Header names kept, values masked. */
export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, MASK]));
}

/** `secret` when set, masked; undefined stays undefined. */
export function maskSecret<T>(secret: T | undefined): T | string | undefined {
  return secret === undefined ? undefined : MASK;
}

/** Text with every URL's `user:password@` and query values masked (error messages can carry URLs). */
export function maskSecrets(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]*/gi, (url) => maskUrl(url));
}

/** Which price data is in use, as plain strings (a custom source's `info` may be anything). */
function pricingInfo(pricing: PriceSource): { source: string; version: string; asOf: string } {
  const read = (field: 'source' | 'version' | 'asOf') => safeString(() => pricing.info[field]);
  return { source: read('source'), version: read('version'), asOf: read('asOf') };
}

/** The settled configuration as `telemetry.config` shows it: every secret masked. */
export type LoggableConfig = ReturnType<typeof redactConfig>;

export function redactConfig(config: ResolvedConfig) {
  const { prometheus, otlp, meterProvider, pricing, ...rest } = config;
  return {
    ...rest,
    attachedToMeterProvider: meterProvider !== undefined,
    pricing: pricing === undefined ? false : pricingInfo(pricing),
    prometheus:
      prometheus === undefined
        ? undefined
        : {
            ...prometheus,
            bearerToken: maskSecret(prometheus.bearerToken),
            basicAuth: prometheus.basicAuth === undefined ? undefined : { username: prometheus.basicAuth.username, password: MASK },
            tls: prometheus.tls === undefined ? undefined : { key: MASK, cert: 'PEM certificate' },
          },
    otlp: otlp === undefined ? undefined : { ...otlp, url: maskUrl(otlp.url), headers: maskHeaders(otlp.headers) },
  };
}
