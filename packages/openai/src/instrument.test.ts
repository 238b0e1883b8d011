import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { EventBus, type EventOf, type PromptKitEvent } from '@promptkit/events';
import OpenAI from 'openai';
import { Stream } from 'openai/streaming';
import { instrumentOpenAI } from './index.js';
import {
  chatChunks,
  chatCompletion,
  chatReply,
  chatStreamReply,
  rateLimitReply,
  responseEvents,
  responseObject,
  responseReply,
  responseStreamReply,
} from './test-fixtures.js';
import { FakeOpenAIServer } from './test-server.js';

let server: FakeOpenAIServer;
let events: PromptKitEvent[];
let eventBus: EventBus;

before(async () => {
  server = await FakeOpenAIServer.start();
});
after(() => server.close());
beforeEach(() => {
  events = [];
  eventBus = new EventBus();
  eventBus.subscribeAll((event) => events.push(event));
  server.requests.length = 0;
});

function newClient(): OpenAI {
  return new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 });
}

function instrumented(options: { providerName?: string; streamUsage?: boolean } = {}): OpenAI {
  return instrumentOpenAI(newClient(), { eventBus, ...options });
}

function completed(): EventOf<'provider.call.completed'>['data'] {
  const found = events.filter((event) => event.type === 'provider.call.completed');
  assert.equal(found.length, 1, `one completed event: ${JSON.stringify(events.map((event) => event.type))}`);
  return found[0]!.data;
}

