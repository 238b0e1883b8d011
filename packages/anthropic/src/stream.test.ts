// Streaming with the real SDK (1.x and 0.x): `messages.create({ stream: true })` and the
// `messages.stream()` helper, against a loopback server sending the API's server-sent events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODEL, SDKS, messageEvents, simpleStream, streamReply, usage } from './test-fixtures.js';
import { collect, harness, untimed, wire } from './test-harness.js';

const h = harness();
const params = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };
const ANSWER = 'claude-sonnet-4-6-20260101';

for (const sdk of SDKS) {
  describe(`@anthropic-ai/sdk ${sdk.version}: streams`, () => {
    test('create({ stream: true }): usage from message_start and message_delta, time to first text, events unchanged', async () => {
      const parts = { text: ['Hel', 'lo!'], startUsage: usage(12, 1, 100, 3000), deltaUsages: [{ output_tokens: 5 }] };
      h.server.reply(streamReply(ANSWER, parts, { firstDelayMs: 30, delayMs: 5 }), streamReply(ANSWER, parts));
      const stream = await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true });
      assert.ok(stream instanceof sdk.Stream, 'the SDK Stream itself');
      assert.ok(stream.controller instanceof AbortController);
      const received = await collect(stream);
      const unwrapped = await collect(await h.client(sdk.Anthropic).messages.create({ ...params, stream: true }));
      assert.deepEqual(wire(received), wire(unwrapped));
      assert.deepEqual(
        wire(received),
        messageEvents(ANSWER, parts)
          .filter((event) => event.event !== 'ping')
          .map((event) => event.data),
      );

      const data = h.completed();
      assert.deepEqual(untimed(data), {
        provider: 'anthropic',
        model: ANSWER,
        requestModel: MODEL,
        serverAddress: '127.0.0.1',
        serverPort: h.server.port,
        inputTokens: 3112,
        outputTokens: 5,
        cachedTokens: 3000,
        cacheWriteTokens: 100,
        finishReason: 'end_turn',
      });
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 25, `ttft ${data.timeToFirstTokenMs}`);
      assert.ok(data.timeToFirstTokenMs <= data.durationMs);
    });

    test('time to first token counts thinking, and thinking tokens are the reasoning part of the output', async () => {
      const parts = { thinking: ['Let me', ' think'], text: ['Hi'], startUsage: usage(8, 1), deltaUsages: [{ output_tokens: 30, output_tokens_details: { thinking_tokens: 22 } }] };
      // Events are sent 40 ms in, then one every 15 ms: the first thinking delta is well before the first text delta.
      const events = messageEvents(ANSWER, parts);
      const sentAt = (type: string) => 40 + 15 * events.findIndex((event) => (event.data as { delta?: { type?: string } }).delta?.type === type);
      h.server.reply(streamReply(ANSWER, parts, { firstDelayMs: 40, delayMs: 15 }));
      await collect(await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true, thinking: { type: 'enabled', budget_tokens: 1024 } }));
      const data = h.completed();
      assert.equal(data.outputTokens, 30);
      assert.equal(data.reasoningTokens, 22);
      const ttft = data.timeToFirstTokenMs;
      assert.ok(ttft !== undefined && ttft >= sentAt('thinking_delta') - 5 && ttft < sentAt('text_delta') - 5, `ttft ${ttft}`);
    });

    test('a stream with no content delta has no time to first token', async () => {
      h.server.reply(streamReply(ANSWER, { text: [], startUsage: usage(8, 1), deltaUsages: [{ output_tokens: 0 }] }));
      await collect(await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true }));
      const data = h.completed();
      assert.equal(data.timeToFirstTokenMs, undefined);
      assert.equal(data.outputTokens, 0);
    });

    test('message_delta counts are cumulative: the last one wins, never a sum; a later input count replaces the start', async () => {
      const parts = {
        text: ['a', 'b'],
        startUsage: usage(20, 1, 0, 50),
        deltaUsages: [{ output_tokens: 3 }, { output_tokens: 9, input_tokens: 25, cache_read_input_tokens: null }],
      };
      h.server.reply(streamReply(ANSWER, parts));
      await collect(await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true }));
      const data = h.completed();
      assert.equal(data.outputTokens, 9);
      assert.equal(data.inputTokens, 75, 'input 25 from the delta, cache read 50 kept from the start (null is no value)');
      assert.equal(data.cachedTokens, 50);
    });

    test('leaving a stream early records the call once, with the prompt counts and no output count', async () => {
      h.server.reply(simpleStream(ANSWER, ['a', 'b', 'c'], 12, 3, { delayMs: 5 }));
      const stream = await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true });
      for await (const event of stream) if (event.type === 'content_block_delta') break;
      const data = h.completed();
      assert.equal(data.inputTokens, 12);
      assert.equal(data.outputTokens, undefined, 'the placeholder output_tokens of message_start is not a count');
      assert.equal(data.finishReason, undefined);
      assert.ok(data.timeToFirstTokenMs !== undefined);
      assert.equal(stream.controller.signal.aborted, true, 'the SDK still aborts the request');
    });

    test('a stream that is never iterated records only its start', async () => {
      h.server.reply(simpleStream(ANSWER, ['a'], 1, 1));
      const stream = await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true });
      assert.deepEqual(h.types(), ['provider.call.started']);
      stream.controller.abort();
    });

    test('tee() and toReadableStream() still work, and each call is recorded once', async () => {
      const client = h.instrumented(sdk.Anthropic);
      h.server.reply(simpleStream(ANSWER, ['a', 'b'], 5, 2), simpleStream(ANSWER, ['c'], 4, 1));
      const [left, right] = (await client.messages.create({ ...params, stream: true })).tee();
      const [leftEvents, rightEvents] = await Promise.all([collect(left), collect(right)]);
      assert.deepEqual(leftEvents, rightEvents);
      assert.equal(leftEvents.length, 7);
      assert.equal(h.completed().outputTokens, 2);

      h.events.length = 0;
      const readable = (await client.messages.create({ ...params, stream: true })).toReadableStream();
      const lines = (await new Response(readable as ReadableStream).text()).trim().split('\n');
      assert.equal(lines.length, 6);
      assert.equal(h.completed().outputTokens, 1);
    });

    test('messages.stream(): recorded exactly once; finalMessage(), text events and iteration unchanged', async () => {
      const parts = { text: ['Hel', 'lo!'], startUsage: usage(12, 1, 100, 3000), deltaUsages: [{ output_tokens: 5 }] };
      h.server.reply(streamReply(ANSWER, parts, { firstDelayMs: 20 }), streamReply(ANSWER, parts));
      const client = h.instrumented(sdk.Anthropic);
      const texts: string[] = [];
      const messageStream = client.messages.stream(params).on('text', (delta) => texts.push(delta));
      const final = await messageStream.finalMessage();
      assert.deepEqual(texts, ['Hel', 'lo!']);
      const unwrapped = await h.client(sdk.Anthropic).messages.stream(params).finalMessage();
      assert.deepEqual(wire(final), wire(unwrapped));
      assert.deepEqual([final.usage.input_tokens, final.usage.output_tokens, final.usage.cache_read_input_tokens], [12, 5, 3000]);
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.completed']);
      const data = h.completed();
      assert.equal(data.inputTokens, 3112);
      assert.equal(data.outputTokens, 5);
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 15);
      assert.equal(h.server.requests[0]!.body.stream, true);

      h.events.length = 0;
      h.server.reply(streamReply(ANSWER, parts));
      const iterated = await collect(client.messages.stream(params));
      assert.equal(iterated.length, 7);
      assert.equal(h.completed().outputTokens, 5);
    });
  });
}
