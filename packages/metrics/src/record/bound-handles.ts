import { metrics, type MeterProvider } from '@opentelemetry/api';
import { describeError } from '@promptkit/events/adapter';
import { catalog } from '../catalog.js';
import { STATUS, TOKEN_TYPES, VALIDATION_STATUS, type DropReason, type Status, type TokenType, type ValidationStatus } from '../label-sets.js';
import { bindingFor, type Binding, type CounterKey } from '../provider-binding.js';
import type { CounterCell } from '../series/counter-family.js';
import type { LabelLimits, LimitedLabel } from '../series/label-limiter.js';
import { isAmount, MAX_AMOUNT, Recorder, show } from './recorder.js';

/** A counter series bound once: `inc()` adds to its cell directly, with no label work per call. */
export interface BoundCounter {
  /** Adds `n` (default 1); a negative, non-finite or non-number `n` is dropped and counted. */
  inc(n?: number): void;
}

/** A PromptKit counter family with typed labels. */
export interface CounterHandle<L> {
  /** Validates, sanitises and caps the labels once; the handle then costs a number addition. */
  bind(labels: L): BoundCounter;
  /** One-off add; prefer `bind()` on hot paths. */
  add(value: number, labels: L): void;
}

export interface PromptKitMetrics {
  stageElements: CounterHandle<{ stage: string; status: Status }>;
  providerRequests: CounterHandle<{ provider: string; model: string; status: Status }>;
  providerTokens: CounterHandle<{ provider: string; model: string; type: TokenType }>;
  providerCost: CounterHandle<{ provider: string; model: string }>;
  toolCalls: CounterHandle<{ tool: string; status: Status }>;
  validations: CounterHandle<{ validator: string; validator_type: string; status: ValidationStatus }>;
}

export interface PromptKitMetricsOptions {
  /** Default: the global MeterProvider in force when this is called. */
  meterProvider?: MeterProvider;
  labelLimits?: LabelLimits;
}

type Key = Exclude<CounterKey, 'pipelinesActive' | 'droppedRecords' | 'labelOverflow' | 'providerUnpricedRequests'>;

/** The closed set a label's values must come from, per family; other labels are free text, capped. */
function closedSet(key: Key, label: string): readonly string[] | undefined {
  if (label === 'status') return key === 'validations' ? VALIDATION_STATUS : STATUS;
  if (label === 'type') return TOKEN_TYPES;
  return undefined;
}

interface Refusal {
  reason: DropReason;
  detail: string;
}

/** Reads one label of the caller's object; a getter that throws reads as a refusal. */
function readLabel(given: object, label: string): { value: unknown } | Refusal {
  try {
    return { value: (given as Record<string, unknown>)[label] };
  } catch (error) {
    return { reason: 'invalid_label', detail: `label ${label} could not be read (${describeError(error)})` };
  }
}

function handle(binding: Binding, recorder: Recorder, key: Key, definition: (typeof catalog)[Key]): CounterHandle<Record<string, string>> {
  const family = binding.counters[key];
  const labels = definition.labels as readonly string[];
  // A cell, or why the labels were refused (each later record on them is dropped for that reason).
  const resolve = (given: unknown): CounterCell | Refusal => {
    if (given === null || typeof given !== 'object') return { reason: 'invalid_label', detail: `${definition.name}: labels ${show(given)}` };
    const values: string[] = [];
    for (const label of labels) {
      const read = readLabel(given, label);
      if ('reason' in read) return { reason: read.reason, detail: `${definition.name}: ${read.detail}` };
      const raw = read.value;
      const closed = closedSet(key, label);
      if (closed !== undefined) {
        if (!closed.includes(raw as string)) {
          return {
            reason: label === 'status' ? 'invalid_status' : 'invalid_label',
            detail: `${definition.name}: ${label} ${show(raw)} is not one of ${closed.join(', ')}`,
          };
        }
        values.push(raw as string);
      } else {
        const value = binding.limiter.value(label as LimitedLabel, raw);
        if (value === undefined) return { reason: 'invalid_label', detail: `${definition.name}: ${label} ${show(raw)}` };
        values.push(value);
      }
    }
    return family.index.get(values);
  };
  const reason: DropReason = key === 'providerCost' ? 'invalid_cost' : key === 'providerTokens' ? 'invalid_tokens' : 'invalid_event';
  const add = (target: CounterCell | Refusal, n: unknown) => {
    if ('reason' in target) recorder.drop(target.reason, target.detail);
    else if (isAmount(n)) target.add(n);
    else recorder.drop(reason, `${definition.name}: increment ${show(n)}`);
  };
  return {
    bind(given) {
      const target = resolve(given);
      if ('reason' in target) return { inc: () => add(target, 0) };
      const cell = target;
      return {
        inc(n = 1) {
          // The common case first: one type check and two comparisons, then the addition.
          if (typeof n === 'number' && n >= 0 && n <= MAX_AMOUNT) cell.add(n);
          else add(cell, n);
        },
      };
    },
    add(value, given) {
      add(resolve(given), value);
    },
  };
}

/**
 * PromptKit's counters as typed handles with `bind()`, for hot paths outside the event bus:
 * `createPromptKitMetrics().stageElements.bind({ stage: 'retrieve', status: 'success' }).inc()`.
 * They record into the same series as the listener and the record* functions, and never throw.
 */
export function createPromptKitMetrics(options: PromptKitMetricsOptions = {}): PromptKitMetrics {
  const meterProvider = options.meterProvider ?? metrics.getMeterProvider();
  const binding = bindingFor(meterProvider, options.labelLimits);
  const recorder = new Recorder({ meterProvider, ...(options.labelLimits ? { labelLimits: options.labelLimits } : {}) });
  const make = (key: Key) => handle(binding, recorder, key, catalog[key]);
  return {
    stageElements: make('stageElements'),
    providerRequests: make('providerRequests'),
    providerTokens: make('providerTokens'),
    providerCost: make('providerCost'),
    toolCalls: make('toolCalls'),
    validations: make('validations'),
  };
}

const noopBound: BoundCounter = { inc: () => {} };
const noopHandle: CounterHandle<never> = { bind: () => noopBound, add: () => {} };

/** Handles that record nothing, for `startMetrics({ metrics: false })`. */
export const noopPromptKitMetrics: PromptKitMetrics = {
  stageElements: noopHandle,
  providerRequests: noopHandle,
  providerTokens: noopHandle,
  providerCost: noopHandle,
  toolCalls: noopHandle,
  validations: noopHandle,
};