function types(): string[] {
  return events.map((event) => event.type);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('chat.completions.create', () => {
  test('a plain completion records model, tokens, finish reason and duration, and is returned unchanged', async () => {
    const client = instrumented();
    server.reply(chatReply('gpt-4o-mini-2024-07-18', 'Hello!', { input: 120, output: 48, cached: 64 }));
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });

    assert.deepEqual(JSON.parse(JSON.stringify(completion)), chatCompletion('gpt-4o-mini-2024-07-18', 'Hello!', { input: 120, output: 48, cached: 64 }));
    assert.equal(completion._request_id, 'req_test');
    assert.deepEqual(server.requests[0]!.body, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
    assert.deepEqual(events[0]!.data, { provider: 'openai', model: 'gpt-4o-mini' });
    const data = completed();
    assert.ok(data.durationMs >= 0 && data.durationMs < 10_000, `durationMs ${data.durationMs}`);
    assert.deepEqual(
      { ...data, durationMs: 0 },
      { provider: 'openai', model: 'gpt-4o-mini-2024-07-18', requestModel: 'gpt-4o-mini', durationMs: 0, inputTokens: 120, outputTokens: 48, cachedTokens: 64, finishReason: 'stop' },
    );
  });

  test('a stream gets usage through stream_options, hides the usage chunk, and records time to first token', async () => {
    const client = instrumented();
    const model = 'gpt-4o-mini-2024-07-18';
    server.reply(chatStreamReply(model, ['Hel', 'lo'], { input: 30, output: 2, cached: 0 }, { firstDelayMs: 30, delayMs: 5 }));
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }], stream: true as const };
    const stream = await client.chat.completions.create(request);

    assert.ok(stream instanceof Stream, 'the SDK Stream itself');
    assert.ok(stream.controller instanceof AbortController);
    assert.equal('stream_options' in request, false, "the caller's request object is not changed");
    assert.deepEqual(server.requests[0]!.body.stream_options, { include_usage: true });
    const chunks = await collect(stream);
    // Every chunk the caller would have seen without the adapter, and not the usage-only one.
    assert.deepEqual(JSON.parse(JSON.stringify(chunks)), chatChunks(model, ['Hel', 'lo'], { input: 30, output: 2 }, true).slice(0, -1));

    const data = completed();
    assert.equal(data.model, model);
    assert.equal(data.inputTokens, 30);
    assert.equal(data.outputTokens, 2);
    assert.equal(data.cachedTokens, 0);
    assert.equal(data.finishReason, 'stop');
    assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 25, `ttft ${data.timeToFirstTokenMs}`);
    assert.ok(data.timeToFirstTokenMs <= data.durationMs);
  });

  test("a caller's own stream_options are sent as given, and its usage chunk reaches the caller", async () => {
    const client = instrumented();
    server.reply(chatStreamReply('gpt-4o', ['a'], { input: 5, output: 1 }));
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    assert.deepEqual(server.requests[0]!.body.stream_options, { include_usage: true });
    assert.equal(chunks.at(-1)!.choices.length, 0);
    assert.equal(chunks.at(-1)!.usage?.prompt_tokens, 5);
    assert.equal(completed().inputTokens, 5);
  });

  test('stream_options without include_usage: the stream records zero tokens', async () => {
    const client = instrumented();
    server.reply(chatStreamReply('gpt-4o', ['a'], { input: 5, output: 1 }));
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_obfuscation: false },
    });
    await collect(stream);
    assert.deepEqual(server.requests[0]!.body.stream_options, { include_obfuscation: false });
    const data = completed();
    // No usage reported: no token counts, rather than a made-up zero.
    assert.equal(data.inputTokens, undefined);
    assert.equal(data.outputTokens, undefined);
    assert.ok(data.timeToFirstTokenMs !== undefined);
  });

  test('streamUsage: false sends the request as given', async () => {
    const client = instrumented({ streamUsage: false });
    server.reply(chatStreamReply('gpt-4o', ['a'], { input: 5, output: 1 }));
    await collect(await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }));
    assert.equal('stream_options' in server.requests[0]!.body, false);
    assert.equal(completed().inputTokens, undefined);
  });

  test('a 429 is rethrown unchanged after provider.call.failed', async () => {
    const client = instrumented();
    server.reply(rateLimitReply());
    const error = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }).then(
      () => assert.fail('resolved'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.status, 429);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    const failed = events[1] as EventOf<'provider.call.failed'>;
    assert.equal(failed.data.error, error, 'the very error the caller got');
    assert.equal(failed.data.model, 'gpt-4o-mini');
    assert.equal(failed.data.provider, 'openai');
  });

  test('an error event inside a stream fails the call and reaches the caller', async () => {
    const client = instrumented();
    server.reply({ events: [{ data: chatChunks('gpt-4o', ['a'], { input: 1, output: 1 }, true)[1] }, { data: { error: { message: 'overloaded', type: 'server_error' } } }] });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    await assert.rejects(collect(stream), (error: unknown) => error instanceof OpenAI.APIError && /overloaded/.test(error.message));
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
  });

  test('leaving a stream early records the call once, without usage', async () => {
    const client = instrumented();
    server.reply(chatStreamReply('gpt-4o', ['a', 'b', 'c'], { input: 5, output: 3 }, { delayMs: 5 }));
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content === 'a') break;
    const data = completed();
    assert.equal(data.inputTokens, undefined);
    assert.ok(data.timeToFirstTokenMs !== undefined);
    assert.equal(stream.controller.signal.aborted, true, 'the SDK still aborts the request');
  });

  test('tee() and toReadableStream() still work and the call is recorded once', async () => {
    const client = instrumented();
    server.reply(chatStreamReply('gpt-4o', ['a', 'b'], { input: 5, output: 2 }), chatStreamReply('gpt-4o', ['c'], { input: 4, output: 1 }));
    const [left, right] = (await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })).tee();
    const [leftChunks, rightChunks] = await Promise.all([collect(left), collect(right)]);
    assert.deepEqual(leftChunks, rightChunks);
    assert.equal(leftChunks.length, 4);
    assert.equal(completed().outputTokens, 2);

    events.length = 0;
    const readable = (await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })).toReadableStream();
    const lines = (await new Response(readable as ReadableStream).text()).trim().split('\n');
    assert.equal(lines.length, 3, 'role, content and finish chunks, without the usage chunk');
    assert.equal(completed().outputTokens, 1);
  });

  test('withResponse() gives the same data and the raw response, and records once', async () => {
    const client = instrumented();
    server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
    const { data, response, request_id } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    assert.equal(data.choices[0]!.message.content, 'Hi');
    assert.equal(response.status, 200);
    assert.equal(request_id, 'req_test');
    assert.equal(completed().inputTokens, 3);
  });

  test('asResponse() leaves the body to the caller and records no completion', async () => {
    const client = instrumented();
    server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
    const response = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).asResponse();
    const body = (await response.json()) as { usage: { prompt_tokens: number } };
    assert.equal(body.usage.prompt_tokens, 3);
    assert.deepEqual(types(), ['provider.call.started']);
  });

  test('chat.completions.parse() goes through the wrapper and records once', async () => {
    const client = instrumented();
    server.reply(chatReply('gpt-4o', '{"answer":42}', { input: 9, output: 4 }));
    const parsed = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      response_format: { type: 'json_object' },
    });
    assert.equal(parsed.choices[0]!.message.content, '{"answer":42}');
    assert.equal(completed().outputTokens, 4);
  });

  test('the stream helper (chat.completions.stream) is recorded and finishes', async () => {
    const client = instrumented();
    server.reply(chatStreamReply('gpt-4o', ['Hel', 'lo'], { input: 6, output: 2 }));
    const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    const final = await runner.finalChatCompletion();
    assert.equal(final.choices[0]!.message.content, 'Hello');
    assert.equal(completed().inputTokens, 6);
  });
});

