import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyProviderError } from './classify-error.js';

// Errors shaped as the client libraries throw them: OpenAI's and Anthropic's classes keep
// `name === 'Error'`, so only the class tells a timeout from an abort or a lost connection.
class APIUserAbortError extends Error {}
class APIConnectionError extends Error {
  constructor(override readonly cause?: unknown) {
    super('Connection error.');
  }
}
class APIConnectionTimeoutError extends APIConnectionError {}
class APIError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly error: unknown,
    message: string,
  ) {
    super(message);
    const body = error as { code?: unknown; type?: unknown } | undefined;
    Object.assign(this, { code: body?.code ?? null, type: body?.type });
  }
}

test('client error classes whose name is Error: timeout, user abort, connection', () => {
  assert.equal(new APIUserAbortError('Request was aborted.').name, 'Error');
  assert.equal(classifyProviderError(new APIConnectionTimeoutError()), 'timeout');
  const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
  // `openai` 7 keeps the AbortError that ended a timed-out request as `cause`: still a timeout.
  assert.equal(classifyProviderError(new APIConnectionTimeoutError(abort)), 'timeout');
  assert.equal(classifyProviderError(new APIUserAbortError('Request was aborted.')), 'cancelled');
  assert.equal(classifyProviderError(abort), 'cancelled');
  assert.equal(classifyProviderError(new APIConnectionError(new TypeError('fetch failed'))), 'network');
  assert.equal(classifyProviderError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })), 'network');
  assert.equal(classifyProviderError(new DOMException('The operation timed out.', 'TimeoutError')), 'timeout');
});

test("OpenAI's error bodies: the code decides, then the status", () => {
  const cases: [number, Record<string, unknown>, string][] = [
    [400, { message: "This model's maximum context length is 8192 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' }, 'context_length_exceeded'],
    [429, { message: 'Rate limit reached', type: 'tokens', param: null, code: 'rate_limit_exceeded' }, 'rate_limit'],
    [429, { message: 'You exceeded your current quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' }, 'rate_limit'],
    [401, { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' }, 'authentication'],
    [400, { message: "Invalid value for 'temperature'", type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' }, 'invalid_request'],
    [500, { message: 'The server had an error', type: 'server_error', param: null, code: null }, 'server_error'],
    [503, { message: 'Service unavailable' }, 'server_error'],
    [408, {}, 'timeout'],
  ];
  for (const [status, body, expected] of cases) {
    assert.equal(classifyProviderError(new APIError(status, body, String(body.message))), expected, `${status} ${JSON.stringify(body)}`);
  }
});

test('a 400 whose message speaks of the context window is context_length_exceeded', () => {
  const anthropic = { status: 400, error: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' } }, message: '400 prompt is too long' };
  assert.equal(classifyProviderError(anthropic), 'context_length_exceeded');
  assert.equal(classifyProviderError({ status: 400, message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).' }), 'context_length_exceeded');
});

test('wrappers: the cause or lastError decides, a few levels deep', () => {
  const inner = new APIError(429, { code: 'rate_limit_exceeded' }, 'Rate limit reached');
  assert.equal(classifyProviderError({ name: 'AI_RetryError', lastError: inner }), 'rate_limit');
  assert.equal(classifyProviderError(new Error('wrapped', { cause: { cause: { cause: inner } } })), 'rate_limit');
});

test('anything else is other, and nothing throws', () => {
  assert.equal(classifyProviderError(new Error('boom')), 'other');
  assert.equal(classifyProviderError('a string'), 'other');
  assert.equal(classifyProviderError(null), 'other');
  const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
  assert.equal(classifyProviderError(hostile), 'other');
  const cyclic: Record<string, unknown> = { message: 'loop' };
  cyclic.cause = cyclic;
  assert.equal(classifyProviderError(cyclic), 'other');
});

/** Like Anthropic's APIError: `error` is the whole body, `type` its `error.type` (absent in a stream's error event status). */
class AnthropicAPIError extends Error {
  readonly error: unknown;
  constructor(
    readonly status: number | undefined,
    readonly type: string,
    message: string,
  ) {
    super(`${status ?? ''} ${message}`.trim());
    this.error = { type: 'error', error: { type, message } };
  }
}

/** Like Google GenAI's ApiError: the body only as JSON text in the message. */
class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const googleBody = (code: number, status: string, message: string, details?: unknown[]) => JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });

test("Anthropic's error types decide, in a response or in a stream's error event (no status)", () => {
  const cases: [AnthropicAPIError, string][] = [
    [new AnthropicAPIError(400, 'invalid_request_error', 'prompt is too long: 208656 tokens > 200000 maximum'), 'context_length_exceeded'],
    [new AnthropicAPIError(400, 'invalid_request_error', 'max_tokens: Field required'), 'invalid_request'],
    [new AnthropicAPIError(undefined, 'overloaded_error', 'Overloaded'), 'server_error'],
    [new AnthropicAPIError(undefined, 'rate_limit_error', 'slow down'), 'rate_limit'],
    [new AnthropicAPIError(402, 'billing_error', 'Your credit balance is too low'), 'rate_limit'],
  ];
  for (const [error, expected] of cases) assert.equal(classifyProviderError(error), expected, error.message);
});

test("Google's JSON error bodies: the RPC status and ErrorInfo reason decide, then the HTTP status", () => {
  const cases: [ApiError, string][] = [
    [new ApiError(429, googleBody(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).')), 'rate_limit'],
    [new ApiError(400, googleBody(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).')), 'context_length_exceeded'],
    [new ApiError(400, googleBody(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified')), 'invalid_request'],
    [new ApiError(400, googleBody(400, 'INVALID_ARGUMENT', 'API key not valid.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }])), 'authentication'],
    // The RPC status says more than the HTTP code.
    [new ApiError(499, googleBody(499, 'CANCELLED', 'The operation was cancelled.')), 'cancelled'],
    [new ApiError(503, googleBody(503, 'UNAVAILABLE', 'The model is overloaded.')), 'server_error'],
    // An error inside a stream: `got status: …` before the JSON.
    [new ApiError(429, `got status: RESOURCE_EXHAUSTED. ${googleBody(429, 'RESOURCE_EXHAUSTED', 'quota')}`), 'rate_limit'],
    // A non-JSON body, wrapped by the SDK with the status text.
    [new ApiError(502, googleBody(502, 'Bad Gateway', '<html>bad gateway</html>')), 'server_error'],
    [new ApiError(404, 'not found: {model'), 'invalid_request'],
    // Too long to parse: the HTTP status decides.
    [new ApiError(429, googleBody(400, 'INVALID_ARGUMENT', 'x'.repeat(70_000))), 'rate_limit'],
  ];
  for (const [error, expected] of cases) assert.equal(classifyProviderError(error), expected, error.message.slice(0, 80));
});
