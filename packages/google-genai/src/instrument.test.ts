// instrumentGoogleGenAI with the real SDK (2.x, 1.x, and 3.x on Node.js 22+) against a loopback
// server: plain calls, unchanged results, the Gemini API and Vertex AI, idempotence and options.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { GoogleGenAI } from '@google/genai';
import { instrumentGoogleGenAI } from './index.js';
import { ANSWER, MODEL, SDKS, expectedCompletion, response, responseReply, streamReply } from './test-fixtures.js';
import { collect, harness, untimed, wire } from './test-harness.js';

const h = harness();

for (const sdk of SDKS) {
  describe(`@google/genai ${sdk.version}: generateContent`, { skip: sdk.skip }, () => {
    let Client: typeof GoogleGenAI;
    before(async () => {
      Client = await sdk.load();
    });

    test('a plain call records the answering model, the counts, the finish reason, the operation and the server', async () => {
      h.server.reply(responseReply(ANSWER, 'Hello!', { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 7, cachedContentTokenCount: 4, totalTokenCount: 20 }));
      await h.instrumented(Client).models.generateContent({ model: MODEL, contents: 'Hi' });
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.completed']);
      assert.deepEqual(h.events[0]!.data, { provider: 'google', model: MODEL });
      const data = h.completed();
      assert.ok(data.durationMs >= 0 && data.durationMs < 10_000);
      assert.equal(data.timeToFirstTokenMs, undefined);
      assert.deepEqual(untimed(data), expectedCompletion(h.server.port));
      assert.match(h.server.requests[0]!.path, /\/models\/gemini-2\.5-flash:generateContent$/);
      assert.deepEqual(h.server.requests[0]!.body, { contents: [{ parts: [{ text: 'Hi' }], role: 'user' }] });
    });

    test('the result deep-equals what an unwrapped client gets for the same answer, getters included', async () => {
      const answer = responseReply(ANSWER, 'Hello!', { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 });
      h.server.reply(answer, answer);
      const plain = await h.client(Client).models.generateContent({ model: MODEL, contents: 'Hi' });
      const recorded = await h.instrumented(Client).models.generateContent({ model: MODEL, contents: 'Hi' });
      assert.equal(recorded.constructor, plain.constructor);
      assert.deepEqual(wire(recorded), wire(plain));
      assert.equal(recorded.text, 'Hello!');
      const body = wire(recorded) as Record<string, unknown>;
      delete body.sdkHttpResponse;
      assert.deepEqual(body, response(ANSWER, 'Hello!', { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 }));
    });

    test('without modelVersion the model is the requested one, without its models/ path', async () => {
      h.server.reply(responseReply(undefined, 'Hi', { promptTokenCount: 5, candidatesTokenCount: 1 }));
      await h.instrumented(Client).models.generateContent({ model: `models/${MODEL}`, contents: 'Hi' });
      assert.deepEqual(h.events[0]!.data, { provider: 'google', model: MODEL });
      const data = h.completed();
      assert.equal(data.model, MODEL);
      assert.equal(data.requestModel, undefined);
    });

    test("a Vertex AI client (vertexai: true) is provider 'vertex' and keeps its server", async () => {
      h.server.reply(responseReply(ANSWER, 'Hi', { promptTokenCount: 5, candidatesTokenCount: 1 }), streamReply(ANSWER, ['a', 'b'], 5, 2));
      const client = h.instrumented(Client, { client: { vertexai: true } });
      await client.models.generateContent({ model: MODEL, contents: 'Hi' });
      await collect(await client.models.generateContentStream({ model: MODEL, contents: 'Hi' }));
      const completed = h.events.filter((event) => event.type === 'provider.call.completed').map((event) => untimed(event.data));
      assert.deepEqual(
        completed.map((data) => [data.provider, data.serverAddress, data.serverPort, data.operation, data.inputTokens]),
        [
          ['vertex', '127.0.0.1', h.server.port, 'generate_content', 5],
          ['vertex', '127.0.0.1', h.server.port, 'generate_content', 5],
        ],
      );
      assert.match(h.server.requests[0]!.path, /^\/v1beta1\/publishers\/google\/models\/gemini-2\.5-flash:generateContent$/);
    });

    test("the server of a client on the SDK's default host is that host, port 443", () => {
      const events: unknown[] = [];
      const gemini = instrumentGoogleGenAI(new Client({ apiKey: 'test' }), { eventBus: { publish: (event) => events.push(event) } });
      const vertex = instrumentGoogleGenAI(new Client({ vertexai: true, apiKey: 'test' }), { eventBus: { publish: (event) => events.push(event) } });
      const settingsOf = (client: GoogleGenAI) =>
        (client as unknown as { apiClient: { clientOptions: { httpOptions: { baseUrl: string } } } }).apiClient.clientOptions.httpOptions.baseUrl;
      assert.match(settingsOf(gemini), /^https:\/\/generativelanguage\.googleapis\.com\/?$/);
      assert.match(settingsOf(vertex), /^https:\/\/aiplatform\.googleapis\.com\/?$/);
      assert.equal(events.length, 0);
    });

    test('returns the same client; wrapping twice records each call once, on the first bus', async () => {
      const client = h.client(Client);
      const methodsOf = () => [Reflect.get(client.models, 'generateContent'), Reflect.get(client.models, 'generateContentStream')] as unknown[];
      const [generate, stream] = methodsOf();
      assert.equal(instrumentGoogleGenAI(client, { eventBus: h.eventBus }), client);
      const wrapped = methodsOf();
      assert.notEqual(wrapped[0], generate);
      assert.notEqual(wrapped[1], stream);
      const other: unknown[] = [];
      instrumentGoogleGenAI(client, { eventBus: { publish: (event) => other.push(event) } });
      assert.deepEqual(methodsOf(), wrapped);
      h.server.reply(responseReply(ANSWER, 'Hi', { promptTokenCount: 5, candidatesTokenCount: 1 }));
      await client.models.generateContent({ model: MODEL, contents: 'Hi' });
      assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.completed']);
      assert.equal(other.length, 0);
    });

    test('providerName sets the provider label', async () => {
      h.server.reply(responseReply(ANSWER, 'Hi', { promptTokenCount: 5, candidatesTokenCount: 1 }));
      await h.instrumented(Client, { providerName: 'gemini-proxy', client: { vertexai: true } }).models.generateContent({ model: MODEL, contents: 'Hi' });
      assert.equal(h.completed().provider, 'gemini-proxy');
    });

    test('chats go through models and are recorded once per message', async () => {
      h.server.reply(responseReply(ANSWER, 'Hi', { promptTokenCount: 5, candidatesTokenCount: 1 }), streamReply(ANSWER, ['a', 'b'], 9, 2));
      const chat = h.instrumented(Client).chats.create({ model: MODEL });
      assert.equal((await chat.sendMessage({ message: 'Hi' })).text, 'Hi');
      assert.equal((await collect(await chat.sendMessageStream({ message: 'Again' }))).length, 2);
      const completed = h.events.filter((event) => event.type === 'provider.call.completed').map((event) => untimed(event.data));
      assert.deepEqual(
        completed.map((data) => [data.inputTokens, data.outputTokens]),
        [
          [5, 1],
          [9, 2],
        ],
      );
    });

    test('a publisher that throws never reaches the caller', async () => {
      const broken = {
        publish() {
          throw new Error('broken publisher');
        },
      };
      const client = instrumentGoogleGenAI(h.client(Client), { eventBus: broken });
      h.server.reply(responseReply(ANSWER, 'Hi', { promptTokenCount: 5 }), streamReply(ANSWER, ['a', 'b'], 5, 2));
      assert.equal((await client.models.generateContent({ model: MODEL, contents: 'Hi' })).text, 'Hi');
      assert.equal((await collect(await client.models.generateContentStream({ model: MODEL, contents: 'Hi' }))).length, 2);
    });

    test('a blocked prompt (no candidates) records promptFeedback.blockReason as the finish reason', async () => {
      h.server.reply({ status: 200, json: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 }, modelVersion: ANSWER } });
      const result = await h.instrumented(Client).models.generateContent({ model: MODEL, contents: 'Hi' });
      assert.equal(result.promptFeedback?.blockReason, 'PROHIBITED_CONTENT');
      const data = h.completed();
      assert.equal(data.finishReason, 'PROHIBITED_CONTENT');
      assert.equal(data.inputTokens, 7);
      assert.equal(data.outputTokens, undefined);
    });

    test('an odd body from a proxy is recorded as far as it goes, never thrown', async () => {
      h.server.reply({ status: 200, json: { candidates: 'none', usageMetadata: { promptTokenCount: 'many', candidatesTokenCount: -1 }, modelVersion: 42 } });
      const result = await h.instrumented(Client).models.generateContent({ model: MODEL, contents: 'Hi' });
      assert.equal(result.candidates, 'none');
      assert.deepEqual(untimed(h.completed()), { provider: 'google', model: MODEL, operation: 'generate_content', serverAddress: '127.0.0.1', serverPort: h.server.port });
    });
  });
}
