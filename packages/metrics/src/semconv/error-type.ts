import { ERROR_TYPE_VALUE_OTHER } from './attributes.js';

/** Distinct `error.type` values kept per MeterProvider; later new ones become `_OTHER`. */
export const MAX_ERROR_TYPES = 50;

// An identifier, not a message: messages carry ids and text and would make a series each.
const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * A low-cardinality `error.type` for a failed call's `error`, as the conventions ask: the HTTP
 * status the provider answered (`429`), else the error's string `code` (`ETIMEDOUT`,
 * `rate_limit_exceeded`), else its class name when it is more than `Error` (`APIConnectionTimeoutError`),
 * else `_OTHER`. Error messages (plain strings) are never used.
 */
export function errorType(error: unknown): string {
  if (error === null || typeof error !== 'object') return ERROR_TYPE_VALUE_OTHER;
  const { status, statusCode, code, name } = error as Record<string, unknown>;
  const http = status ?? statusCode;
  if (typeof http === 'number' && Number.isInteger(http) && http >= 100 && http <= 599) return String(http);
  if (typeof code === 'string' && IDENTIFIER.test(code)) return code;
  if (typeof name === 'string' && name !== 'Error' && IDENTIFIER.test(name)) return name;
  return ERROR_TYPE_VALUE_OTHER;
}
