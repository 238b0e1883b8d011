import { flushMetrics, flushTimeout, type FlushTarget } from './flush.js';

/**
 * The invocation context's deadline, as AWS Lambda's context gives it. Optional: a context without
 * it (other platforms, tests) leaves the flush bounded by `timeoutMs` alone.
 */
export interface InvocationDeadline {
  getRemainingTimeInMillis(): number;
}

export interface MetricsFlushOptions {
  /** What to flush: a `Telemetry` from `startMetrics()` (or a promise of it), or a `MeterProvider`. */
  telemetry: FlushTarget;
  /** Milliseconds the flush may add to an invocation, at most. Default 2 000. */
  timeoutMs?: number;
}

/**
 * Time kept free before the invocation's deadline, so that flushing never turns a result into a
 * platform timeout.
 */
export const DEADLINE_RESERVE_MS = 200;

function remainingMs(context: unknown): number | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  try {
    const read = (context as Partial<InvocationDeadline>).getRemainingTimeInMillis;
    if (typeof read !== 'function') return undefined;
    const remaining = read.call(context);
    return typeof remaining === 'number' && Number.isFinite(remaining) ? remaining : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps an AWS Lambda-style handler, `(event, context) => result | Promise<result>`, so that every
 * invocation pushes its metrics (OTLP) before it returns: platforms that freeze or end the process
 * as soon as the handler returns would otherwise lose the data recorded since the last periodic
 * push. The wrapped handler resolves with the handler's own value, or rejects with the handler's
 * own error (the same object), after the flush; the flush never throws, never changes either, and
 * adds at most `timeoutMs` (default 2 000 ms). With a context that has `getRemainingTimeInMillis()`
 * (AWS Lambda's), the flush also ends `DEADLINE_RESERVE_MS` (200 ms) before the invocation's deadline,
 * and is skipped when less time than that is left.
 *
 * Callback-style handlers `(event, context, callback)` are not supported: AWS Lambda's Node.js 24
 * runtime no longer runs them either. Write the handler as an async function.
 */
export function withMetricsFlush<Event, Context, Result>(
  handler: (event: Event, context: Context) => Result | PromiseLike<Result>,
  options: MetricsFlushOptions,
): (event: Event, context: Context) => Promise<Awaited<Result>> {
  const timeoutMs = flushTimeout(options.timeoutMs);
  const flush = async (context: Context) => {
    const remaining = remainingMs(context);
    const budget = remaining === undefined ? timeoutMs : Math.min(timeoutMs, remaining - DEADLINE_RESERVE_MS);
    if (budget > 0) await flushMetrics(options.telemetry, { timeoutMs: budget });
  };
  return async function flushingHandler(this: unknown, event: Event, context: Context): Promise<Awaited<Result>> {
    let result: Awaited<Result>;
    try {
      result = await handler.call(this, event, context);
    } catch (error) {
      await flush(context);
      throw error;
    }
    await flush(context);
    return result;
  };
}
