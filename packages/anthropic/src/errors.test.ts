// Errors with the real SDK (1.x and 0.x): every error reaches the caller as the very object the SDK
// threw, after `provider.call.failed` carries it, and PromptKit's classifier names its error_type.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyProviderError } from '@promptkit/events/adapter';
import type { ProviderErrorType } from '@promptkit/events';
import { freePort } from '../../../test/support/ports.js';
import { ANSWER, MODEL, SDKS, errorReply, midStreamError, simpleStream } from './test-fixtures.js';
import { collect, harness, rejection } from './test-harness.js';

const h = harness();
const params = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

// HTTP status, Anthropic `error.type`, message → the SDK class (1.x, 0.x) and the recorded error_type.
const HTTP_ERRORS: [number, string, string, [string, string], ProviderErrorType][] = [
  [429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', ['RateLimitError', 'RateLimitError'], 'rate_limit'],
  [529, 'overloaded_error', 'Overloaded', ['OverloadedError', 'InternalServerError'], 'server_error'],
  [500, 'api_error', 'Internal server error', ['InternalServerError', 'InternalServerError'], 'server_error'],
  [504, 'timeout_error', 'Request timed out', ['GatewayTimeoutError', 'InternalServerError'], 'timeout'],
  [400, 'invalid_request_error', 'prompt is too long: 208656 tokens > 200000 maximum', ['BadRequestError', 'BadRequestError'], 'context_length_exceeded'],
  [400, 'invalid_request_error', 'max_tokens: Field required', ['BadRequestError', 'BadRequestError'], 'invalid_request'],
  [401, 'authentication_error', 'invalid x-api-key', ['AuthenticationError', 'AuthenticationError'], 'authentication'],
  [402, 'billing_error', 'Your credit balance is too low to access the Anthropic API.', ['PaymentRequiredError', 'APIError'], 'rate_limit'],
  [403, 'permission_error', 'Your API key does not have permission to use the specified resource.', ['PermissionDeniedError', 'PermissionDeniedError'], 'authentication'],
  [404, 'not_found_error', 'model: claude-nonexistent', ['NotFoundError', 'NotFoundError'], 'invalid_request'],
  [413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', ['ContentTooLargeError', 'APIError'], 'invalid_request'],
];

// An `error` event after the stream started (HTTP 200): a plain APIError with no status, and its type.
const STREAM_ERRORS: [string, ProviderErrorType][] = [
  ['overloaded_error', 'server_error'],
  ['rate_limit_error', 'rate_limit'],
  ['api_error', 'server_error'],
];

for (const [index, sdk] of SDKS.entries()) {
  describe(`@anthropic-ai/sdk ${sdk.version}: errors`, () => {
    for (const [status, type, message, classes, errorType] of HTTP_ERRORS) {
      test(`HTTP ${status} ${type} (${message.slice(0, 24)}…) → ${classes[index]}, error_type ${errorType}`, async () => {
        const client = h.instrumented(sdk.Anthropic);
        h.server.reply(errorReply(status, type, message));
        const error = await rejection(client.messages.create(params));
        assert.ok(error instanceof sdk.Anthropic.APIError);
        assert.equal(error.constructor.name, classes[index]);
        assert.equal(error.status, status);
        assert.deepEqual(h.types(), ['provider.call.started', 'provider.call.failed']);
        const failed = h.failed();
        assert.equal(failed.error, error, 'the very error the caller got');
        assert.equal(failed.model, MODEL);
        assert.equal(failed.serverAddress, '127.0.0.1');
        assert.equal(classifyProviderError(failed.error), errorType);
      });
    }

    for (const [type, errorType] of STREAM_ERRORS) {
      test(`an ${type} event mid-stream fails the call with the answering model → error_type ${errorType}`, async () => {
        h.server.reply(midStreamError(ANSWER, type, 'Overloaded'));
        const stream = await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true });
        const error = await rejection(collect(stream));
        assert.ok(error instanceof sdk.Anthropic.APIError);
        assert.equal(error.status, undefined);
        const failed = h.failed();
        assert.equal(failed.error, error);
        assert.equal(failed.model, ANSWER);
        assert.equal(classifyProviderError(failed.error), errorType);
      });
    }

    test('an error event reaches messages.stream() listeners and finalMessage() unchanged, recorded once', async () => {
      h.server.reply(midStreamError(ANSWER, 'overloaded_error', 'Overloaded'));
      const messageStream = h.instrumented(sdk.Anthropic).messages.stream(params);
      const heard: unknown[] = [];
      messageStream.on('error', (error) => heard.push(error));
      const error = await rejection(messageStream.finalMessage());
      assert.equal(heard[0], error);
      assert.equal(h.failed().error, error);
      assert.equal(classifyProviderError(error), 'server_error');
    });

    test('a refused connection → network; a client timeout → timeout; an abort → cancelled', async () => {
      const refused = h.instrumented(sdk.Anthropic, { client: { baseURL: `http://127.0.0.1:${await freePort()}` } });
      const connection = await rejection(refused.messages.create(params));
      assert.ok(connection instanceof sdk.Anthropic.APIConnectionError);
      assert.equal(h.failed().error, connection);
      assert.equal(classifyProviderError(connection), 'network');

      h.events.length = 0;
      h.server.reply({ ...errorReply(200, 'unused', ''), delayMs: 300 });
      const timedOut = await rejection(h.instrumented(sdk.Anthropic, { client: { timeout: 50 } }).messages.create(params));
      assert.ok(timedOut instanceof sdk.Anthropic.APIConnectionTimeoutError);
      assert.equal(h.failed().error, timedOut);
      assert.equal(classifyProviderError(timedOut), 'timeout');

      h.events.length = 0;
      h.server.reply({ ...errorReply(200, 'unused', ''), delayMs: 300 });
      const controller = new AbortController();
      const pending = rejection(h.instrumented(sdk.Anthropic).messages.create(params, { signal: controller.signal }));
      setTimeout(() => controller.abort(), 30);
      const aborted = await pending;
      assert.ok(aborted instanceof sdk.Anthropic.APIUserAbortError);
      assert.equal(h.failed().error, aborted);
      assert.equal(classifyProviderError(aborted), 'cancelled');
    });

    test('a stream that opens fine then loses its connection fails the call', async () => {
      h.server.reply(simpleStream(ANSWER, ['a', 'b', 'c', 'd'], 3, 4, { delayMs: 20 }));
      const stream = await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true });
      setTimeout(() => h.server.dropConnections(), 50);
      const error = await rejection(collect(stream));
      assert.equal(h.failed().error, error);
      assert.equal(h.failed().model, ANSWER);
    });
  });
}
