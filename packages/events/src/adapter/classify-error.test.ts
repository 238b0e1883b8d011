// The classifier on the shapes client libraries throw. The real errors of each SDK are classified in
// the adapters' own tests (against loopback servers); these rows pin the shapes themselves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProviderErrorType } from '../outcomes.js';
import { classifyProviderError } from './classify-error.js';

/** Like the OpenAI and Anthropic 0.x SDKs: every class keeps `name === 'Error'`. */
class APIError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly error: unknown,
    message: string,
    readonly type?: string,
  ) {
    super(message);
  }
}
class APIUserAbortError extends APIError {}
class APIConnectionError extends APIError {}
class APIConnectionTimeoutError extends APIConnectionError {}

/** Like Google GenAI's: the body only as JSON text in the message. */
class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const googleBody = (code: number, status: string, message: string, details?: unknown[]) =>
  JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });

const rows: [string, unknown, ProviderErrorType][] = [
  ['OpenAI 429 rate_limit_exceeded', new APIError(429, { code: 'rate_limit_exceeded' }, '429 Rate limit'), 'rate_limit'],
  ['OpenAI 400 context_length_exceeded code', new APIError(400, { code: 'context_length_exceeded' }, '400 too long'), 'context_length_exceeded'],
  ['OpenAI abort (name "Error", class APIUserAbortError)', new APIUserAbortError(undefined, undefined, 'Request was aborted.'), 'cancelled'],
  ['OpenAI timeout (name "Error", class APIConnectionTimeoutError)', new APIConnectionTimeoutError(undefined, undefined, 'Request timed out.'), 'timeout'],
  ['OpenAI connection (name "Error", class APIConnectionError)', new APIConnectionError(undefined, undefined, 'Connection error.'), 'network'],
  [
    'Anthropic 400 prompt is too long',
    new APIError(400, { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 208656 tokens > 200000 maximum' } }, '400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208656 tokens > 200000 maximum"}}', 'invalid_request_error'),
    'context_length_exceeded',
  ],
  ['Anthropic 400 other invalid request', new APIError(400, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: field required' } }, '400 max_tokens', 'invalid_request_error'), 'invalid_request'],
  ['Anthropic overloaded_error inside a stream (no status)', new APIError(undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'Overloaded', 'overloaded_error'), 'server_error'],
  ['Anthropic rate_limit_error inside a stream (no status)', new APIError(undefined, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, 'slow down', 'rate_limit_error'), 'rate_limit'],
  ['Anthropic billing_error', new APIError(400, { type: 'error', error: { type: 'billing_error', message: 'Your credit balance is too low' } }, '400 credit', 'billing_error'), 'rate_limit'],
  ['Google 429 RESOURCE_EXHAUSTED', new ApiError(429, googleBody(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).')), 'rate_limit'],
  [
    'Google 400 input token count exceeds',
    new ApiError(400, googleBody(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).')),
    'context_length_exceeded',
  ],
  ['Google 400 other INVALID_ARGUMENT', new ApiError(400, googleBody(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified')), 'invalid_request'],
  [
    'Google 400 API_KEY_INVALID',
    new ApiError(400, googleBody(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }])),
    'authentication',
  ],
  ['Google 499 CANCELLED (status says more than the HTTP code)', new ApiError(499, googleBody(499, 'CANCELLED', 'The operation was cancelled.')), 'cancelled'],
  ['Google 503 UNAVAILABLE', new ApiError(503, googleBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.')), 'server_error'],
  ['Google error inside a stream ("got status: …")', new ApiError(429, `got status: RESOURCE_EXHAUSTED. ${googleBody(429, 'RESOURCE_EXHAUSTED', 'quota')}`), 'rate_limit'],
  ['Google non-JSON body (wrapped by the SDK with statusText)', new ApiError(502, googleBody(502, 'Bad Gateway', '<html>bad gateway</html>')), 'server_error'],
  ['a message with a brace that is not JSON falls back to the status', new ApiError(404, 'not found: {model'), 'invalid_request'],
  ['a very long JSON message is not parsed; the status decides', new ApiError(429, googleBody(400, 'INVALID_ARGUMENT', 'x'.repeat(70_000))), 'rate_limit'],
];

describe('classifyProviderError', () => {
  for (const [name, error, expected] of rows) {
    test(`${name} → ${expected}`, () => {
      assert.equal(classifyProviderError(error), expected);
    });
  }

  test('never throws: a throwing getter, a revoked Proxy, primitives', () => {
    const throwing = Object.defineProperty({}, 'message', {
      get() {
        throw new Error('getter');
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const value of [throwing, proxy, undefined, null, 'boom', 42]) assert.equal(classifyProviderError(value), 'other');
  });
});
