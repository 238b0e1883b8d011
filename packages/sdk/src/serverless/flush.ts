import { describeError, reportProblem } from '@promptkit/events/adapter';

/** Anything that pushes its pending metrics on `forceFlush()`: a `Telemetry`, or an OpenTelemetry `MeterProvider`. */
export interface Flushable {
  forceFlush(): Promise<void>;
}

/** The flush target: the object itself, or a promise of it (e.g. `startMetrics()` not awaited at module scope). */
export type FlushTarget = Flushable | PromiseLike<Flushable>;

export interface FlushMetricsOptions {
  /**
   * Milliseconds to wait at most for the push. Default 2 000. A push still running then goes on in
   * the background (and is lost if the platform freezes the process first). A negative or
   * non-finite value is reported through diag and the default is used.
   */
  timeoutMs?: number;
}

/** Milliseconds `flushMetrics` and `withMetricsFlush` wait for a push when no `timeoutMs` is given. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 2_000;

/** The timeout to use: the given one when it is a usable number of milliseconds, else the default (reported). */
export function flushTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return DEFAULT_FLUSH_TIMEOUT_MS;
  if (typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs >= 0) return timeoutMs;
  reportProblem('flush timeout option', `flush timeoutMs=${String(timeoutMs)} is not a number of milliseconds ≥ 0; ${DEFAULT_FLUSH_TIMEOUT_MS} is used`);
  return DEFAULT_FLUSH_TIMEOUT_MS;
}

/**
 * Pushes the metrics recorded so far (OTLP) and resolves when the receiver has answered, or after
 * `timeoutMs` (default 2 000 ms), whichever comes first. Never rejects: a failed or slow push, a
 * target that rejects or is not flushable is reported through OpenTelemetry `diag` (rate-limited).
 *
 * For platforms that keep a function alive for promises it is handed after the response is sent:
 * `waitUntil(flushMetrics(telemetry))` (Vercel's `@vercel/functions`), or
 * `after(() => flushMetrics(telemetry))` (Next.js 15.1+).
 */
export async function flushMetrics(target: FlushTarget, options: FlushMetricsOptions = {}): Promise<void> {
  const timeoutMs = flushTimeout(options.timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const flushed = (async () => {
    const flushable = await target;
    await flushable.forceFlush();
    return 'flushed' as const;
  })().catch((error: unknown) => {
    reportProblem('serverless flush failed', `flushing metrics failed: ${describeError(error)}`);
    return 'failed' as const;
  });
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  try {
    if ((await Promise.race([flushed, timedOut])) === 'timed out') {
      reportProblem('serverless flush timed out', `flushing metrics took longer than ${timeoutMs} ms; the invocation goes on without waiting for it`);
    }
  } finally {
    clearTimeout(timer);
  }
}
