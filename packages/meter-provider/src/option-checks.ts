// Checks of options given in code. Hand-written rather than a schema library: each message names
// the option, says what to pass, and never repeats a secret, in about a hundred lines that every
// application would otherwise load a validation library for.

/** An option or setting that cannot be used; the message names it and what to pass instead. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A value as a message may show it: short, and never the content of a secret. */
export function describeValue(value: unknown, secret = false): string {
  if (secret) return typeof value === 'string' ? `a string of ${value.length} characters` : describeType(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return describeType(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(name: string, value: unknown, expected: string, secret = false): never {
  throw new ConfigError(`${name} ${describeValue(value, secret)} is invalid: expected ${expected}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain object whose keys are all known; a misspelt key is an error, not silently ignored. */
export function checkObject(value: unknown, name: string, keys: readonly string[], example: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(name, value, `an options object such as ${example}`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new ConfigError(`${name} has an unknown option '${key}'; the options are ${keys.join(', ')}`);
  }
  return value;
}

export function checkBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  return fail(name, value, 'true or false');
}

export function checkString(value: unknown, name: string, options: { secret?: boolean; expected?: string } = {}): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return fail(name, value, options.expected ?? 'a non-empty string', options.secret);
}

/** A whole number in [min, max]. */
export function checkInteger(value: unknown, name: string, min: number, max: number, unit = ''): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  return fail(name, value, `a whole number${unit ? ` of ${unit}` : ''} ${range}`);
}

export function checkChoice<T extends string>(value: unknown, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  return fail(name, value, `one of ${choices.map((c) => `'${c}'`).join(', ')}`);
}

/** String keys to string values (HTTP headers); values are secrets and never shown. */
export function checkStringRecord(value: unknown, name: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return fail(name, value, "an object of header names to values, such as { 'x-api-key': '…' }");
  for (const [key, item] of Object.entries(value)) {
    if (key.trim() === '' || /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(key)) throw new ConfigError(`${name} has an invalid header name ${JSON.stringify(key)}`);
    if (typeof item !== 'string') throw new ConfigError(`${name}[${JSON.stringify(key)}] is invalid: expected a string value, got ${describeValue(item, true)}`);
  }
  return value as Record<string, string>;
}
