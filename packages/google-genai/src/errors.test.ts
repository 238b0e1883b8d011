// Errors with the real SDK (2.x, 1.x, and 3.x on Node.js 22+): every error reaches the caller as the
// very object the SDK threw (an `ApiError` whose message is the JSON body), after
// `provider.call.failed` carries it, and PromptKit's classifier names its error_type.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { GoogleGenAI } from '@google/genai';
import { classifyProviderError } from '@promptkit/events/adapter';
import type { ProviderErrorType } from '@promptkit/events';
import { freePort } from '../../../test/support/ports.js';
import { ANSWER, MODEL, SDKS, chunks, errorReply, streamReply } from './test-fixtures.js';
import { collect, harness, rejection } from './test-harness.js';
import { RawChunk } from './test-server.js';

const h = harness();
const params = { model: MODEL, contents: 'Hi' };
const API_KEY_INVALID = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }];

// HTTP status, google.rpc status, message (, details) → error_type.
const HTTP_ERRORS: [number, string, string, unknown[] | undefined, ProviderErrorType][] = [
  [429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', undefined, 'rate_limit'],
  [400, 'INVALID_ARGUMENT', 'The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).', undefined, 'context_length_exceeded'],
  [400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified', undefined, 'invalid_request'],
  [400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', API_KEY_INVALID, 'authentication'],
  [403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.', undefined, 'authentication'],
  [404, 'NOT_FOUND', 'models/gemini-0 is not found for API version v1beta.', undefined, 'invalid_request'],
  [500, 'INTERNAL', 'An internal error has occurred.', undefined, 'server_error'],
  [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.', undefined, 'server_error'],
  [504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.', undefined, 'timeout'],
];

for (const sdk of SDKS) {
  describe(`@google/genai ${sdk.version}: errors`, { skip: sdk.skip }, () => {
    let Client: typeof GoogleGenAI;
    before(async () => {
      Client = await sdk.load();
    });

    for (const [code, status, message, details, errorType] of HTTP_ERRORS) {
      test(`HTTP ${code} ${status} (${message.slice(0, 28)}…) → error_type ${errorType}, from both methods`, async () => {
        const client = h.instrumented(Client);
        h.server.reply(errorReply(code, status, message, details), errorReply(code, status, message, details));
        const errors = [await rejection(client.models.generateContent(params)), await rejection(client.models.generateContentStream(params))];
        const failed = h.events.filter((event) => event.type === 'provider.call.failed').map((event) => event.data);
        assert.equal(failed.length, 2);
        for (const [i, error] of errors.entries()) {
          assert.equal((error as Error).name, 'ApiError');
          assert.equal((error as { status: number }).status, code);
          assert.deepEqual(JSON.parse((error as Error).message), { error: { code, message, status, ...(details ? { details } : {}) } });
          assert.equal(failed[i]!.error, error, 'the very error the caller got');
          assert.equal(failed[i]!.model, MODEL);
          assert.equal(classifyProviderError(error), errorType);
        }
      });
    }

    test('an error mid-stream (a bare JSON error body) fails the call with the answering model → error_type from its status', async () => {
      const [first] = chunks(ANSWER, ['a'], [{ promptTokenCount: 3 }]);
      const body = { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } };
      h.server.reply({ chunks: [first, new RawChunk(JSON.stringify(body))], delayMs: 10 });
      const stream = await h.instrumented(Client).models.generateContentStream(params);
      const error = await rejection(collect(stream));
      assert.equal((error as Error).name, 'ApiError');
      assert.match((error as Error).message, /^got status: RESOURCE_EXHAUSTED\. /);
      const failed = h.failed();
      assert.equal(failed.error, error);
      assert.equal(failed.model, ANSWER);
      assert.equal(classifyProviderError(error), 'rate_limit');
    });

    test('an error as a data: event mid-stream is recorded as the caller sees it (2.x and later throw, 1.x yields it)', async () => {
      const [first] = chunks(ANSWER, ['a'], [{ promptTokenCount: 3 }]);
      h.server.reply({ chunks: [first, { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }], delayMs: 10 });
      const stream = await h.instrumented(Client).models.generateContentStream(params);
      const outcome = await collect(stream).then(
        (items) => ({ items }),
        (error: unknown) => ({ error }),
      );
      if ('error' in outcome) {
        assert.equal(h.failed().error, outcome.error);
        assert.equal(classifyProviderError(outcome.error), 'server_error');
      } else {
        assert.equal(outcome.items.length, 2);
        assert.equal(h.completed().inputTokens, 3);
      }
    });

    test('a refused connection → network; an aborted call → cancelled', async () => {
      const refused = h.instrumented(Client, { client: { httpOptions: { baseUrl: `http://127.0.0.1:${await freePort()}` } } });
      const connection = await rejection(refused.models.generateContent(params));
      assert.equal(h.failed().error, connection);
      assert.equal(classifyProviderError(connection), 'network');

      h.events.length = 0;
      h.server.reply({ ...errorReply(200, 'OK', ''), delayMs: 300 });
      const controller = new AbortController();
      const pending = rejection(h.instrumented(Client).models.generateContent({ ...params, config: { abortSignal: controller.signal } }));
      setTimeout(() => controller.abort(), 30);
      const aborted = await pending;
      assert.equal(h.failed().error, aborted);
      assert.equal(classifyProviderError(aborted), 'cancelled');
    });

    test('a stream that opens fine then loses its connection fails the call', async () => {
      h.server.reply(streamReply(ANSWER, ['a', 'b', 'c', 'd'], 3, 4, { delayMs: 20 }));
      const stream = await h.instrumented(Client).models.generateContentStream(params);
      setTimeout(() => h.server.dropConnections(), 50);
      const error = await rejection(collect(stream));
      assert.equal(h.failed().error, error);
      assert.equal(h.failed().model, ANSWER);
    });
  });
}
