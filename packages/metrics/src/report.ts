import { diag } from '@opentelemetry/api';

const REPORT_INTERVAL_MS = 10_000;

/**
 * Rate-limited `diag` reporting: at most one line per key every ten seconds, with a count of the
 * lines held back since, so a bad input repeated a million times costs one log line, not a million.
 */
export class RateLimitedReporter {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  warn(key: string, message: string): void {
    const now = Date.now();
    const seen = this.last.get(key);
    if (seen !== undefined && now - seen.at < REPORT_INTERVAL_MS) {
      seen.suppressed++;
      return;
    }
    const suppressed = seen?.suppressed ?? 0;
    // Keys are bounded (reasons, event types), so the map cannot grow without limit.
    this.last.set(key, { at: now, suppressed: 0 });
    diag.warn(`promptkit: ${message}${suppressed > 0 ? ` (${suppressed} similar since the last report)` : ''}`);
  }
}
