import { diag } from '@opentelemetry/api';

const REPORT_INTERVAL_MS = 10_000;
const last = new Map<string, { at: number; suppressed: number }>();

/**
 * Reports a problem the helpers worked around, through `diag`, at most once every ten seconds per
 * key: a mistake repeated on every call costs one log line, not one per call. Keys are a fixed set,
 * so the map stays small.
 */
export function reportProblem(key: string, message: string): void {
  const now = Date.now();
  const seen = last.get(key);
  if (seen !== undefined && now - seen.at < REPORT_INTERVAL_MS) {
    seen.suppressed++;
    return;
  }
  const suppressed = seen?.suppressed ?? 0;
  last.set(key, { at: now, suppressed: 0 });
  diag.warn(`promptkit: ${message}${suppressed > 0 ? ` (${suppressed} similar since the last report)` : ''}`);
}
