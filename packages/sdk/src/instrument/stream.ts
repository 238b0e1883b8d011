import type { EventDataMap } from '@promptkit/events';
import { Emitter, performanceClock, type Clock, type EventContext, type EventPublisher } from './emit.js';
import { completedData, extract, neutralCost, neutralFinishReason, neutralUsage, type ProviderCall, type Usage } from './usage.js';

/**
 * One streaming LLM call. Extractors read each chunk; without them a chunk is read in the neutral
 * shape (`chunk.usage`, `chunk.cost`, `chunk.finishReason`). Streams report usage as running totals
 * (OpenAI once, in the last chunk with `stream_options.include_usage`; Anthropic and Gemini as they
 * go), so for each count the last value reported wins.
 */
export interface StreamCallOptions<C> extends ProviderCall {
  usage?: (chunk: C) => Partial<Usage> | undefined;
  cost?: (chunk: C) => number | undefined;
  finishReason?: (chunk: C) => string | undefined;
}

/**
 * The chunks, or a function that starts the request and returns them (a promise of them is fine,
 * e.g. `() => client.chat.completions.create({ …, stream: true })`). With a function the call is
 * timed from the request; with an iterable already opened, from the first `next()`.
 */
export type StreamSource<C> = AsyncIterable<C> | (() => AsyncIterable<C> | PromiseLike<AsyncIterable<C>>);

export interface InstrumentStreamOptions<C> extends StreamCallOptions<C>, EventContext {
  bus: EventPublisher;
  /** Monotonic milliseconds. Default `performance.now()`. */
  now?: Clock;
}

type Completed = EventDataMap['provider.call.completed'];

/**
 * Wraps a stream of chunks: yields the same chunks unchanged and publishes one `provider.call.started`
 * and exactly one completed or failed event per iteration, with the duration and the time to the
 * first chunk. The call starts when iteration starts; an iterable never iterated publishes nothing.
 * A consumer that stops early (`break`) gets a completed call with what was seen up to then, and the
 * source's `return()` is still called.
 */
export function instrumentStream<C>(source: StreamSource<C>, options: InstrumentStreamOptions<C>): AsyncIterable<C> {
  const { bus, now = performanceClock, runId, sessionId, conversationId } = options;
  return observeStream(new Emitter(bus, { runId, sessionId, conversationId }, now), options, source);
}

/** The shared implementation; `onCompleted` lets a run add the call to its totals. */
export function observeStream<C>(
  emitter: Emitter,
  call: StreamCallOptions<C>,
  source: StreamSource<C>,
  onCompleted?: (data: Completed) => void,
): AsyncIterable<C> {
  return { [Symbol.asyncIterator]: () => observe(emitter, call, source, onCompleted) };
}

async function* observe<C>(
  emitter: Emitter,
  call: StreamCallOptions<C>,
  source: StreamSource<C>,
  onCompleted: ((data: Completed) => void) | undefined,
): AsyncGenerator<C, void, undefined> {
  const { provider, model } = call;
  const now = emitter.now;
  emitter.emit('provider.call.started', { provider, model });
  const startedAt = now();
  const usage: Partial<Usage> = {};
  let sawUsage = false;
  let cost: number | undefined;
  let finishReason: string | undefined;
  let firstChunkAt: number | undefined;
  let settled = false;
  // True while the consumer holds a chunk: anything thrown then comes from the consumer's side.
  let withConsumer = false;

  const complete = () => {
    settled = true;
    const ttft = firstChunkAt === undefined ? undefined : firstChunkAt - startedAt;
    const data = completedData(call, now() - startedAt, { usage: sawUsage ? usage : undefined, cost, finishReason }, ttft);
    emitter.emit('provider.call.completed', data);
    onCompleted?.(data);
  };

  try {
    const iterable = isAsyncIterable(source) ? source : await source();
    for await (const chunk of iterable) {
      firstChunkAt ??= now();
      const reported = extract(call.usage, chunk, neutralUsage, 'usage');
      if (reported !== undefined) {
        sawUsage = true;
        // Streams report running totals: for each count, the last value reported wins.
        for (const [key, value] of Object.entries(reported)) if (typeof value === 'number') usage[key as keyof Usage] = value;
      }
      cost = extract(call.cost, chunk, neutralCost, 'cost') ?? cost;
      finishReason = extract(call.finishReason, chunk, neutralFinishReason, 'finishReason') ?? finishReason;
      withConsumer = true;
      yield chunk;
      withConsumer = false;
    }
    complete();
  } catch (error) {
    // The source failed, or the consumer's throw() or the source's return() did after the consumer stopped.
    if (!settled) {
      if (withConsumer) complete();
      else {
        settled = true;
        emitter.emit('provider.call.failed', { provider, model, durationMs: now() - startedAt, error });
      }
    }
    throw error;
  } finally {
    // Reached without settling only when the consumer stopped early (return()).
    if (!settled) complete();
  }
}

function isAsyncIterable<C>(source: StreamSource<C>): source is AsyncIterable<C> {
  return source !== null && (typeof source === 'object' || typeof source === 'function') && Symbol.asyncIterator in source;
}
