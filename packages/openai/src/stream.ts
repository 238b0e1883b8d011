import { reportProblem, type CallEnd, type ProviderCall } from '@promptkit/events/adapter';

/** Follows the items of one stream: what they say about the call, and which the caller must not see. */
export interface StreamReader {
  /** Reads one item; `content` is true when it carried generated output. */
  read(item: unknown): { content: boolean };
  /** True for an item the adapter caused and the caller would not otherwise have received. */
  hides(item: unknown): boolean;
  /** How the call ended, once the stream is done. */
  end(): CallEnd;
}

const observedStreams = new WeakSet<object>();

/**
 * Makes `stream` report to `call` as it is consumed, in place: the caller keeps the very object the
 * SDK returned (its class, `controller`, `tee()`, `toReadableStream()`). The SDK's `Stream` keeps
 * its source in an `iterator` factory that async iteration, `tee()` and `toReadableStream()` all
 * use; that is replaced. Any other async iterable gets an own `Symbol.asyncIterator` instead.
 * The call ends when the stream is done, throws, or is left early (`break`, `controller.abort()`).
 */
export function observeStream(stream: object, call: ProviderCall, reader: StreamReader): void {
  if (observedStreams.has(stream)) return;
  const target = stream as Record<PropertyKey, unknown>;
  const own = Object.getOwnPropertyDescriptor(stream, 'iterator');
  const key: PropertyKey = own && typeof own.value === 'function' && own.writable ? 'iterator' : Symbol.asyncIterator;
  const source = target[key];
  if (typeof source !== 'function') return;
  try {
    Object.defineProperty(stream, key, {
      value: function observedIterator(this: unknown, ...args: unknown[]) {
        return observeIterator((source as (...a: unknown[]) => AsyncIterator<unknown>).apply(this, args), call, reader);
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
    observedStreams.add(stream);
  } catch (error) {
    reportProblem('openai stream', `openai: cannot observe a stream (${String(error)}); its call is not recorded`);
  }
}

function observeIterator(source: AsyncIterator<unknown>, call: ProviderCall, reader: StreamReader): AsyncIterator<unknown> {
  const end = () => {
    try {
      call.end(reader.end());
    } catch (error) {
      reportProblem('openai stream', `openai: recording a stream's end failed (${String(error)})`);
    }
  };
  // Telemetry problems are reported and otherwise ignored: the item always reaches the caller.
  const read = (item: unknown): boolean => {
    try {
      if (reader.read(item).content) call.firstToken();
      return reader.hides(item);
    } catch (error) {
      reportProblem('openai stream', `openai: reading a stream item failed (${String(error)})`);
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
          call.fail(error);
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
