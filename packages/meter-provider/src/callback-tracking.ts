import type { BatchObservableCallback, Meter, Observable, ObservableCallback } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

type Pending = Map<string, number>;

const pendingByProvider = new WeakMap<object, Pending>();
const TRACKED = Symbol('promptkit.tracked');

function begin(pending: Pending, names: readonly string[]): () => void {
  for (const name of names) pending.set(name, (pending.get(name) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const name of names) {
      const left = (pending.get(name) ?? 1) - 1;
      if (left <= 0) pending.delete(name);
      else pending.set(name, left);
    }
  };
}

/** Runs a callback and keeps its instruments in `pending` until it settles. */
function tracked<A extends unknown[]>(pending: Pending, names: readonly string[], callback: (...args: A) => unknown): (...args: A) => unknown {
  return (...args: A) => {
    const end = begin(pending, names);
    try {
      const result = callback(...args);
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
        (result as PromiseLike<unknown>).then(end, end);
      } else end();
      return result;
    } catch (error) {
      end();
      throw error;
    }
  };
}

interface Callbacks {
  addCallback(callback: ObservableCallback): void;
  removeCallback(callback: ObservableCallback): void;
}

function trackInstrument<T extends object>(instrument: T, name: string, pending: Pending): T {
  const observable = instrument as unknown as Callbacks;
  const wrappers = new WeakMap<ObservableCallback, ObservableCallback>();
  const add = observable.addCallback.bind(observable);
  const remove = observable.removeCallback.bind(observable);
  observable.addCallback = (callback) => {
    const wrapped = tracked(pending, [name], callback) as ObservableCallback;
    wrappers.set(callback, wrapped);
    add(wrapped);
  };
  observable.removeCallback = (callback) => remove(wrappers.get(callback) ?? callback);
  return instrument;
}

function trackMeter(meter: Meter, pending: Pending): Meter {
  const marked = meter as Meter & { [TRACKED]?: true };
  if (marked[TRACKED]) return meter;
  marked[TRACKED] = true;
  for (const create of ['createObservableCounter', 'createObservableUpDownCounter', 'createObservableGauge'] as const) {
    const original = meter[create].bind(meter);
    (meter as unknown as Record<string, unknown>)[create] = (name: string, options?: object) => trackInstrument(original(name, options), name, pending);
  }
  const addBatch = meter.addBatchObservableCallback.bind(meter);
  const removeBatch = meter.removeBatchObservableCallback.bind(meter);
  const batchWrappers = new WeakMap<BatchObservableCallback, BatchObservableCallback>();
  const names = (observables: Observable[]) => observables.map((o) => (o as { _descriptor?: { name?: string } })._descriptor?.name ?? 'a batch callback');
  meter.addBatchObservableCallback = (callback, observables) => {
    const wrapped = tracked(pending, names(observables), callback) as BatchObservableCallback;
    batchWrappers.set(callback, wrapped);
    addBatch(wrapped, observables);
  };
  meter.removeBatchObservableCallback = (callback, observables) => removeBatch(batchWrappers.get(callback) ?? callback, observables);
  return meter;
}

/**
 * A MeterProvider that knows which observable callbacks are running, so a collection that times
 * out can say which instrument held it up.
 */
export class TrackedMeterProvider extends MeterProvider {
  private readonly pending: Pending = new Map();

  constructor(options?: ConstructorParameters<typeof MeterProvider>[0]) {
    super(options);
    pendingByProvider.set(this, this.pending);
  }

  override getMeter(name: string, version?: string, options?: Parameters<MeterProvider['getMeter']>[2]): Meter {
    return trackMeter(super.getMeter(name, version, options), this.pending);
  }
}

/** The instruments whose callbacks are running now on a provider PromptKit built ([] for others). */
export function pendingCallbacks(provider: object): string[] {
  return [...(pendingByProvider.get(provider)?.keys() ?? [])];
}
