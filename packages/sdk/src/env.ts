// Reading the standard OTEL_* variables. Each parser names the variable and the bad value, so a typo
// in a deployment is an error at startup, never a silent default.

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The variable's value, or undefined when unset or blank. */
export function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function readPositiveInt(env: Env, name: string): number | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new ConfigError(`${name}='${value}' is invalid: expected a whole number of milliseconds greater than 0`);
  }
  return Number(value);
}

export function readPort(env: Env, name: string): number | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(`${name}='${value}' is invalid: expected a port from 0 to 65535`);
  }
  return Number(value);
}

export function readChoice<T extends string>(env: Env, name: string, choices: readonly T[]): T | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase() as T;
  if (!choices.includes(lower)) throw new ConfigError(`${name}='${value}' is invalid: expected one of ${choices.join(', ')}`);
  return lower;
}

/** `key1=value1,key2=value2` with percent-encoded values (W3C baggage style, as OTel specifies). */
export function parseKeyValues(value: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    if (key === '') throw new ConfigError(`${name} is invalid at '${part.trim()}': expected key=value pairs separated by commas`);
    try {
      out[key] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      throw new ConfigError(`${name} is invalid at '${part.trim()}': the value is not valid percent-encoding`);
    }
  }
  return out;
}

export function readKeyValues(env: Env, name: string): Record<string, string> | undefined {
  const value = read(env, name);
  return value === undefined ? undefined : parseKeyValues(value, name);
}

/** OTEL_METRICS_EXPORTER: a comma list of `prometheus`, `otlp`, `none`. */
export function readMetricsExporters(env: Env): Set<'prometheus' | 'otlp'> | undefined {
  const name = 'OTEL_METRICS_EXPORTER';
  const value = read(env, name);
  if (value === undefined) return undefined;
  const out = new Set<'prometheus' | 'otlp'>();
  const items = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const item of items) {
    if (item === 'prometheus' || item === 'otlp') out.add(item);
    else if (item !== 'none') throw new ConfigError(`${name}='${value}' is invalid: '${item}' is not one of prometheus, otlp, none`);
  }
  if (items.includes('none') && out.size > 0) throw new ConfigError(`${name}='${value}' is invalid: 'none' cannot be combined with exporters`);
  return out;
}

export function checkUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${what} '${value}' is not a URL: expected e.g. http://localhost:4318`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${what} '${value}' must use http:// or https://`);
  }
  return value;
}
