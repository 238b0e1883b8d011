// Test support only (not built, not exported): OpenAI wire-format payloads, as the API sends them.
import type { Usage } from '../../../test/support/usage.js';
import type { FakeReply, ReplyFor, SseEvent } from './test-server.js';

// `cache_write_tokens` is sent only when set, as by servers before it existed.
const cacheWrite = (usage: Usage) => (usage.cacheWrite === undefined ? {} : { cache_write_tokens: usage.cacheWrite });

const CREATED = 1_750_000_000;

export function chatCompletion(model: string, content: string, usage: Usage, finishReason = 'stop') {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
      prompt_tokens_details: { cached_tokens: usage.cached ?? 0, ...cacheWrite(usage) },
      completion_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    },
    system_fingerprint: 'fp_test',
  };
}

export function chatReply(model: string, content: string, usage: Usage, finishReason = 'stop'): FakeReply {
  return { status: 200, json: chatCompletion(model, content, usage, finishReason) };
}

/** The chunks of a streamed chat completion; with `withUsage`, every chunk has `usage: null` and a usage-only chunk ends it. */
export function chatChunks(model: string, parts: string[], usage: Usage, withUsage: boolean, finishReason = 'stop') {
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    system_fingerprint: 'fp_test',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(withUsage ? { usage: null } : {}),
  });
  const chunks: Record<string, unknown>[] = [
    chunk({ role: 'assistant', content: '', refusal: null }, null),
    ...parts.map((content) => chunk({ content }, null)),
    chunk({}, finishReason),
  ];
  if (withUsage) {
    chunks.push({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: CREATED,
      model,
      system_fingerprint: 'fp_test',
      choices: [],
      usage: chatCompletion(model, '', usage).usage,
    });
  }
  return chunks;
}

/** A streamed chat completion that, like the API, sends usage only when `stream_options.include_usage` is set. */
export function chatStreamReply(model: string, parts: string[], usage: Usage, timing: { delayMs?: number; firstDelayMs?: number } = {}): ReplyFor {
  return (body) => {
    const withUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    return { events: chatChunks(model, parts, usage, withUsage).map((data) => ({ data })), ...timing };
  };
}

export function rateLimitReply(): FakeReply {
  return {
    status: 429,
    headers: { 'retry-after': '0' },
    json: { error: { message: 'Rate limit reached for gpt-4o-mini', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
  };
}

/** OpenAI's error bodies (codes as the API sends them), for the classifier. */
export function errorReply(kind: 'context_length' | 'quota' | 'auth' | 'server'): FakeReply {
  const bodies = {
    context_length: [400, { message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' }],
    quota: [429, { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' }],
    auth: [401, { message: 'Incorrect API key provided: test.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' }],
    server: [500, { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null }],
  } as const;
  const [status, error] = bodies[kind];
  return { status, json: { error } };
}

export function responseObject(model: string, text: string, usage: Usage, status: 'completed' | 'incomplete' | 'in_progress' = 'completed') {
  return {
    id: 'resp_test',
    object: 'response',
    created_at: CREATED,
    status,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    model,
    output:
      status === 'in_progress'
        ? []
        : [
            {
              id: 'msg_test',
              type: 'message',
              status: 'completed',
              role: 'assistant',
              content: [{ type: 'output_text', text, annotations: [] }],
            },
          ],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage:
      status === 'in_progress'
        ? null
        : {
            input_tokens: usage.input,
            input_tokens_details: { cached_tokens: usage.cached ?? 0, ...cacheWrite(usage) },
            output_tokens: usage.output,
            output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
            total_tokens: usage.input + usage.output,
          },
  };
}

export function responseReply(model: string, text: string, usage: Usage): FakeReply {
  return { status: 200, json: responseObject(model, text, usage) };
}

/** The events of a streamed Responses API call, each with its `event:` line, ending in `response.completed`. */
export function responseEvents(model: string, parts: string[], usage: Usage): SseEvent[] {
  let sequence = 0;
  const event = (data: Record<string, unknown>): SseEvent => ({ event: String(data.type), data: { ...data, sequence_number: sequence++ } });
  const text = parts.join('');
  const item = { id: 'msg_test', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
  return [
    event({ type: 'response.created', response: responseObject(model, '', usage, 'in_progress') }),
    event({ type: 'response.in_progress', response: responseObject(model, '', usage, 'in_progress') }),
    event({ type: 'response.output_item.added', output_index: 0, item }),
    event({ type: 'response.content_part.added', item_id: 'msg_test', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }),
    ...parts.map((delta) => event({ type: 'response.output_text.delta', item_id: 'msg_test', output_index: 0, content_index: 0, delta })),
    event({ type: 'response.output_text.done', item_id: 'msg_test', output_index: 0, content_index: 0, text }),
    event({ type: 'response.completed', response: responseObject(model, text, usage) }),
  ];
}

export function responseStreamReply(model: string, parts: string[], usage: Usage, timing: { delayMs?: number; firstDelayMs?: number } = {}): FakeReply {
  return { events: responseEvents(model, parts, usage), done: false, ...timing };
}
