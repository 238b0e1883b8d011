// Wrapping a client library's method so that each call publishes one provider call's events, for
// adapters that patch a client in place (@promptkit/openai, @promptkit/anthropic,
// @promptkit/google-genai) and for your own.
import { describeError, reportProblem } from '../diag.js';
import { observeApiPromise, settleWith, type SettleHooks } from './api-promise.js';
import type { ProviderCall } from './provider-call.js';
import { isObject } from './wire.js';

/** A client method, as `wrapMethod` hands it to the wrapper. */
export type ClientMethod = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Replaces the method `owner[key]` with one that calls `wrapper(original, this, args)` and keeps
 * the original's `name`. The replacement is marked with `marker` (one `Symbol.for(…)` per adapter),
 * so a method already wrapped, even by another copy of the adapter, is left as it is. Returns false,
 * changing nothing, where `owner` is not an object, has no such method, or it is already wrapped.
 */
export function wrapMethod(owner: unknown, key: string, marker: symbol, wrapper: (original: ClientMethod, self: unknown, args: unknown[]) => unknown): boolean {
  if (!isObject(owner)) return false;
  const original = owner[key];
  if (typeof original !== 'function' || (original as unknown as Record<symbol, unknown>)[marker]) return false;
  const method = original as ClientMethod;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    return wrapper(method, this, args);
  };
  Object.defineProperty(wrapped, marker, { value: true });
  Object.defineProperty(wrapped, 'name', { value: method.name });
  owner[key] = wrapped;
  return true;
}

/** How one call of a wrapped method is recorded. */
export interface CallRecording {
  /** The adapter's name, which starts each problem it reports through `diag` (`openai: …`). */
  adapter: string;
  /** Starts the call's events; if it throws, that is reported and the method runs unrecorded. */
  start(): ProviderCall;
  /**
   * Records what the method returned, or what its promise resolved to: ends `call`, or hands it to
   * a stream (`observeStream`) that ends it once consumed. If it throws, that is reported.
   */
  settle(call: ProviderCall, value: unknown): void;
  /**
   * How a returned promise is followed. `'observe'` (default): the caller gets a stand-in that keeps
   * the promise's own methods (the `APIPromise` of the OpenAI and Anthropic SDKs, see
   * `observeApiPromise`) and the call is recorded as the caller awaits it. `'chain'`: the caller
   * gets a promise chained on it, settling with the same value or error, and the call is recorded
   * as soon as it settles.
   */
  promise?: 'observe' | 'chain';
}

/**
 * Runs `invoke` (the original method, called as the caller called it) as one recorded provider
 * call, and returns what it returns: the same value, or for a promise a stand-in or a chained
 * promise (see `CallRecording.promise`) with the same value. An error, thrown or rejected, reaches
 * the caller unchanged after `provider.call.failed` carried it. Telemetry problems never reach the
 * caller: they are reported once per kind through `diag`.
 */
export function recordCall(recording: CallRecording, invoke: () => unknown): unknown {
  const call = startCall(recording);
  let result: unknown;
  try {
    result = invoke();
  } catch (error) {
    call?.fail(error);
    throw error;
  }
  if (call === undefined) return result;
  const hooks: SettleHooks = {
    value: (value) => settle(recording, call, value),
    error: (error) => call.fail(error),
  };
  if (!isObject(result) || typeof result.then !== 'function') {
    hooks.value(result);
    return result;
  }
  const promise = result as unknown as PromiseLike<unknown>;
  return recording.promise === 'chain' ? settleWith(promise, hooks) : observeApiPromise(promise, hooks);
}

function startCall(recording: CallRecording): ProviderCall | undefined {
  try {
    return recording.start();
  } catch (error) {
    reportProblem(`${recording.adapter} start`, `${recording.adapter}: cannot record a call (${describeError(error)}); it runs unrecorded`);
    return undefined;
  }
}

function settle(recording: CallRecording, call: ProviderCall, value: unknown): void {
  try {
    recording.settle(call, value);
  } catch (error) {
    reportProblem(`${recording.adapter} settle`, `${recording.adapter}: recording a result failed (${describeError(error)})`);
  }
}
