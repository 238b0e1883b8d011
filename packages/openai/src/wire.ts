// Reading the OpenAI wire format defensively: responses are typed by the SDK, but an
// OpenAI-compatible server may leave fields out, and telemetry must never throw over it.

export type Json = Record<PropertyKey, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

/** A token count as reported, or undefined when absent or not a count. */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A property of a nested object, or undefined anywhere along the way. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
