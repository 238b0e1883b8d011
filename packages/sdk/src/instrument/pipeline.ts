import type { EventDataMap } from '@promptkit/events';
import type { EventPublisher } from './emit.js';
import { measure } from './measure.js';
import { openRun, type Run, type RunOptions } from './run.js';

/**
 * Runs `fn` as one pipeline run: publishes `pipeline.started`, then `pipeline.completed` or
 * `pipeline.failed`, all with the run's `runId` (a new UUID unless given). Returns `fn`'s value or
 * rethrows its error unchanged. `pipeline.completed` carries the run's token and cost totals when
 * every provider call that completed before the end reported them.
 */
export async function instrumentPipeline<T>(bus: EventPublisher, fn: (run: Run) => T | PromiseLike<T>, options: RunOptions = {}): Promise<T> {
  const { run, emitter, totals } = openRun(bus, options);
  emitter.emit('pipeline.started', {});
  const outcome = await measure(emitter.now, () => fn(run));
  if (!outcome.ok) {
    emitter.emit('pipeline.failed', { durationMs: outcome.durationMs, error: outcome.error });
    throw outcome.error;
  }
  const data: EventDataMap['pipeline.completed'] = { durationMs: outcome.durationMs };
  if (totals.calls > 0) {
    if (totals.cost !== undefined) data.totalCost = totals.cost;
    if (totals.inputTokens !== undefined) data.inputTokens = totals.inputTokens;
    if (totals.outputTokens !== undefined) data.outputTokens = totals.outputTokens;
  }
  emitter.emit('pipeline.completed', data);
  return outcome.value;
}
