// Streaming with the real SDK (2.x, 1.x, and 3.x on Node.js 22+): `models.generateContentStream`
// against a loopback server sending the Gemini API's server-sent events.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { GoogleGenAI } from '@google/genai';
import { ANSWER, MODEL, SDKS, expectedCompletion, chunks, streamReply } from './test-fixtures.js';
import { collect, harness, untimed, wire } from './test-harness.js';

const h = harness();
const params = { model: MODEL, contents: 'Hi' };

for (const sdk of SDKS) {
  describe(`@google/genai ${sdk.version}: generateContentStream`, { skip: sdk.skip }, () => {
    let Client: typeof GoogleGenAI;
    before(async () => {
      Client = await sdk.load();
    });

    test('usage from the last snapshot, time to first content, chunks unchanged and the generator the same object', async () => {
      const usages = [
        { promptTokenCount: 10, totalTokenCount: 10 },
        { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 7, cachedContentTokenCount: 4, totalTokenCount: 20 },
      ];
      const reply = { chunks: chunks(ANSWER, ['Hel', 'lo!'], usages), firstDelayMs: 30, delayMs: 5 };
      h.server.reply(reply, reply);
      const stream = await h.instrumented(Client).models.generateContentStream(params);
      const received = await collect(stream);
      const unwrapped = await collect(await h.client(Client).models.generateContentStream(params));
      assert.deepEqual(wire(received), wire(unwrapped));
      assert.deepEqual(
        received.map((chunk) => chunk.text),
        ['Hel', 'lo!'],
      );
      assert.match(h.server.requests[0]!.path, /\/models\/gemini-2\.5-flash:streamGenerateContent\?alt=sse$/);

      const data = h.completed();
      assert.deepEqual(untimed(data), expectedCompletion(h.server.port));
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 25, `ttft ${data.timeToFirstTokenMs}`);
      assert.ok(data.timeToFirstTokenMs <= data.durationMs);
    });

    test('time to first token is the first chunk with candidate content, not an earlier empty one', async () => {
      const first = { candidates: [{ content: { role: 'model', parts: [] }, index: 0 }], usageMetadata: { promptTokenCount: 4 }, modelVersion: ANSWER };
      const rest = chunks(ANSWER, ['a', 'b'], [undefined, { promptTokenCount: 4, candidatesTokenCount: 2 }]);
      // The empty chunk arrives at 0 ms, the first text 60 ms later.
      h.server.reply({ chunks: [first, ...rest], delayMs: 60, firstDelayMs: 0 });
      await collect(await h.instrumented(Client).models.generateContentStream(params));
      const data = h.completed();
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 55, `ttft ${data.timeToFirstTokenMs}`);
      assert.deepEqual([data.inputTokens, data.outputTokens], [4, 2]);
    });

    test('a function call part is content too', async () => {
      const call = { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'lookup', args: { q: 'x' } } }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 6, candidatesTokenCount: 5 }, modelVersion: ANSWER };
      h.server.reply({ chunks: [call], firstDelayMs: 20 });
      await collect(await h.instrumented(Client).models.generateContentStream(params));
      const data = h.completed();
      assert.ok(data.timeToFirstTokenMs !== undefined);
      assert.equal(data.outputTokens, 5);
    });

    test('direct next() calls are seen as well as for await', async () => {
      h.server.reply(streamReply(ANSWER, ['a', 'b'], 5, 2));
      const stream = await h.instrumented(Client).models.generateContentStream(params);
      const first = await stream.next();
      assert.equal(first.done, false);
      assert.deepEqual(h.types(), ['provider.call.started']);
      let rest = 0;
      for (let next = await stream.next(); !next.done; next = await stream.next()) rest++;
      assert.equal(rest, 1);
      assert.deepEqual([h.completed().inputTokens, h.completed().outputTokens], [5, 2]);
    });

    test('leaving a stream early records the call once, with the counts seen so far', async () => {
      h.server.reply(streamReply(ANSWER, ['a', 'b', 'c'], 12, 3, { delayMs: 5 }));
      const stream = await h.instrumented(Client).models.generateContentStream(params);
      for await (const chunk of stream) if (chunk.text === 'a') break;
      const data = h.completed();
      assert.equal(data.inputTokens, 12);
      assert.equal(data.outputTokens, undefined);
      assert.equal(data.finishReason, undefined);
      assert.ok(data.timeToFirstTokenMs !== undefined);
    });

    test('a stream that is never iterated records only its start', async () => {
      h.server.reply(streamReply(ANSWER, ['a'], 1, 1));
      const stream = await h.instrumented(Client).models.generateContentStream(params);
      assert.deepEqual(h.types(), ['provider.call.started']);
      await stream.return(undefined);
    });
  });
}
