/** What to do with the value or the error a `create()` call settles with. */
export interface SettleHooks {
  value(value: unknown): void;
  error(error: unknown): void;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Returns a stand-in for the `APIPromise` of the OpenAI and Anthropic SDKs that behaves like it
 * (`await`, `.then`, `.catch`, `.finally`, `.withResponse()`, `.asResponse()`, `instanceof`) and
 * reports how it settles; any other promise-like works too. The SDK parses the body only when asked: the hooks run on the caller's own `await`/`.then`/
 * `.withResponse()`, before the caller sees the value, and `.asResponse()` (the raw HTTP response,
 * body unread) is passed through untouched and not recorded.
 */
export function observeApiPromise<P extends PromiseLike<unknown>>(target: P, hooks: SettleHooks): P {
  let settled: Promise<unknown> | undefined;
  // One observation however many times the caller attaches handlers.
  const observed = () =>
    (settled ??= Promise.resolve(
      target.then(
        (value) => {
          hooks.value(value);
          return value;
        },
        (error: unknown) => {
          hooks.error(error);
          throw error;
        },
      ),
    ));
  const methods: Record<PropertyKey, Method> = {
    then: (onFulfilled, onRejected) => observed().then(onFulfilled as never, onRejected as never),
    catch: (onRejected) => observed().catch(onRejected as never),
    finally: (onFinally) => observed().finally(onFinally as never),
  };
  const withResponse = (target as unknown as Record<string, unknown>).withResponse;
  if (typeof withResponse === 'function') {
    // The same parse as `await`: `data` is the value the hooks saw.
    methods.withResponse = async () => (await Promise.all([withResponse.call(target), observed()]))[0];
  }
  const thenUnwrap = (target as unknown as Record<string, unknown>)._thenUnwrap;
  if (typeof thenUnwrap === 'function') {
    // The SDK's own helpers (OpenAI `chat.completions.parse`, `responses.parse`) chain on the
    // promise `create()` returned; the hooks follow the chain, and the call still ends once.
    methods._thenUnwrap = (transform) => observeApiPromise(thenUnwrap.call(target, transform) as PromiseLike<unknown>, hooks);
  }
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(methods, property)) return methods[property];
      const value: unknown = Reflect.get(object, property, object);
      // The SDK's methods read private fields, so they must run on the real promise.
      return typeof value === 'function' ? (value as Method).bind(object) : value;
    },
  });
}
