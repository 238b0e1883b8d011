// What the real clients throw, and how PromptKit classifies it: the adapter rethrows every error
// unchanged and leaves the error_type to the shared classifier.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyProviderError } from '@promptkit/events/adapter';
import type { ProviderErrorType } from '@promptkit/events';
import { freePort } from '../../../test/support/ports.js';
import { instrumentOpenAI } from './index.js';
import { errorReply, rateLimitReply } from './test-fixtures.js';
import { Harness, MAJORS } from './test-clients.js';
import type { FakeReply } from './test-server.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

for (const major of MAJORS) {
  describe(`errors (${major.label})`, { skip: major.skip }, () => {
    const h = new Harness(major);

    /** Makes one call, returns the error the caller got and checks the event carries that very error. */
    async function failure(call: () => Promise<unknown>): Promise<{ error: unknown; type: ProviderErrorType }> {
      const error = await call().then(
        () => assert.fail('resolved'),
        (caught: unknown) => caught,
      );
      const failed = h.failed();
      assert.equal(failed.error, error, 'the very error the caller got');
      assert.equal(failed.errorType, undefined, 'left to the classifier');
      return { error, type: classifyProviderError(failed.error) };
    }

    const replies: [string, FakeReply, string, ProviderErrorType][] = [
      ['context length (400 context_length_exceeded)', errorReply('context_length'), 'BadRequestError', 'context_length_exceeded'],
      ['rate limit (429 rate_limit_exceeded)', rateLimitReply(), 'RateLimitError', 'rate_limit'],
      ['out of credit (429 insufficient_quota)', errorReply('quota'), 'RateLimitError', 'rate_limit'],
      ['bad key (401 invalid_api_key)', errorReply('auth'), 'AuthenticationError', 'authentication'],
      ['server error (500)', errorReply('server'), 'InternalServerError', 'server_error'],
    ];
    for (const [name, reply, className, expected] of replies) {
      test(`${name} → ${expected}`, async () => {
        const client = h.instrumented();
        h.server.reply(reply);
        const { error, type } = await failure(() => client.chat.completions.create({ model: 'gpt-4o', messages }));
        assert.ok(error instanceof h.lib.OpenAI.APIError);
        assert.equal(error.constructor.name, className);
        assert.equal(type, expected);
      });
    }

    test('a timeout (APIConnectionTimeoutError) → timeout', async () => {
      const client = instrumentOpenAI(new h.lib.OpenAI({ apiKey: 'test', baseURL: h.server.baseURL, maxRetries: 0, timeout: 50 }), { eventBus: h.eventBus });
      h.server.reply({ ...errorReply('server'), delayMs: 1_000 });
      const { error, type } = await failure(() => client.chat.completions.create({ model: 'gpt-4o', messages }));
      assert.ok(error instanceof h.lib.OpenAI.APIConnectionTimeoutError);
      assert.equal(type, 'timeout');
    });

    test('the caller aborting (APIUserAbortError) → cancelled', async () => {
      const client = h.instrumented();
      h.server.reply({ ...errorReply('server'), delayMs: 1_000 });
      const { error, type } = await failure(() => client.chat.completions.create({ model: 'gpt-4o', messages }, { signal: AbortSignal.timeout(30) }));
      assert.ok(error instanceof h.lib.OpenAI.APIUserAbortError);
      assert.equal(type, 'cancelled');
    });

    test('no server (APIConnectionError) → network', async () => {
      const baseURL = `http://127.0.0.1:${await freePort()}/v1`;
      const client = instrumentOpenAI(new h.lib.OpenAI({ apiKey: 'test', baseURL, maxRetries: 0 }), { eventBus: h.eventBus });
      const { error, type } = await failure(() => client.chat.completions.create({ model: 'gpt-4o', messages }));
      assert.ok(error instanceof h.lib.OpenAI.APIConnectionError && !(error instanceof h.lib.OpenAI.APIConnectionTimeoutError));
      assert.equal(type, 'network');
    });
  });
}
