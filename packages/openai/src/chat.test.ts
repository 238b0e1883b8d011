import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatChunks, chatCompletion, chatReply, chatStreamReply, rateLimitReply } from './test-fixtures.js';
import { Harness, MAJORS, collect, timeless } from './test-clients.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

for (const major of MAJORS) {
  describe(`chat.completions.create (${major.label})`, { skip: major.skip }, () => {
    const h = new Harness(major);

    test('a plain completion records both models, every token count, finish reason, server and duration, and is returned unchanged', async () => {
      const client = h.instrumented();
      const usage = { input: 1200, output: 480, cached: 1024, cacheWrite: 64, reasoning: 320 };
      h.server.reply(chatReply('o4-mini-2025-04-16', 'Hello!', usage));
      const completion = await client.chat.completions.create({ model: 'o4-mini', messages });
      assert.deepEqual(JSON.parse(JSON.stringify(completion)), chatCompletion('o4-mini-2025-04-16', 'Hello!', usage));
      assert.equal(completion._request_id, 'req_test');
      assert.deepEqual(h.server.requests[0]!.body, { model: 'o4-mini', messages });
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.completed']);
      assert.deepEqual(h.events[0]!.data, { provider: 'openai', model: 'o4-mini' });
      assert.deepEqual(timeless(h.completed()), {
        provider: 'openai',
        model: 'o4-mini-2025-04-16',
        requestModel: 'o4-mini',
        serverAddress: '127.0.0.1',
        serverPort: Number(new URL(h.server.baseURL).port),
        durationMs: 0,
        inputTokens: 1200,
        outputTokens: 480,
        cachedTokens: 1024,
        cacheWriteTokens: 64,
        reasoningTokens: 320,
        finishReason: 'stop',
      });
    });

    test('a stream gets usage through stream_options, hides the usage chunk, and records time to first token', async () => {
      const client = h.instrumented();
      const model = 'gpt-4o-mini-2024-07-18';
      h.server.reply(chatStreamReply(model, ['Hel', 'lo'], { input: 30, output: 2, cached: 0 }, { firstDelayMs: 30, delayMs: 5 }));
      const request = { model: 'gpt-4o-mini', messages, stream: true as const };
      const stream = await client.chat.completions.create(request);
      assert.ok(stream instanceof h.lib.Stream, 'the SDK Stream itself');
      assert.ok(stream.controller instanceof AbortController);
      assert.equal('stream_options' in request, false, "the caller's request object is not changed");
      assert.deepEqual(h.server.requests[0]!.body.stream_options, { include_usage: true });
      const chunks = await collect(stream);
      // Every chunk the caller would have seen without the adapter, and not the usage-only one.
      assert.deepEqual(JSON.parse(JSON.stringify(chunks)), chatChunks(model, ['Hel', 'lo'], { input: 30, output: 2 }, true).slice(0, -1));
      const data = h.completed();
      assert.deepEqual(
        [data.model, data.requestModel, data.inputTokens, data.outputTokens, data.cachedTokens, data.reasoningTokens, data.finishReason],
        [model, 'gpt-4o-mini', 30, 2, 0, 0, 'stop'],
      );
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 25, `ttft ${data.timeToFirstTokenMs}`);
      assert.ok(data.timeToFirstTokenMs <= data.durationMs);
    });

    test("a caller's own stream_options are sent as given, and its usage chunk reaches the caller", async () => {
      const client = h.instrumented();
      h.server.reply(chatStreamReply('gpt-4o', ['a'], { input: 5, output: 1 }));
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } });
      const chunks = await collect(stream);
      assert.deepEqual(h.server.requests[0]!.body.stream_options, { include_usage: true });
      assert.equal(chunks.at(-1)!.choices.length, 0);
      assert.equal(chunks.at(-1)!.usage?.prompt_tokens, 5);
      assert.equal(h.completed().inputTokens, 5);
    });

    test('stream_options without include_usage: the stream records no token counts', async () => {
      const client = h.instrumented();
      h.server.reply(chatStreamReply('gpt-4o', ['a'], { input: 5, output: 1 }));
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_obfuscation: false } });
      await collect(stream);
      assert.deepEqual(h.server.requests[0]!.body.stream_options, { include_obfuscation: false });
      const data = h.completed();
      // No usage reported: no token counts, rather than a made-up zero.
      assert.equal(data.inputTokens, undefined);
      assert.equal(data.outputTokens, undefined);
      assert.ok(data.timeToFirstTokenMs !== undefined);
    });

    test('streamUsage: false sends the request as given', async () => {
      const client = h.instrumented({ streamUsage: false });
      h.server.reply(chatStreamReply('gpt-4o', ['a'], { input: 5, output: 1 }));
      await collect(await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true }));
      assert.equal('stream_options' in h.server.requests[0]!.body, false);
      assert.equal(h.completed().inputTokens, undefined);
    });

    test('a 429 is rethrown unchanged after provider.call.failed', async () => {
      const client = h.instrumented();
      h.server.reply(rateLimitReply());
      const error = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).then(
        () => assert.fail('resolved'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof h.lib.OpenAI.RateLimitError);
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.failed']);
      const failed = h.failed();
      assert.equal(failed.error, error, 'the very error the caller got');
      assert.deepEqual([failed.provider, failed.model, failed.requestModel], ['openai', 'gpt-4o-mini', undefined]);
    });

    test('an error event inside a stream fails the call with the answering model and reaches the caller', async () => {
      const client = h.instrumented();
      h.server.reply({ events: [{ data: chatChunks('gpt-4o-2024-08-06', ['a'], { input: 1, output: 1 }, true)[1] }, { data: { error: { message: 'overloaded', type: 'server_error' } } }] });
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
      await assert.rejects(collect(stream), (error: unknown) => error instanceof h.lib.OpenAI.APIError && /overloaded/.test(error.message));
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.failed']);
      assert.deepEqual([h.failed().model, h.failed().requestModel], ['gpt-4o-2024-08-06', 'gpt-4o']);
    });

    test('leaving a stream early records the call once, without usage', async () => {
      const client = h.instrumented();
      h.server.reply(chatStreamReply('gpt-4o', ['a', 'b', 'c'], { input: 5, output: 3 }, { delayMs: 5 }));
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content === 'a') break;
      const data = h.completed();
      assert.equal(data.inputTokens, undefined);
      assert.ok(data.timeToFirstTokenMs !== undefined);
      assert.equal(stream.controller.signal.aborted, true, 'the SDK still aborts the request');
    });

    test('tee() and toReadableStream() still work and the call is recorded once', async () => {
      const client = h.instrumented();
      h.server.reply(chatStreamReply('gpt-4o', ['a', 'b'], { input: 5, output: 2 }), chatStreamReply('gpt-4o', ['c'], { input: 4, output: 1 }));
      const [left, right] = (await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true })).tee();
      const [leftChunks, rightChunks] = await Promise.all([collect(left), collect(right)]);
      assert.deepEqual(leftChunks, rightChunks);
      assert.equal(leftChunks.length, 4);
      assert.equal(h.completed().outputTokens, 2);

      h.events.length = 0;
      const readable = (await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true })).toReadableStream();
      const lines = (await new Response(readable as ReadableStream).text()).trim().split('\n');
      assert.equal(lines.length, 3, 'role, content and finish chunks, without the usage chunk');
      assert.equal(h.completed().outputTokens, 1);
    });

    test('withResponse() gives the same data and the raw response, and records once', async () => {
      const client = h.instrumented();
      h.server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
      const { data, response, request_id } = await client.chat.completions.create({ model: 'gpt-4o', messages }).withResponse();
      assert.equal(data.choices[0]!.message.content, 'Hi');
      assert.equal(response.status, 200);
      assert.equal(request_id, 'req_test');
      assert.equal(h.completed().inputTokens, 3);
    });

    test('asResponse() leaves the body to the caller and records no completion', async () => {
      const client = h.instrumented();
      h.server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
      const response = await client.chat.completions.create({ model: 'gpt-4o', messages }).asResponse();
      const body = (await response.json()) as { usage: { prompt_tokens: number } };
      assert.equal(body.usage.prompt_tokens, 3);
      assert.deepEqual(h.types(), ['provider.call.started']);
    });

    test('chat.completions.parse() goes through the wrapper and records once', async () => {
      const client = h.instrumented();
      h.server.reply(chatReply('gpt-4o', '{"answer":42}', { input: 9, output: 4 }));
      const parsed = await client.chat.completions.parse({ model: 'gpt-4o', messages, response_format: { type: 'json_object' } });
      assert.equal(parsed.choices[0]!.message.content, '{"answer":42}');
      assert.equal(h.completed().outputTokens, 4);
    });

    test('the stream helper (chat.completions.stream) is recorded and finishes', async () => {
      const client = h.instrumented();
      h.server.reply(chatStreamReply('gpt-4o', ['Hel', 'lo'], { input: 6, output: 2 }));
      const final = await client.chat.completions.stream({ model: 'gpt-4o', messages }).finalChatCompletion();
      assert.equal(final.choices[0]!.message.content, 'Hello');
      assert.equal(h.completed().inputTokens, 6);
    });
  });
}
