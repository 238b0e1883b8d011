// instrumentAnthropic with the real SDK (1.x and 0.x) against a loopback server: plain calls,
// unchanged results, idempotence, options, and the SDK's own tracing left as it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { instrumentAnthropic } from './index.js';
import { MODEL, SDKS, expectedCompletion, message, messageReply, simpleStream, usage } from './test-fixtures.js';
import { collect, harness, untimed, wire } from './test-harness.js';
import { recordingTracerProvider } from './test-tracer.js';

const h = harness();
// message_start, content_block_start, two deltas, content_block_stop, message_delta, message_stop (the SDK drops the ping).
const STREAM_EVENTS = 7;
const params = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

for (const sdk of SDKS) {
  describe(`@anthropic-ai/sdk ${sdk.version}: messages.create`, () => {
    test('a plain call records the answering model, every token count, the stop reason and the server', async () => {
      const client = h.instrumented(sdk.Anthropic);
      h.server.reply(messageReply('claude-sonnet-4-6-20260101', 'Hello!', usage(12, 5, 100, 3000)));
      await client.messages.create(params);

      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.completed']);
      assert.deepEqual(h.events[0]!.data, { provider: 'anthropic', model: MODEL });
      const data = h.completed();
      assert.ok(data.durationMs >= 0 && data.durationMs < 10_000, `durationMs ${data.durationMs}`);
      assert.equal(data.timeToFirstTokenMs, undefined, 'no time to first token for a plain call');
      assert.deepEqual(untimed(data), expectedCompletion(h.server.port));
      assert.deepEqual(h.server.requests[0]!.body, params, 'the request is sent as given');
    });

    test('the result deep-equals what an unwrapped client gets for the same answer, request id included', async () => {
      const answer = messageReply(MODEL, 'Hello!', usage(12, 5));
      h.server.reply(answer, answer);
      const plain = await h.client(sdk.Anthropic).messages.create(params);
      const recorded = await h.instrumented(sdk.Anthropic).messages.create(params);
      assert.deepEqual(wire(recorded), wire(plain));
      assert.deepEqual(wire(recorded), message(MODEL, 'Hello!', usage(12, 5)));
      assert.equal(recorded._request_id, 'req_test');
      assert.equal(recorded._request_id, plain._request_id);
    });

    test('withResponse() gives the data and the raw response and records once; asResponse() records nothing', async () => {
      const client = h.instrumented(sdk.Anthropic);
      h.server.reply(messageReply(MODEL, 'Hi', usage(3, 1)), messageReply(MODEL, 'Hi', usage(3, 1)));
      const { data, response, request_id } = await client.messages.create(params).withResponse();
      assert.equal(data.content[0]?.type === 'text' && data.content[0].text, 'Hi');
      assert.equal(response.status, 200);
      assert.equal(request_id, 'req_test');
      assert.equal(h.completed().inputTokens, 3);

      h.events.length = 0;
      const raw = await client.messages.create(params).asResponse();
      assert.equal(((await raw.json()) as { usage: { input_tokens: number } }).usage.input_tokens, 3);
      assert.deepEqual(h.types(), ['provider.call.started']);
    });

    test('a call that is never awaited sends its request and records only its start', async () => {
      const client = h.instrumented(sdk.Anthropic);
      h.server.reply(messageReply(MODEL, 'Hi', usage(3, 1)));
      void client.messages.create(params);
      for (let i = 0; i < 100 && h.server.requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(h.server.requests.length, 1);
      assert.deepEqual(h.types(), ['provider.call.started']);
    });

    test('returns the same client; wrapping twice records each call once, on the first bus', async () => {
      const client = h.client(sdk.Anthropic);
      const createOf = () => Reflect.get(client.messages, 'create') as (...args: unknown[]) => unknown;
      const create = createOf();
      assert.equal(instrumentAnthropic(client, { eventBus: h.eventBus }), client);
      const wrapped = createOf();
      assert.notEqual(wrapped, create);
      assert.equal(wrapped.name, create.name);
      const other: unknown[] = [];
      instrumentAnthropic(client, { eventBus: { publish: (event) => other.push(event) } });
      assert.equal(createOf(), wrapped);
      h.server.reply(messageReply(MODEL, 'Hi', usage(3, 1)));
      await client.messages.create(params);
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.completed']);
      assert.equal(other.length, 0);
    });

    test('providerName sets the provider label', async () => {
      const client = h.instrumented(sdk.Anthropic, { providerName: 'anthropic-proxy' });
      h.server.reply(messageReply(MODEL, 'Hi', usage(3, 1)));
      await client.messages.create(params);
      assert.equal(h.completed().provider, 'anthropic-proxy');
    });

    test('messages.parse() goes through create and is recorded once', async () => {
      const client = h.instrumented(sdk.Anthropic);
      h.server.reply(messageReply(MODEL, '{"answer":42}', usage(9, 4)));
      const parsed = await client.messages.parse(params);
      assert.equal(parsed.content[0]?.type === 'text' && parsed.content[0].text, '{"answer":42}');
      assert.equal(h.completed().outputTokens, 4);
    });

    test('a publisher that throws never reaches the caller', async () => {
      const broken = {
        publish() {
          throw new Error('broken publisher');
        },
      };
      const client = instrumentAnthropic(h.client(sdk.Anthropic), { eventBus: broken });
      h.server.reply(messageReply(MODEL, 'Hi', usage(3, 1)), simpleStream(MODEL, ['a', 'b'], 3, 2));
      assert.equal((await client.messages.create(params)).id, 'msg_test');
      assert.equal((await collect(await client.messages.create({ ...params, stream: true }))).length, STREAM_EVENTS);
    });

    test('an odd body from a proxy is recorded as far as it goes, never thrown', async () => {
      const client = h.instrumented(sdk.Anthropic);
      h.server.reply({ status: 200, json: { id: 'x', usage: { input_tokens: 'many', output_tokens: null }, stop_reason: 7 } });
      const result = await client.messages.create(params);
      assert.equal(result.id, 'x');
      assert.deepEqual(untimed(h.completed()), { provider: 'anthropic', model: MODEL, serverAddress: '127.0.0.1', serverPort: h.server.port });
    });

    test("with the SDK's tracing off, or recording spans, calls are recorded the same and the SDK's spans still end", async () => {
      const { provider, spans } = recordingTracerProvider();
      for (const openTelemetry of [false, { tracerProvider: provider }] as const) {
        h.events.length = 0;
        const client = h.instrumented(sdk.Anthropic, { client: { openTelemetry } });
        h.server.reply(messageReply(MODEL, 'Hi', usage(3, 1, 0, 2)), simpleStream(MODEL, ['a', 'b'], 4, 2));
        assert.equal((await client.messages.create(params)).id, 'msg_test');
        assert.equal((await collect(await client.messages.create({ ...params, stream: true }))).length, STREAM_EVENTS);
        const completed = h.events.filter((event) => event.type === 'provider.call.completed').map((event) => event.data);
        assert.deepEqual(
          completed.map((data) => [data.inputTokens, data.outputTokens]),
          [
            [5, 1],
            [4, 2],
          ],
        );
      }
      assert.deepEqual(
        spans.map((span) => [span.name, span.ended]),
        [
          ['anthropic.messages.create', true],
          ['anthropic.messages.create', true],
        ],
      );
      assert.equal(spans[1]!.attributes['gen_ai.usage.output_tokens'], 2, "the SDK's span still reads the stream's usage");
    });
  });
}
