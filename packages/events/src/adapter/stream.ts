import { describeError, reportProblem } from '../diag.js';
import type { CallEnd, ProviderCall } from './provider-call.js';

/** Follows the items of one stream: what they say about the call, and which the caller must not see. */
export interface StreamReader {
  /** Reads one item; `content` is true when it carried generated output (for time to first token). */
  read(item: unknown): { content: boolean };
  /** True for an item the adapter caused and the caller would not otherwise have received. Default: none. */
  hides?(item: unknown): boolean;
  /** How the call ended, once the stream is done or left early. */
  end(): CallEnd;
  /** How the call ended when reading the stream threw `error`. Default: failed with `error`. */
  fail?(error: unknown): CallEnd;
}

type IteratorMethod = (...args: unknown[]) => Promise<IteratorResult<unknown>>;

const observedStreams = new WeakSet<object>();

/**
 * Makes `stream` report to `call` as it is consumed, in place: the caller keeps the very object the
 * client library returned. Three shapes are known:
 * - an SDK `Stream` (OpenAI, Anthropic) keeps its source in an own `iterator` factory that async
 *   iteration, `tee()` and `toReadableStream()` all use; that factory is replaced, so the class,
 *   `controller`, `tee()` and `toReadableStream()` keep working;
 * - an async generator (Google GenAI) gets own `next`, `return` and `throw`, so `for await` and
 *   direct `.next()` calls are both seen;
 * - any other async iterable gets an own `Symbol.asyncIterator`.
 * The call ends when the stream is done, throws, or is left early (`break`, an abort). Never throws.
 */
export function observeStream(stream: object, call: ProviderCall, reader: StreamReader): void {
  if (observedStreams.has(stream)) return;
  try {
    if (observeIteratorFactory(stream, call, reader) || observeGenerator(stream, call, reader) || observeIterable(stream, call, reader)) {
      observedStreams.add(stream);
    }
  } catch (error) {
    reportProblem('adapter stream', `${call.provider}: cannot observe a stream (${describeError(error)}); its call is not recorded`);
  }
}

function defineOwn(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function observeIteratorFactory(stream: object, call: ProviderCall, reader: StreamReader): boolean {
  const own = Object.getOwnPropertyDescriptor(stream, 'iterator');
  if (!own || typeof own.value !== 'function' || !own.writable) return false;
  const source = own.value as (...args: unknown[]) => AsyncIterator<unknown>;
  defineOwn(stream, 'iterator', function observedIterator(this: unknown, ...args: unknown[]) {
    return observeIterator(source.apply(this, args), call, reader);
  });
  return true;
}

/**
 * An async iterator that is its own iterable (an async generator, native or compiled to ES2017):
 * `for await` reads its `next` once, so an own `next` sees every item. `[Symbol.asyncIterator]` is
 * not called to check, since on other objects that may start or lock something.
 */
function observeGenerator(stream: object, call: ProviderCall, reader: StreamReader): boolean {
  const target = stream as Record<PropertyKey, unknown>;
  const next = target.next;
  if (typeof next !== 'function' || typeof target[Symbol.asyncIterator] !== 'function') return false;
  const bound = (method: unknown) => (typeof method === 'function' ? (method as IteratorMethod).bind(stream) : undefined);
  const source: AsyncIterator<unknown> = { next: bound(next)! };
  const sourceReturn = bound(target.return);
  const sourceThrow = bound(target.throw);
  if (sourceReturn) source.return = sourceReturn;
  if (sourceThrow) source.throw = sourceThrow;
  const observed = observeIterator(source, call, reader);
  defineOwn(stream, 'next', observed.next.bind(observed));
  defineOwn(stream, 'return', observed.return!.bind(observed));
  defineOwn(stream, 'throw', observed.throw!.bind(observed));
  return true;
}

function observeIterable(stream: object, call: ProviderCall, reader: StreamReader): boolean {
  const source = (stream as Record<PropertyKey, unknown>)[Symbol.asyncIterator];
  if (typeof source !== 'function') return false;
  defineOwn(stream, Symbol.asyncIterator, function observedIterator(this: unknown, ...args: unknown[]) {
    return observeIterator((source as (...a: unknown[]) => AsyncIterator<unknown>).apply(this, args), call, reader);
  });
  return true;
}

function observeIterator(source: AsyncIterator<unknown>, call: ProviderCall, reader: StreamReader): AsyncIterator<unknown> {
  const end = () => {
    try {
      call.end(reader.end());
    } catch (error) {
      reportProblem('adapter stream', `${call.provider}: recording a stream's end failed (${describeError(error)})`);
    }
  };
  const fail = (error: unknown) => {
    try {
      call.end(reader.fail ? reader.fail(error) : { ok: false, error });
    } catch (problem) {
      reportProblem('adapter stream', `${call.provider}: recording a stream's failure failed (${String(problem)})`);
      call.fail(error);
    }
  };
  // Telemetry problems are reported and otherwise ignored: the item always reaches the caller.
  const read = (item: unknown): boolean => {
    try {
      if (reader.read(item).content) call.firstToken();
      return reader.hides?.(item) ?? false;
    } catch (error) {
      reportProblem('adapter stream', `${call.provider}: reading a stream item failed (${describeError(error)})`);
      return false;
    }
  };
  return {
    async next(...args: [] | [unknown]) {
      for (;;) {
        let result: IteratorResult<unknown>;
        try {
          result = await source.next(...args);
        } catch (error) {
          fail(error);
          throw error;
        }
        if (result.done) {
          end();
          return result;
        }
        if (!read(result.value)) return result;
      }
    },
    async return(value?: unknown) {
      end();
      return source.return ? source.return(value) : { done: true as const, value };
    },
    async throw(error?: unknown) {
      end();
      if (source.throw) return source.throw(error);
      throw error;
    },
  };
}
