/**
 * Timers that all stop when one signal aborts. They share a single abort listener, so hundreds of
 * concurrent waits do not pile listeners onto the caller's signal.
 */
export class AbortableTimers {
  private readonly pending = new Set<(error: Error) => void>();
  private readonly onAbort = () => {
    const error = stoppedError(this.signal?.reason);
    for (const cancel of [...this.pending]) cancel(error);
  };

  constructor(private readonly signal: AbortSignal | undefined) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Waits real milliseconds; 0 still yields to the event loop, so an abort is seen. */
  wait(realMs: number): Promise<void> {
    if (this.signal?.aborted) return Promise.reject(stoppedError(this.signal.reason));
    return new Promise<void>((resolve, reject) => {
      const finish = () => {
        this.pending.delete(cancel);
        resolve();
      };
      const timer = realMs > 0 ? setTimeout(finish, realMs) : undefined;
      const immediate = timer === undefined ? setImmediate(finish) : undefined;
      const cancel = (error: Error) => {
        clearTimeout(timer);
        clearImmediate(immediate);
        this.pending.delete(cancel);
        reject(error);
      };
      this.pending.add(cancel);
    });
  }

  /** Detaches from the signal. */
  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

function stoppedError(reason: unknown): Error {
  const error = new Error('stopped: the workload was aborted', { cause: reason });
  error.name = 'AbortError';
  return error;
}

/**
 * Simulated time for one pipeline. `advance(ms)` waits `ms × timeScale` of real time, while events
 * report the simulated milliseconds, so a sped-up run shows the same durations as a realistic one.
 */
export class SimulatedClock {
  /** Simulated milliseconds since the clock was made. */
  elapsedMs = 0;

  constructor(
    private readonly timers: AbortableTimers,
    private readonly timeScale: number,
  ) {}

  /** Waits; rejects with an AbortError as soon as the signal aborts. */
  async advance(ms: number): Promise<void> {
    const startedAt = performance.now();
    try {
      await this.timers.wait(ms * this.timeScale);
      this.elapsedMs += ms;
    } catch (error) {
      // Interrupted: only the part of the wait that really passed counts.
      if (this.timeScale > 0) this.elapsedMs += Math.min(ms, (performance.now() - startedAt) / this.timeScale);
      throw error;
    }
  }
}
