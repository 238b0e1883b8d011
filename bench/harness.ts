/**
 * Measurement primitives shared by every section: interleaved timing rounds with medians, and heap
 * deltas after full garbage collections. Nothing here knows about PromptKit.
 */

/** A timed case: `run(n)` performs the operation n times (its own loop, so call overhead is amortised). */
export interface TimedCase {
  readonly name: string;
  run(iterations: number): void | Promise<void>;
  /** Untimed work before each sample (e.g. new records between two scrapes). */
  prepare?(): void;
}

export interface TimingOptions {
  /** Alternating rounds; every case runs once per round. */
  rounds: number;
  /** Wall time one sample aims at, in milliseconds; iterations per sample are calibrated to it. */
  sampleMs: number;
  /** Time spent running every case before the first measured round, in milliseconds. */
  warmupMs: number;
  /**
   * `wall` (default): elapsed time. `cpu`: the CPU time the process used (user + system, µs
   * resolution), which time spent waiting for a core does not inflate; for small differences
   * measured on shared cores.
   */
  clock?: 'wall' | 'cpu';
}

export interface Timing {
  /** Median nanoseconds per operation over the rounds. */
  nsPerOp: number;
  /** Every round's nanoseconds per operation, in round order. */
  samples: number[];
  iterations: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function collectGarbage(): void {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('the benchmarks need global.gc(): run them with node --expose-gc (npm run bench does)');
  // Twice: the first pass can leave objects that only the second finds unreachable (weak refs, finalizers).
  gc();
  gc();
}

/** Nanoseconds now on the chosen clock. */
function now(clock: TimingOptions['clock']): number {
  if (clock !== 'cpu') return Number(process.hrtime.bigint());
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

async function timeOnce(timedCase: TimedCase, iterations: number, clock?: TimingOptions['clock']): Promise<number> {
  const start = now(clock);
  const pending = timedCase.run(iterations);
  if (pending !== undefined) await pending;
  return now(clock) - start;
}

/** Iterations for one sample of about `sampleMs`, found by doubling (a pause can only make it smaller). */
async function calibrate(timedCase: TimedCase, sampleMs: number): Promise<number> {
  const targetNs = sampleMs * 1e6;
  let iterations = 1;
  for (;;) {
    const elapsed = await timeOnce(timedCase, iterations);
    if (elapsed >= targetNs / 2 || iterations >= 1 << 26) return Math.max(1, Math.round((iterations * targetNs) / Math.max(elapsed, 1)));
    iterations *= 2;
  }
}

/**
 * Runs the cases in alternating rounds: each round runs every case once, and the starting case
 * rotates from round to round, so drift (CPU frequency, a neighbour's load, heap growth) and order
 * effects land on every case alike. A full GC before each round keeps one case's garbage from being
 * collected on another's clock; garbage a case makes within its own sample stays on its clock.
 */
export async function interleave(cases: readonly TimedCase[], options: TimingOptions): Promise<Map<string, Timing>> {
  // Warm up before calibrating: a cold first call (compilation, a GC pause) would otherwise make the
  // calibration pick a handful of iterations, and post-GC costs would then dominate every sample.
  const warmupEnd = Date.now() + options.warmupMs;
  const warmupIterations = new Map<TimedCase, number>(cases.map((c) => [c, 1]));
  while (Date.now() < warmupEnd) {
    for (const timedCase of cases) {
      const n = warmupIterations.get(timedCase)!;
      if ((await timeOnce(timedCase, n)) < options.sampleMs * 1e6) warmupIterations.set(timedCase, n * 2);
    }
  }
  const iterations = new Map<TimedCase, number>();
  for (const timedCase of cases) {
    const tries = [await calibrate(timedCase, options.sampleMs), await calibrate(timedCase, options.sampleMs), await calibrate(timedCase, options.sampleMs)];
    iterations.set(timedCase, Math.max(...tries));
  }

  const samples = new Map<TimedCase, number[]>(cases.map((c) => [c, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const timedCase = cases[(round + k) % cases.length]!;
      timedCase.prepare?.();
      collectGarbage();
      const n = iterations.get(timedCase)!;
      samples.get(timedCase)!.push((await timeOnce(timedCase, n, options.clock)) / n);
    }
  }
  return new Map(cases.map((c) => [c.name, { nsPerOp: median(samples.get(c)!), samples: samples.get(c)!, iterations: iterations.get(c)! }]));
}

/**
 * The median of the per-round ratios candidate ÷ baseline. Both samples of a round were taken
 * milliseconds apart, so a slow spell (another process on the same cores) cancels out of each ratio.
 */
export function pairedRatio(candidate: Timing, baseline: Timing): number {
  return median(candidate.samples.map((sample, round) => sample / baseline.samples[round]!));
}

/** Keeps what a heap measurement built reachable until the measurement is over. */
const retained: { value?: unknown } = {};

/**
 * Heap bytes that `grow` adds and keeps reachable: used heap after full GCs before and after it.
 * What `setup` makes (fixed costs: registries, providers) is in place before the first reading, and
 * everything stays reachable until the second. Garbage made on the way is collected, not counted.
 */
export async function retainedHeapBytes<T>(setup: () => T | Promise<T>, grow: (fixture: T) => unknown): Promise<number> {
  retained.value = undefined;
  collectGarbage();
  const fixture = await setup();
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  retained.value = [fixture, await grow(fixture)];
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  retained.value = undefined;
  return after - before;
}

/** Formats nanoseconds for the table: 812 ns, 3.41 µs, 12.3 ms. */
export function formatDuration(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(ns < 10 ? 2 : ns < 100 ? 1 : 0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(2)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}
