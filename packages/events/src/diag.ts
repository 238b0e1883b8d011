// @promptkit/events depends on nothing, yet its reports belong in OpenTelemetry's `diag` like the
// rest of PromptKit's. The OpenTelemetry API keeps the logger given to `diag.setLogger()` in a
// versioned global shared by every copy of the API (1.x); reading it reports into the same place
// without a dependency. With no logger registered, reports are dropped, as OpenTelemetry's are.
const API_KEY = Symbol.for('opentelemetry.js.api.1');

interface DiagLike {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

function logger(): Partial<DiagLike> | undefined {
  const api = (globalThis as Record<symbol, { diag?: Partial<DiagLike> } | undefined>)[API_KEY];
  return api?.diag;
}

function send(level: keyof DiagLike, message: string): void {
  try {
    logger()?.[level]?.(message);
  } catch {
    // A broken logger must not turn a report into a crash.
  }
}

/** OpenTelemetry's `diag`, reached without a dependency on the API; never throws. */
export const diag: DiagLike = {
  error: (message) => send('error', message),
  warn: (message) => send('warn', message),
  info: (message) => send('info', message),
};

/** How often one key may report: a mistake repeated on every call costs one line, not one per call. */
export const REPORT_INTERVAL_MS = 10_000;

const lastReport = new Map<string, { at: number; suppressed: number }>();

/**
 * PromptKit's one rate-limited reporter: `promptkit: <message>` through OpenTelemetry `diag` at
 * most once every ten seconds per key, with the number of reports held back since the last line.
 * Keys are fixed strings in code (a reason, an event type, an adapter's step), so the map stays small.
 */
export function reportProblem(key: string, message: string, level: 'warn' | 'error' = 'warn'): void {
  const now = Date.now();
  const seen = lastReport.get(key);
  if (seen !== undefined && now - seen.at < REPORT_INTERVAL_MS) {
    seen.suppressed++;
    return;
  }
  const suppressed = seen?.suppressed ?? 0;
  lastReport.set(key, { at: now, suppressed: 0 });
  diag[level](`promptkit: ${message}${suppressed > 0 ? ` (${suppressed} similar since the last report)` : ''}`);
}

/** `String(value)` that never throws (null-prototype objects, throwing `toString` or getters, proxies). */
export function safeString(read: () => unknown): string {
  try {
    return String(read());
  } catch {
    try {
      // A null-prototype object has no toString; say what it is instead.
      const value = read();
      if (value !== null && typeof value === 'object') return '[object without a string form]';
    } catch {
      // The value itself cannot be read.
    }
    return '[unprintable value]';
  }
}

/** `Name: message` of an error, or its string form; never throws, never longer than 200 characters. */
export function describeError(error: unknown): string {
  const text = safeString(() => (error instanceof Error ? `${error.name}: ${error.message}` : error));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
