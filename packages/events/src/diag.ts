// @promptkit/events depends on nothing, yet its failures belong in OpenTelemetry's `diag` like the
// rest of PromptKit's. The OpenTelemetry API keeps the logger given to `diag.setLogger()` in a
// versioned global (shared by every copy of the API); reading it here reports into the same place
// without a dependency. With no logger registered, reports are dropped, as OpenTelemetry's are.
const API_KEY = Symbol.for('opentelemetry.js.api.1');

interface DiagLike {
  error(message: string): void;
  warn(message: string): void;
}

function logger(): DiagLike | undefined {
  const api = (globalThis as Record<symbol, { diag?: DiagLike } | undefined>)[API_KEY];
  return api?.diag;
}

export const diag: DiagLike = {
  error(message) {
    try {
      logger()?.error(message);
    } catch {
      // A broken logger must not turn a report into a crash.
    }
  },
  warn(message) {
    try {
      logger()?.warn(message);
    } catch {
      // As above.
    }
  },
};

const REPORT_INTERVAL_MS = 10_000;
const lastReport = new Map<string, number>();

/**
 * Reports a problem that telemetry worked around, through OpenTelemetry `diag`, at most once every
 * ten seconds per key (keys are a fixed set in code, so the map stays small). For PromptKit's
 * adapters and other code that must not depend on the OpenTelemetry API.
 */
export function reportProblem(key: string, message: string): void {
  const now = Date.now();
  if (now - (lastReport.get(key) ?? -Infinity) < REPORT_INTERVAL_MS) return;
  lastReport.set(key, now);
  diag.warn(`promptkit ${message}`);
}
