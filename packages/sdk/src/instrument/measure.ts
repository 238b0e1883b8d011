import type { Clock } from './emit.js';

/** How a callback ended, and how long it took. */
export type Measured<T> = { ok: true; value: T; durationMs: number } | { ok: false; error: unknown; durationMs: number };

/** Runs `fn` (sync or async) and times it; a throw or rejection is captured, never rethrown here. */
export async function measure<T>(now: Clock, fn: () => T | PromiseLike<T>): Promise<Measured<T>> {
  const startedAt = now();
  try {
    const value = await fn();
    return { ok: true, value, durationMs: now() - startedAt };
  } catch (error) {
    return { ok: false, error, durationMs: now() - startedAt };
  }
}
