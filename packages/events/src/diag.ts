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
