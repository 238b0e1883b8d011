import { randomUUID } from 'node:crypto';
import type { EventDataMap } from '@promptkit/events';
import { field } from '@promptkit/events/adapter';
import { Emitter, performanceClock, type Clock, type EventContext, type EventPublisher } from './emit.js';
import { measure } from './measure.js';
import { callProvider, type ProviderCallOptions } from './provider.js';
import { observeStream, type StreamCallOptions, type StreamSource } from './stream.js';

export interface RunOptions extends EventContext {
  /** Default: a new `randomUUID()`. */
  runId?: string;
  /** Monotonic milliseconds, for simulations and tests. Default `performance.now()`. */
  now?: Clock;
}

/**
 * What `run.validate` reads from its callback: `false`, or `{ passed: false, violations? }`, fails
 * the validation; anything else (`true`, a parsed value, nothing) passes. Throwing fails it too.
 */
export interface ValidationVerdict {
  passed: boolean;
  violations?: unknown[];
}

/**
 * One run of a pipeline: every helper times its callback, publishes the started event and then the
 * completed or failed one (all carrying `runId`), returns the callback's value unchanged and rethrows
 * its error unchanged. Helpers nest freely and may run concurrently.
 */
export interface Run {
  readonly runId: string;
  /** `stage.started`, then `stage.completed` or `stage.failed`; `index` counts the run's stages from 0. */
  stage<T>(name: string, stageType: string, fn: () => T | PromiseLike<T>): Promise<T>;
  /** `provider.call.started`, then `.completed` (with usage, cost and finish reason when reported) or `.failed`. */
  provider<R>(call: ProviderCallOptions<R>, fn: () => R | PromiseLike<R>): Promise<R>;
  /** `tool.call.started`, then `tool.call.completed` or `tool.call.failed`. */
  tool<T>(toolName: string, fn: () => T | PromiseLike<T>, options?: { callId?: string }): Promise<T>;
  /**
   * `validation.started`, then `validation.passed` or `validation.failed`. A `false` verdict
   * resolves (to `false`) without throwing; a throw is a failed validation whose violation is the
   * error, and is rethrown.
   */
  validate<T>(validatorName: string, validatorType: string, fn: () => T | PromiseLike<T>): Promise<T>;
  /** A streaming provider call: see `instrumentStream`. */
  stream<C>(call: StreamCallOptions<C>, source: StreamSource<C>): AsyncIterable<C>;
}

/** Totals over a run's completed provider calls, for `pipeline.completed`. */
export interface RunTotals {
  calls: number;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cost: number | undefined;
}

/** A run and its live totals; `instrumentPipeline` reads the totals when the pipeline ends. */
export interface OpenRun {
  run: Run;
  emitter: Emitter;
  totals: RunTotals;
}

/** A run on a bus for code that manages its own pipeline events (or has none); no pipeline events. */
export function createRun(bus: EventPublisher, options: RunOptions = {}): Run {
  return openRun(bus, options).run;
}

export function openRun(bus: EventPublisher, options: RunOptions = {}): OpenRun {
  const { runId = randomUUID(), sessionId, conversationId, now = performanceClock } = options;
  const emitter = new Emitter(bus, { runId, sessionId, conversationId }, now);
  const totals: RunTotals = { calls: 0, inputTokens: 0, outputTokens: 0, cost: 0 };
  let stages = 0;

  const addCall = (data: EventDataMap['provider.call.completed']) => {
    totals.calls++;
    // A total is only reported while every call reported its part; one unknown makes it unknown.
    totals.inputTokens = add(totals.inputTokens, data.inputTokens);
    totals.outputTokens = add(totals.outputTokens, data.outputTokens);
    totals.cost = add(totals.cost, data.cost);
  };

  const run: Run = {
    runId,

    async stage(name, stageType, fn) {
      const index = stages++;
      emitter.emit('stage.started', { name, stageType, index });
      const outcome = await measure(now, fn);
      const { durationMs } = outcome;
      if (!outcome.ok) {
        emitter.emit('stage.failed', { name, stageType, index, durationMs, error: outcome.error });
        throw outcome.error;
      }
      emitter.emit('stage.completed', { name, stageType, index, durationMs });
      return outcome.value;
    },

    provider(call, fn) {
      return callProvider(emitter, call, fn, addCall);
    },

    async tool(toolName, fn, options = {}) {
      const ids = options.callId === undefined ? {} : { callId: options.callId };
      emitter.emit('tool.call.started', { toolName, ...ids });
      const outcome = await measure(now, fn);
      const { durationMs } = outcome;
      if (!outcome.ok) {
        emitter.emit('tool.call.failed', { toolName, ...ids, durationMs, error: outcome.error });
        throw outcome.error;
      }
      emitter.emit('tool.call.completed', { toolName, ...ids, durationMs });
      return outcome.value;
    },

    async validate(validatorName, validatorType, fn) {
      emitter.emit('validation.started', { validatorName, validatorType });
      const outcome = await measure(now, fn);
      const { durationMs } = outcome;
      if (!outcome.ok) {
        emitter.emit('validation.failed', { validatorName, validatorType, durationMs, violations: [outcome.error] });
        throw outcome.error;
      }
      const verdict = readVerdict(outcome.value);
      if (verdict.passed) emitter.emit('validation.passed', { validatorName, validatorType, durationMs });
      else if (verdict.violations === undefined) emitter.emit('validation.failed', { validatorName, validatorType, durationMs });
      else emitter.emit('validation.failed', { validatorName, validatorType, durationMs, violations: verdict.violations });
      return outcome.value;
    },

    stream(call, source) {
      return observeStream(emitter, call, source, addCall);
    },
  };
  return { run, emitter, totals };
}

function readVerdict(value: unknown): ValidationVerdict {
  if (value === false) return { passed: false };
  // field() never throws: a verdict whose getters throw reads as a pass, and the caller's value stands.
  const passed = field(value, 'passed');
  if (typeof passed === 'boolean') {
    const violations = field(value, 'violations');
    return Array.isArray(violations) ? { passed, violations } : { passed };
  }
  return { passed: true };
}

function add(total: number | undefined, amount: number | undefined): number | undefined {
  if (total === undefined || amount === undefined || !Number.isFinite(amount) || amount < 0) return undefined;
  return total + amount;
}
