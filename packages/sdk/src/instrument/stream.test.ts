import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventOf, PromptKitEvent } from '@promptkit/events';
import { createRun } from './run.js';
import { instrumentStream } from './stream.js';

function recorder() {
  const events: PromptKitEvent[] = [];
  return {
    events,
    bus: { publish: (event: PromptKitEvent) => void events.push(event) },
    types: () => events.map((e) => e.type),
    completed: () => events.filter((e): e is EventOf<'provider.call.completed'> => e.type === 'provider.call.completed').map((e) => e.data),
  };
}

interface Chunk {
  text: string;
  usage?: { inputTokens?: number; outputTokens?: number; cachedTokens?: number };
}

/** A source that records whether its iterator was closed. */
function source<T = Chunk>(chunks: T[], options: { delayMs?: number; failAfter?: number; error?: unknown } = {}) {
  const state = { returned: false, pulled: 0 };
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        async next() {
          if (options.delayMs) await sleep(options.delayMs);
          if (options.failAfter !== undefined && i === options.failAfter) throw options.error;
          if (i >= chunks.length) return { done: true, value: undefined };
          state.pulled++;
          return { done: false, value: chunks[i++]! };
        },
        return() {
          state.returned = true;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
  return { iterable, state };
}

const chunks: Chunk[] = [{ text: 'Hel' }, { text: 'lo' }, { text: '', usage: { inputTokens: 30, outputTokens: 2, cachedTokens: 10 } }];
const call = { provider: 'openai', model: 'gpt-4o-mini' };

describe('instrumentStream', () => {
  test('yields the same chunks, then publishes completed once with usage from the last chunk and TTFT ≤ duration', async () => {
    const { events, bus, types, completed } = recorder();
    const { iterable } = source(chunks, { delayMs: 3 });
    const seen: Chunk[] = [];
    for await (const chunk of instrumentStream(iterable, { ...call, bus, runId: 'r9' })) seen.push(chunk);
    assert.equal(seen.length, 3);
    seen.forEach((chunk, i) => assert.equal(chunk, chunks[i], 'same objects, unchanged'));
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
    assert.ok(events.every((e) => e.runId === 'r9'));
    const data = completed()[0]!;
    assert.deepEqual([data.inputTokens, data.outputTokens, data.cachedTokens], [30, 2, 10]);
    assert.ok(data.timeToFirstTokenMs! > 0, `ttft ${data.timeToFirstTokenMs}`);
    assert.ok(data.timeToFirstTokenMs! <= data.durationMs, `ttft ${data.timeToFirstTokenMs} ≤ ${data.durationMs}`);
    assert.ok(data.durationMs >= 9, `three pulls of ≥ 3 ms: ${data.durationMs}`);
  });

  test('exact times with a manual clock: TTFT at the first chunk, duration at the end', async () => {
    const { bus, completed } = recorder();
    let ms = 0;
    // Waiting on the manual clock: time moves by `elapsedMs`, then the wait is over.
    const wait = (elapsedMs: number) => {
      ms += elapsedMs;
      return Promise.resolve();
    };
    async function* stream() {
      await wait(400); // waiting for the first token
      yield { text: 'a' };
      await wait(100);
      yield { text: 'b', usage: { inputTokens: 9, outputTokens: 2 } };
      await wait(5);
    }
    for await (const _ of instrumentStream(stream, { ...call, bus, now: () => ms })) ms += 1; // consumer work counts
    assert.deepEqual(completed(), [{ ...call, durationMs: 507, timeToFirstTokenMs: 400, inputTokens: 9, outputTokens: 2 }]);
  });

  test('a factory is called when iteration starts, and may return a promise of the stream', async () => {
    const { types, bus } = recorder();
    let calls = 0;
    const wrapped = instrumentStream(
      () => {
        calls++;
        return Promise.resolve(source(chunks).iterable);
      },
      { ...call, bus },
    );
    assert.equal(calls, 0);
    assert.deepEqual(types(), [], 'nothing is published before iteration');
    for await (const _ of wrapped);
    assert.equal(calls, 1);
    for await (const _ of wrapped); // a second iteration is a second call
    assert.equal(calls, 2);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed', 'provider.call.started', 'provider.call.completed']);
  });

  test('break: completed exactly once with what was seen, and the source is closed', async () => {
    const { bus, types, completed } = recorder();
    const { iterable, state } = source(chunks);
    for await (const chunk of instrumentStream(iterable, { ...call, bus })) {
      assert.equal(chunk.text, 'Hel');
      break;
    }
    assert.equal(state.returned, true, "the source iterator's return() was called");
    assert.equal(state.pulled, 1);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
    const data = completed()[0]!;
    assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs <= data.durationMs);
    assert.equal('inputTokens' in data, false, 'no usage arrived before the stop, so none is reported');
  });

  test('a consumer that throws inside the loop: completed once (the provider did not fail), its error propagates', async () => {
    const { bus, types } = recorder();
    const { iterable, state } = source(chunks);
    const mine = new Error('consumer bug');
    await assert.rejects(async () => {
      for await (const _ of instrumentStream(iterable, { ...call, bus })) throw mine;
    }, (error) => error === mine);
    assert.equal(state.returned, true);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
  });

  test('an error mid-stream: failed once with the same error, after the chunks before it', async () => {
    const { events, bus, types } = recorder();
    const broken = new Error('connection reset');
    const { iterable } = source(chunks, { failAfter: 2, error: broken });
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const chunk of instrumentStream(iterable, { ...call, bus })) seen.push(chunk.text);
    }, (error) => error === broken);
    assert.deepEqual(seen, ['Hel', 'lo']);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    const failed = events[1]!;
    assert.ok(failed.type === 'provider.call.failed' && failed.data.error === broken && failed.data.durationMs >= 0);
  });

  test('a factory that rejects (the request failed before streaming) publishes failed and rethrows', async () => {
    const { bus, types } = recorder();
    const refused = new Error('401 unauthorized');
    const wrapped = instrumentStream<Chunk>(() => Promise.reject(refused), { ...call, bus });
    await assert.rejects(async () => {
      for await (const _ of wrapped);
    }, (error) => error === refused);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
  });

  test('a source whose return() throws after a break: completed once, the error reaches the consumer', async () => {
    const { bus, types } = recorder();
    const closeFailed = new Error('close failed');
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.resolve({ done: false, value: 1 }),
        return: () => Promise.reject(closeFailed),
      }),
    };
    await assert.rejects(async () => {
      for await (const _ of instrumentStream(iterable, { ...call, bus })) break;
    }, (error) => error === closeFailed);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
  });

  test('an iterator closed before its first next() publishes nothing and opens nothing', async () => {
    const { bus, types } = recorder();
    let opened = false;
    const iterator = instrumentStream(() => ((opened = true), source(chunks).iterable), { ...call, bus })[Symbol.asyncIterator]();
    await iterator.return?.();
    assert.equal(opened, false);
    assert.deepEqual(types(), []);
  });

  test('an empty stream completes without a time to first token', async () => {
    const { bus, completed } = recorder();
    for await (const _ of instrumentStream(source([]).iterable, { ...call, bus }));
    assert.equal('timeToFirstTokenMs' in completed()[0]!, false);
  });

  test('running usage totals: the last value of each count wins (Anthropic/Gemini style)', async () => {
    const { bus, completed } = recorder();
    type AnthropicEvent =
      | { type: 'message_start'; message: { usage: { input_tokens: number; output_tokens: number } } }
      | { type: 'content_block_delta'; delta: { text: string } }
      | { type: 'message_delta'; usage: { output_tokens: number } };
    const anthropicEvents: AnthropicEvent[] = [
      { type: 'message_start', message: { usage: { input_tokens: 50, output_tokens: 1 } } },
      { type: 'content_block_delta', delta: { text: 'Hi' } },
      { type: 'message_delta', usage: { output_tokens: 15 } },
    ];
    const usage = (e: AnthropicEvent) =>
      e.type === 'message_start'
        ? { inputTokens: e.message.usage.input_tokens, outputTokens: e.message.usage.output_tokens }
        : e.type === 'message_delta'
          ? { outputTokens: e.usage.output_tokens }
          : undefined;
    for await (const _ of instrumentStream(source(anthropicEvents).iterable, { provider: 'anthropic', model: 'claude-3-5-haiku', bus, usage }));
    assert.deepEqual([completed()[0]!.inputTokens, completed()[0]!.outputTokens], [50, 15]);
  });

  test('OpenAI chunks with stream_options.include_usage, through an extractor; cached > input is dropped', async () => {
    const { bus, completed } = recorder();
    const openaiChunks = [
      { choices: [{ delta: { role: 'assistant', content: '' }, finish_reason: null }], usage: null },
      { choices: [{ delta: { content: 'Hi' }, finish_reason: 'stop' }], usage: null },
      { choices: [], usage: { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 99 } } },
    ];
    type OpenAIChunk = (typeof openaiChunks)[number];
    for await (const _ of instrumentStream(source(openaiChunks).iterable, {
      ...call,
      bus,
      usage: (c: OpenAIChunk) =>
        c.usage ? { inputTokens: c.usage.prompt_tokens, outputTokens: c.usage.completion_tokens, cachedTokens: c.usage.prompt_tokens_details.cached_tokens } : undefined,
      finishReason: (c: OpenAIChunk) => c.choices[0]?.finish_reason ?? undefined,
    }));
    const data = completed()[0]!;
    assert.deepEqual([data.inputTokens, data.outputTokens, 'cachedTokens' in data, data.finishReason], [10, 1, false, 'stop']);
  });

  test('a usage extractor that throws never breaks the stream', async () => {
    const { bus, completed } = recorder();
    const seen: Chunk[] = [];
    const usage = () => {
      throw new Error('bad extractor');
    };
    for await (const chunk of instrumentStream(source(chunks).iterable, { ...call, bus, usage })) seen.push(chunk);
    assert.equal(seen.length, 3);
    assert.equal('inputTokens' in completed()[0]!, false);
  });
});

describe('run.stream', () => {
  test('carries the runId on both events', async () => {
    const { events, bus } = recorder();
    const run = createRun(bus, { runId: 'run-1' });
    const texts: string[] = [];
    for await (const chunk of run.stream(call, () => source(chunks).iterable)) texts.push(chunk.text);
    assert.deepEqual(texts, ['Hel', 'lo', '']);
    assert.ok(events.length === 2 && events.every((e) => e.runId === 'run-1'));
  });
});
