// Problems inside telemetry go to OpenTelemetry's `diag`, never to the application. Like
// @promptkit/events, this package reads the logger from the OpenTelemetry API's versioned global
// instead of depending on the API; with no logger registered, reports are dropped.
const API_KEY = Symbol.for('opentelemetry.js.api.1');
const REPORT_INTERVAL_MS = 10_000;

interface DiagLike {
  warn(message: string): void;
}

const lastReport = new Map<string, number>();

/** Reports a problem the adapter worked around, at most once every ten seconds per key. */
export function reportProblem(key: string, message: string): void {
  const now = Date.now();
  if (now - (lastReport.get(key) ?? -Infinity) < REPORT_INTERVAL_MS) return;
  lastReport.set(key, now);
  try {
    const api = (globalThis as Record<symbol, { diag?: DiagLike } | undefined>)[API_KEY];
    api?.diag?.warn(`promptkit ai-sdk: ${message}`);
  } catch {
    // A broken logger must not turn a report into a crash.
  }
}
