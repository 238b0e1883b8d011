import type { EventBus, PromptKitEvent } from '@promptkit/events';
import { AbortableTimers } from './clock.js';
import { SimulatedPipeline } from './pipeline.js';
import { ProviderError } from './provider.js';
import { deriveSeed, Random } from './random.js';

export interface WorkloadOptions {
  /** Stops the workload: no new pipelines start, and the running ones end as failed. */
  signal?: AbortSignal;
  /** Mean arrival rate, in simulated time (Poisson arrivals). Default 2. */
  pipelinesPerSecond?: number;
  /** Most pipelines running at once; arrivals wait for a free slot. Default 16. */
  concurrency?: number;
  /** Same seed, same pipelines, whatever the timing. Default: a random seed, reported in the summary. */
  seed?: number;
  /** Real time per simulated time: 1 is realistic, 0.01 runs 100× faster, 0 as fast as possible. Default 1. */
  timeScale?: number;
  /** Stop after this many pipelines have run. Default: no limit (run until aborted). */
  maxPipelines?: number;
}

/** Counts of every event the workload published, in the units of the metrics' labels. */
export interface WorkloadSummary {
  seed: number;
  /** True when the signal stopped the workload. */
  aborted: boolean;
  /** Events published, of every type. */
  events: number;
  pipelines: { started: number; completed: number; failed: number };
  stages: { completed: number; failed: number };
  /** `rateLimited` calls are also counted in `error`; `streamed` ones (with a time to first token) in `success`. */
  providerCalls: { success: number; error: number; rateLimited: number; streamed: number };
  /** Token counts of successful calls; `input` includes `cached` and `cacheWrite`, `output` includes `reasoning`. */
  tokens: { input: number; output: number; cached: number; cacheWrite: number; reasoning: number };
  costUsd: number;
  toolCalls: { success: number; error: number };
  validations: { passed: number; failed: number };
}

/**
 * Simulates LLM pipelines against a fake in-process provider and publishes their events on `bus`.
 * Resolves once it has stopped: after `maxPipelines`, or after an abort once every running pipeline
 * has published its end. Each pipeline's behaviour follows from the seed and its number alone.
 */
export async function runWorkload(bus: EventBus, options: WorkloadOptions = {}): Promise<WorkloadSummary> {
  const { signal, pipelinesPerSecond, concurrency, seed, timeScale, maxPipelines } = resolve(options);
  const summary = emptySummary(seed);
  const publish = (event: PromptKitEvent) => {
    count(summary, event);
    bus.publish(event);
  };
  const arrivals = new Random(seed);
  const timers = new AbortableTimers(signal);
  const running = new Set<Promise<void>>();

  try {
    for (let index = 0; index < maxPipelines && !signal?.aborted; index++) {
      if (index > 0) {
        const gapMs = arrivals.exponential(1000 / pipelinesPerSecond) * timeScale;
        const waited = await timers.wait(gapMs).then(() => true, () => false);
        if (!waited) break;
      }
      while (running.size >= concurrency) await Promise.race(running);
      if (signal?.aborted) break;
      const pipeline = new SimulatedPipeline({
        publish,
        seed: deriveSeed(seed, index),
        runId: `run-${seed.toString(16)}-${index}`,
        sessionId: `session-${index % 25}`,
        timeScale,
        timers,
      });
      const done: Promise<void> = pipeline.run().then(() => {
        running.delete(done);
      });
      running.add(done);
    }
    await Promise.all(running);
  } finally {
    timers.dispose();
  }
  summary.aborted = signal?.aborted === true;
  return summary;
}

function resolve(options: WorkloadOptions) {
  const {
    signal,
    pipelinesPerSecond = 2,
    concurrency = 16,
    seed = Math.floor(Math.random() * 2 ** 32),
    timeScale = 1,
    maxPipelines = Infinity,
  } = options;
  if (!(Number.isFinite(pipelinesPerSecond) && pipelinesPerSecond > 0))
    throw new RangeError(`pipelinesPerSecond must be a positive number, got ${pipelinesPerSecond}`);
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new RangeError(`concurrency must be an integer of at least 1, got ${concurrency}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (!(Number.isFinite(timeScale) && timeScale >= 0))
    throw new RangeError(`timeScale must be a number of at least 0 (1 is realistic), got ${timeScale}`);
  if (!(maxPipelines === Infinity || (Number.isInteger(maxPipelines) && maxPipelines >= 0)))
    throw new RangeError(`maxPipelines must be a whole number or Infinity, got ${maxPipelines}`);
  return { signal, pipelinesPerSecond, concurrency, seed: seed >>> 0, timeScale, maxPipelines };
}

function emptySummary(seed: number): WorkloadSummary {
  return {
    seed,
    aborted: false,
    events: 0,
    pipelines: { started: 0, completed: 0, failed: 0 },
    stages: { completed: 0, failed: 0 },
    providerCalls: { success: 0, error: 0, rateLimited: 0, streamed: 0 },
    tokens: { input: 0, output: 0, cached: 0, cacheWrite: 0, reasoning: 0 },
    costUsd: 0,
    toolCalls: { success: 0, error: 0 },
    validations: { passed: 0, failed: 0 },
  };
}

// Counting what is published, rather than what was planned, keeps the summary exact under aborts.
function count(summary: WorkloadSummary, event: PromptKitEvent): void {
  summary.events++;
  switch (event.type) {
    case 'pipeline.started':
      summary.pipelines.started++;
      break;
    case 'pipeline.completed':
      summary.pipelines.completed++;
      break;
    case 'pipeline.failed':
      summary.pipelines.failed++;
      break;
    case 'stage.completed':
      summary.stages.completed++;
      break;
    case 'stage.failed':
      summary.stages.failed++;
      break;
    case 'provider.call.completed':
      summary.providerCalls.success++;
      if (event.data.timeToFirstTokenMs !== undefined) summary.providerCalls.streamed++;
      // A call that reported no usage adds no tokens.
      summary.tokens.input += event.data.inputTokens ?? 0;
      summary.tokens.output += event.data.outputTokens ?? 0;
      summary.tokens.cached += event.data.cachedTokens ?? 0;
      summary.tokens.cacheWrite += event.data.cacheWriteTokens ?? 0;
      summary.tokens.reasoning += event.data.reasoningTokens ?? 0;
      summary.costUsd += event.data.cost ?? 0;
      break;
    case 'provider.call.failed':
      summary.providerCalls.error++;
      if (event.data.error instanceof ProviderError && event.data.error.rateLimited) summary.providerCalls.rateLimited++;
      break;
    case 'tool.call.completed':
      summary.toolCalls.success++;
      break;
    case 'tool.call.failed':
      summary.toolCalls.error++;
      break;
    case 'validation.passed':
      summary.validations.passed++;
      break;
    case 'validation.failed':
      summary.validations.failed++;
      break;
  }
}
