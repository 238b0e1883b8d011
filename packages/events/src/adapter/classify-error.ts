import type { ProviderErrorType } from '../outcomes.js';
import { field, isObject } from './wire.js';

// Messages are read only to tell a context-length error from other invalid requests (providers
// report it as a plain 400 with a message); they never become label values.
const CONTEXT_LENGTH = /context[ _-]?(length|window)|maximum context|prompt is too long|too many (input )?tokens|exceeds the maximum number of tokens|input token count.*exceeds|reduce the length/i;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'DEADLINE_EXCEEDED']);

// Error codes and types in response bodies: OpenAI `code`/`type`, Anthropic `error.type`, Google RPC
// `status` and `ErrorInfo` reason. Running out of credit counts as a rate limit: the call was
// refused for the account's allowance, not for the request.
const BY_CODE: Record<string, ProviderErrorType> = {
  rate_limit_exceeded: 'rate_limit',
  rate_limit_error: 'rate_limit',
  insufficient_quota: 'rate_limit',
  billing_error: 'rate_limit',
  resource_exhausted: 'rate_limit',
  context_length_exceeded: 'context_length_exceeded',
  string_above_max_length: 'context_length_exceeded',
  content_filter: 'content_filter',
  content_policy_violation: 'content_filter',
  authentication_error: 'authentication',
  permission_error: 'authentication',
  invalid_api_key: 'authentication',
  api_key_invalid: 'authentication',
  unauthenticated: 'authentication',
  permission_denied: 'authentication',
  invalid_request_error: 'invalid_request',
  not_found_error: 'invalid_request',
  request_too_large: 'invalid_request',
  invalid_argument: 'invalid_request',
  failed_precondition: 'invalid_request',
  not_found: 'invalid_request',
  overloaded_error: 'server_error',
  api_error: 'server_error',
  server_error: 'server_error',
  internal: 'server_error',
  unavailable: 'server_error',
  timeout_error: 'timeout',
  deadline_exceeded: 'timeout',
  cancelled: 'cancelled',
};

function byStatus(status: number): ProviderErrorType | undefined {
  if (status === 429) return 'rate_limit';
  if (status === 401 || status === 403) return 'authentication';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'invalid_request';
  return undefined;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The name of the error's class; a function, so `field()` (objects only) cannot read it. */
function classNameOf(error: object): string {
  const constructor = field(error, 'constructor');
  return typeof constructor === 'function' ? textOf(constructor.name) : '';
}

function lower(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined;
}

const MAX_JSON_MESSAGE = 65_536;

/**
 * The response body of an error that has it only as JSON text in its message: Google GenAI's
 * `ApiError` (`{"error":{"code":429,"status":"RESOURCE_EXHAUSTED",…}}`, or `got status: … {…}`
 * for an error inside a stream). Its `error` member, or undefined.
 */
function bodyInMessage(message: string): unknown {
  const start = message.indexOf('{');
  if (start < 0 || message.length > MAX_JSON_MESSAGE) return undefined;
  try {
    return field(JSON.parse(message.slice(start)), 'error');
  } catch {
    return undefined;
  }
}

/** The first `reason` of a Google RPC error's `details` (`ErrorInfo`), e.g. `API_KEY_INVALID`. */
function detailReason(body: unknown): string | undefined {
  const details = field(body, 'details');
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    const reason = lower(field(detail, 'reason'));
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/**
 * Why a provider call failed, from the error a client library threw (OpenAI, Anthropic, Google
 * GenAI, the AI SDK, LangChain, fetch): the class of error first (aborts, timeouts, connection
 * errors), then the provider's error code or type, then the HTTP status. A 400 whose message speaks
 * of the context window is `context_length_exceeded`. Never throws; unknown errors are `other`.
 */
export function classifyProviderError(error: unknown): ProviderErrorType {
  try {
    return classify(error, 0);
  } catch {
    return 'other';
  }
}

function classify(error: unknown, depth: number): ProviderErrorType {
  if (!isObject(error)) return 'other';
  const name = textOf(field(error, 'name'));
  // OpenAI's and Anthropic's SDKs leave `name` as 'Error' on every class; the class names them
  // (APIUserAbortError, APIConnectionTimeoutError, APIConnectionError). Timeouts come first: a
  // timeout is a connection error, and in `openai` 7 it carries the AbortError that ended it as `cause`.
  const kinds = `${name} ${classNameOf(error)}`;
  const code = field(error, 'code');
  const codeText = lower(code);
  if (/Timeout/i.test(kinds) || (typeof code === 'string' && TIMEOUT_CODES.has(code))) return 'timeout';
  if (/\bAbortError\b|UserAbort/.test(kinds) || codeText === 'abort_err') return 'cancelled';
  if (/Connection/.test(kinds) || (typeof code === 'string' && NETWORK_CODES.has(code))) return 'network';
  const message = textOf(field(error, 'message'));
  const carried = field(error, 'error');
  const body = isObject(carried) ? carried : bodyInMessage(message);
  // A provider code, in the error itself or in the response body it carries.
  const candidates = [
    codeText,
    lower(field(error, 'type')),
    lower(field(body, 'code')),
    lower(field(body, 'type')),
    detailReason(body),
    lower(field(body, 'status')),
    lower(field(body, 'error', 'type')),
    lower(field(error, 'status')),
  ];
  for (const candidate of candidates) {
    const known = candidate === undefined ? undefined : BY_CODE[candidate];
    if (known === 'invalid_request' && CONTEXT_LENGTH.test(message)) return 'context_length_exceeded';
    if (known !== undefined) return known;
  }
  const status = [field(error, 'status'), field(error, 'statusCode'), field(error, 'response', 'status')].find((s) => typeof s === 'number');
  const fromStatus = typeof status === 'number' ? byStatus(status) : undefined;
  if (fromStatus === 'invalid_request' && CONTEXT_LENGTH.test(message)) return 'context_length_exceeded';
  if (fromStatus !== undefined) return fromStatus;
  if (name === 'TypeError' && /fetch failed|network/i.test(message)) return 'network';
  // Wrappers (the AI SDK's RetryError, LangChain) keep the provider's error as `cause` or `lastError`.
  const inner = field(error, 'lastError') ?? field(error, 'cause');
  if (inner !== undefined && inner !== error && depth < 3) return classify(inner, depth + 1);
  return 'other';
}
