import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rateLimitReply, responseEvents, responseObject, responseReply, responseStreamReply } from './test-fixtures.js';
import { Harness, MAJORS, collect, timeless } from './test-clients.js';

for (const major of MAJORS) {
  describe(`responses.create (${major.label})`, { skip: major.skip }, () => {
    const h = new Harness(major);

    test('a plain response records every token count and keeps output_text', async () => {
      const client = h.instrumented();
      const usage = { input: 2000, output: 600, cached: 1280, cacheWrite: 256, reasoning: 448 };
      h.server.reply(responseReply('gpt-5-2025-08-07', 'Hello!', usage));
      const response = await client.responses.create({ model: 'gpt-5', input: 'Hi' });
      assert.equal(response.output_text, 'Hello!');
      // The SDK adds output_text to the wire object.
      const wire = JSON.parse(JSON.stringify(response)) as Record<string, unknown>;
      delete wire.output_text;
      assert.deepEqual(wire, responseObject('gpt-5-2025-08-07', 'Hello!', usage));
      assert.equal(h.server.requests[0]!.path, '/v1/responses');
      assert.deepEqual(timeless(h.completed()), {
        provider: 'openai',
        model: 'gpt-5-2025-08-07',
        requestModel: 'gpt-5',
        serverAddress: '127.0.0.1',
        serverPort: Number(new URL(h.server.baseURL).port),
        durationMs: 0,
        inputTokens: 2000,
        outputTokens: 600,
        cachedTokens: 1280,
        cacheWriteTokens: 256,
        reasoningTokens: 448,
        finishReason: 'completed',
      });
    });

    test('an incomplete response records why it stopped', async () => {
      const client = h.instrumented();
      h.server.reply({ status: 200, json: responseObject('gpt-4.1', 'Hel', { input: 10, output: 16 }, 'incomplete') });
      await client.responses.create({ model: 'gpt-4.1', input: 'Hi', max_output_tokens: 16 });
      const data = h.completed();
      assert.equal(data.finishReason, 'max_output_tokens');
      assert.equal(data.requestModel, undefined, 'the same model answered');
    });

    test('a stream records usage from response.completed and time to first output_text.delta', async () => {
      const client = h.instrumented();
      const model = 'gpt-4.1-2025-04-14';
      h.server.reply(responseStreamReply(model, ['Hel', 'lo'], { input: 50, output: 2, cached: 10 }, { firstDelayMs: 20, delayMs: 10 }));
      const stream = await client.responses.create({ model: 'gpt-4.1', input: 'Hi', stream: true });
      assert.ok(stream instanceof h.lib.Stream);
      const received = await collect(stream);
      assert.deepEqual(JSON.parse(JSON.stringify(received)), responseEvents(model, ['Hel', 'lo'], { input: 50, output: 2, cached: 10 }).map((event) => event.data));
      assert.equal('stream_options' in h.server.requests[0]!.body, false, 'the Responses API reports usage by itself');
      const data = h.completed();
      assert.deepEqual(
        [data.model, data.requestModel, data.inputTokens, data.outputTokens, data.cachedTokens, data.reasoningTokens, data.finishReason],
        [model, 'gpt-4.1', 50, 2, 10, 0, 'completed'],
      );
      // Four events arrive before the first delta, 10 ms apart after a 20 ms start.
      assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 50, `ttft ${data.timeToFirstTokenMs}`);
    });

    test('a response.failed event fails the call', async () => {
      const client = h.instrumented();
      const failedResponse = { ...responseObject('gpt-4.1', '', { input: 1, output: 0 }, 'in_progress'), status: 'failed', error: { code: 'server_error', message: 'boom' } };
      h.server.reply({ events: [{ event: 'response.failed', data: { type: 'response.failed', sequence_number: 0, response: failedResponse } }], done: false });
      const stream = await client.responses.create({ model: 'gpt-4.1', input: 'Hi', stream: true });
      assert.equal((await collect(stream)).length, 1);
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.failed']);
      assert.deepEqual(h.failed().error, { code: 'server_error', message: 'boom' });
    });

    test('a 429 is rethrown unchanged', async () => {
      const client = h.instrumented();
      h.server.reply(rateLimitReply());
      await assert.rejects(client.responses.create({ model: 'gpt-4.1', input: 'Hi' }), h.lib.OpenAI.RateLimitError);
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.failed']);
    });
  });
}
