// Streaming with the real SDK (1.x and 0.x): `messages.create({ stream: true })` and the
// `messages.stream()` helper, against a loopback server sending the API's server-sent events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ANSWER, MODEL, SDKS, expectedCompletion, messageEvents, simpleStream, streamReply, usage } from './test-fixtures.js';
import { collect, harness, untimed, wire } from './test-harness.js';
import type { FakeReply, SseEvent } from './test-server.js';

const h = harness();
const params = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

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
      assert.deepEqual(untimed(data), expectedCompletion(h.server.port));
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 25, `ttft ${data.timeToFirstTokenMs}`);
      assert.ok(data.timeToFirstTokenMs <= data.durationMs);
    });

    test('time to first token counts thinking and tool input, not signatures or empty deltas; thinking tokens are reasoning', async () => {
      const thinking = { thinking: ['Let me', ' think'], text: [], startUsage: usage(8, 1), deltaUsages: [{ output_tokens: 30, output_tokens_details: { thinking_tokens: 22 } }] };
      const withoutText = (events: SseEvent[]) => events.filter((event) => !['content_block_start', 'content_block_stop'].includes(event.event) || (event.data as { index: number }).index === 0);
      const delta = (d: Record<string, unknown>): SseEvent => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: d } });
      const [start, ...rest] = messageEvents(ANSWER, { text: [], startUsage: usage(8, 1), deltaUsages: [{ output_tokens: 12 }], stopReason: 'tool_use' });
      const toolBlock = { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} } } };
      const tool = (deltas: SseEvent[]) => [start!, toolBlock, ...deltas, ...rest.filter((event) => !event.event.startsWith('content_block'))];
      const rows: [string, FakeReply, boolean][] = [
        ['thinking only', { events: withoutText(messageEvents(ANSWER, thinking)) }, true],
        ['tool input JSON only', { events: tool([delta({ type: 'input_json_delta', partial_json: '' }), delta({ type: 'input_json_delta', partial_json: '{"q":"x"}' })]) }, true],
        ['an empty tool input and a signature only', { events: tool([delta({ type: 'input_json_delta', partial_json: '' }), delta({ type: 'signature_delta', signature: 'sig' })]) }, false],
      ];
      for (const [name, reply, counted] of rows) {
        h.events.length = 0;
        h.server.reply(reply);
        await collect(await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true }));
        assert.equal(h.completed().timeToFirstTokenMs !== undefined, counted, name);
      }
      h.events.length = 0;
      h.server.reply({ events: withoutText(messageEvents(ANSWER, thinking)) });
      await collect(await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true }));
      assert.deepEqual([h.completed().outputTokens, h.completed().reasoningTokens], [30, 22]);
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
