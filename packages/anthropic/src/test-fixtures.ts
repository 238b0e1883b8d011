// Test support only (not built, not exported): Anthropic Messages wire-format payloads, as the API
// sends them, and the two SDK majors the tests run against.
import Anthropic from '@anthropic-ai/sdk';
import { Stream } from '@anthropic-ai/sdk/streaming';
import { VERSION } from '@anthropic-ai/sdk/version';
import AnthropicV0 from 'anthropic-sdk-v0';
import { Stream as StreamV0 } from 'anthropic-sdk-v0/streaming';
import { VERSION as VERSION_V0 } from 'anthropic-sdk-v0/version';
import type { FakeReply, SseEvent } from './test-server.js';

/**
 * The SDKs under test. 0.x has the same client surface the tests use (`messages.create`,
 * `messages.stream`, the error classes as statics), so it is typed as 1.x here.
 */
export const SDKS: { version: string; Anthropic: typeof Anthropic; Stream: typeof Stream }[] = [
  { version: VERSION, Anthropic, Stream },
  { version: VERSION_V0, Anthropic: AnthropicV0 as unknown as typeof Anthropic, Stream: StreamV0 as unknown as typeof Stream },
];

/** A model the SDK prints no deprecation warning for. */
export const MODEL = 'claude-sonnet-4-6';
/** The dated model the fake API answers with. */
export const ANSWER = 'claude-sonnet-4-6-20260101';

/**
 * The completed event's data (timings left out) of a call answered by the server on `port` with 12
 * new, 3,000 cache-read and 100 cache-write input tokens and 5 output tokens: `input` counts all three.
 */
export function expectedCompletion(port: number) {
  return {
    provider: 'anthropic',
    model: ANSWER,
    requestModel: MODEL,
    serverAddress: '127.0.0.1',
    serverPort: port,
    inputTokens: 3112,
    outputTokens: 5,
    cachedTokens: 3000,
    cacheWriteTokens: 100,
    finishReason: 'end_turn',
  };
}

/** A `Usage` as the API sends it: `input_tokens` without the cache, the cache counts beside it. */
export function usage(input: number, output: number, cacheWrite: number | null = 0, cacheRead: number | null = 0, extra: Record<string, unknown> = {}) {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: cacheWrite === null ? null : { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
    service_tier: 'standard',
    ...extra,
  };
}

export function message(model: string, text: string, rawUsage: unknown, stopReason = 'end_turn') {
  return {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text }],
    stop_reason: stopReason,
    stop_sequence: null,
    usage: rawUsage,
  };
}

export function messageReply(model: string, text: string, rawUsage: unknown, stopReason = 'end_turn'): FakeReply {
  return { status: 200, json: message(model, text, rawUsage, stopReason) };
}

export interface StreamParts {
  /** Text deltas of one text block. */
  text: string[];
  /** Thinking deltas of a thinking block before the text. */
  thinking?: string[];
  /** `message_start.message.usage`: the prompt's counts and a placeholder `output_tokens`. */
  startUsage: unknown;
  /** `message_delta.usage` of each `message_delta`, in order (cumulative totals). */
  deltaUsages: unknown[];
  stopReason?: string;
}

/** The events of a streamed message, as the API sends them (with a `ping`). */
export function messageEvents(model: string, parts: StreamParts): SseEvent[] {
  const event = (data: Record<string, unknown>): SseEvent => ({ event: String(data.type), data });
  const blocks: SseEvent[] = [];
  let index = 0;
  if (parts.thinking) {
    blocks.push(event({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    for (const thinking of parts.thinking) blocks.push(event({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } }));
    blocks.push(event({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'sig' } }));
    blocks.push(event({ type: 'content_block_stop', index }));
    index++;
  }
  blocks.push(event({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
  for (const text of parts.text) blocks.push(event({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }));
  blocks.push(event({ type: 'content_block_stop', index }));
  const deltas = parts.deltaUsages.map((deltaUsage, i) =>
    event({ type: 'message_delta', delta: i === parts.deltaUsages.length - 1 ? { stop_reason: parts.stopReason ?? 'end_turn', stop_sequence: null } : { stop_reason: null, stop_sequence: null }, usage: deltaUsage }),
  );
  return [
    event({ type: 'message_start', message: { ...message(model, '', parts.startUsage), content: [], stop_reason: null } }),
    { event: 'ping', data: { type: 'ping' } },
    ...blocks,
    ...deltas,
    event({ type: 'message_stop' }),
  ];
}

export function streamReply(model: string, parts: StreamParts, timing: { delayMs?: number; firstDelayMs?: number } = {}): FakeReply {
  return { events: messageEvents(model, parts), ...timing };
}

/** A plain streamed answer: prompt counts at the start, the output count in one `message_delta`. */
export function simpleStream(model: string, text: string[], input: number, output: number, timing: { delayMs?: number; firstDelayMs?: number } = {}): FakeReply {
  return streamReply(model, { text, startUsage: usage(input, 1), deltaUsages: [{ output_tokens: output }] }, timing);
}

/** An error answer: the body the API sends with the HTTP status. */
export function errorReply(status: number, type: string, message: string): FakeReply {
  return { status, json: { type: 'error', error: { type, message }, request_id: 'req_error' } };
}

/** An `error` event mid-stream, after the message started (HTTP 200). */
export function midStreamError(model: string, type: string, message: string): FakeReply {
  const [start] = messageEvents(model, { text: [], startUsage: usage(10, 1), deltaUsages: [] });
  return { events: [start!, { event: 'error', data: { type: 'error', error: { type, message } } }] };
}
