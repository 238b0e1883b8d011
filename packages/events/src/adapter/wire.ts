// Reading provider responses defensively: SDKs type them, but OpenAI-compatible servers, proxies and
// mocks leave fields out, and a getter can throw. Telemetry must never throw over what it reads.

export type Json = Record<PropertyKey, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

/** A token count as reported: a finite number ≥ 0, else undefined. */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A non-empty string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A property of nested objects, or undefined anywhere along the way, including where reading a
 * property throws (a getter or a Proxy trap).
 */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    try {
      current = current[key];
    } catch {
      return undefined;
    }
  }
  return current;
}

/**
 * The sum of the counts that were reported (each read with `tokenCount`), or undefined when none
 * was: a provider that splits one count into parts (Anthropic's input, Gemini's output) leaves out
 * the parts that do not apply.
 */
export function sumTokenCounts(...values: unknown[]): number | undefined {
  let sum: number | undefined;
  for (const value of values) {
    const count = tokenCount(value);
    if (count !== undefined) sum = (sum ?? 0) + count;
  }
  return sum;
}