describe('responses.create', () => {
  test('a plain response records input, output and cached tokens, and keeps output_text', async () => {
    const client = instrumented();
    server.reply(responseReply('gpt-4.1-2025-04-14', 'Hello!', { input: 200, output: 20, cached: 128 }));
    const response = await client.responses.create({ model: 'gpt-4.1', input: 'Hi' });
    assert.equal(response.output_text, 'Hello!');
    const wire = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(response)) as object).filter(([key]) => key !== 'output_text'));
    assert.deepEqual(wire, responseObject('gpt-4.1-2025-04-14', 'Hello!', { input: 200, output: 20, cached: 128 }));
    assert.equal(server.requests[0]!.path, '/v1/responses');
    const data = completed();
    assert.deepEqual(
      { ...data, durationMs: 0 },
      { provider: 'openai', model: 'gpt-4.1-2025-04-14', requestModel: 'gpt-4.1', durationMs: 0, inputTokens: 200, outputTokens: 20, cachedTokens: 128, finishReason: 'completed' },
    );
  });

  test('a stream records usage from response.completed and time to first output_text.delta', async () => {
    const client = instrumented();
    const model = 'gpt-4.1-2025-04-14';
    server.reply(responseStreamReply(model, ['Hel', 'lo'], { input: 50, output: 2, cached: 10 }, { firstDelayMs: 20, delayMs: 10 }));
    const stream = await client.responses.create({ model: 'gpt-4.1', input: 'Hi', stream: true });
    assert.ok(stream instanceof Stream);
    const received = await collect(stream);
    assert.deepEqual(JSON.parse(JSON.stringify(received)), responseEvents(model, ['Hel', 'lo'], { input: 50, output: 2, cached: 10 }).map((event) => event.data));
    assert.equal('stream_options' in server.requests[0]!.body, false, 'the Responses API reports usage by itself');
    const data = completed();
    assert.equal(data.model, model);
    assert.equal(data.inputTokens, 50);
    assert.equal(data.outputTokens, 2);
    assert.equal(data.cachedTokens, 10);
    assert.equal(data.finishReason, 'completed');
    // Four events arrive before the first delta, 10 ms apart after a 20 ms start.
    assert.ok(data.timeToFirstTokenMs !== undefined && data.timeToFirstTokenMs >= 50, `ttft ${data.timeToFirstTokenMs}`);
  });

  test('a response.failed event fails the call', async () => {
    const client = instrumented();
    const failedResponse = { ...responseObject('gpt-4.1', '', { input: 1, output: 0 }, 'in_progress'), status: 'failed', error: { code: 'server_error', message: 'boom' } };
    server.reply({ events: [{ event: 'response.failed', data: { type: 'response.failed', sequence_number: 0, response: failedResponse } }], done: false });
    const stream = await client.responses.create({ model: 'gpt-4.1', input: 'Hi', stream: true });
    assert.equal((await collect(stream)).length, 1);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
    assert.deepEqual((events[1] as EventOf<'provider.call.failed'>).data.error, { code: 'server_error', message: 'boom' });
  });

  test('a 429 is rethrown unchanged', async () => {
    const client = instrumented();
    server.reply(rateLimitReply());
    await assert.rejects(client.responses.create({ model: 'gpt-4.1', input: 'Hi' }), OpenAI.RateLimitError);
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.failed']);
  });
});

describe('instrumentOpenAI', () => {
  test('returns the same client, and wrapping twice does not count twice', async () => {
    const client = newClient();
    assert.equal(instrumentOpenAI(client, { eventBus }), client);
    instrumentOpenAI(client, { eventBus });
    server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    assert.deepEqual(types(), ['provider.call.started', 'provider.call.completed']);
  });

  test('providerName sets the provider label', async () => {
    const client = instrumented({ providerName: 'azure' });
    server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }));
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completed().provider, 'azure');
  });

  test('a publisher that throws never reaches the caller', async () => {
    const client = instrumentOpenAI(newClient(), {
      eventBus: {
        publish() {
          throw new Error('broken publisher');
        },
      },
    });
    server.reply(chatReply('gpt-4o', 'Hi', { input: 3, output: 1 }), chatStreamReply('gpt-4o', ['a'], { input: 1, output: 1 }));
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.choices[0]!.message.content, 'Hi');
    const chunks = await collect(await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }));
    assert.equal(chunks.length, 3);
  });

  test('odd results from an OpenAI-compatible server are recorded as far as they go, never thrown', async () => {
    const client = instrumented();
    server.reply({ status: 200, json: { id: 'x', choices: null, usage: { prompt_tokens: 'many' } } });
    const completion = await client.chat.completions.create({ model: 'local-model', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.id, 'x');
    const data = completed();
    assert.equal(data.model, 'local-model');
    assert.equal(data.inputTokens, undefined);
  });
});
