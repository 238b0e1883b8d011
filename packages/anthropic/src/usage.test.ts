// Usage normalisation as a table: the raw `usage` the API sends → the counts on
// `provider.call.completed`, through the real SDK (1.x and 0.x) and the loopback server.
//
//   inputTokens      = input_tokens + cache_creation_input_tokens + cache_read_input_tokens
//   cachedTokens     = cache_read_input_tokens
//   cacheWriteTokens = cache_creation_input_tokens
//   outputTokens     = output_tokens (thinking included)
//   reasoningTokens  = output_tokens_details.thinking_tokens
//
// A count the API left out or sent as null stays undefined.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODEL, SDKS, messageReply, streamReply } from './test-fixtures.js';
import { collect, harness } from './test-harness.js';

const h = harness();
const params = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

type Counts = [input?: number, output?: number, cached?: number, cacheWrite?: number, reasoning?: number];

const PLAIN: [string, unknown, Counts][] = [
  ['no cache use (the API sends zeros)', { input_tokens: 12, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, [12, 5, 0, 0]],
  ['cache read and cache write', { input_tokens: 12, output_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: 3000 }, [3112, 5, 3000, 100]],
  ['cache counts null', { input_tokens: 12, output_tokens: 5, cache_creation_input_tokens: null, cache_read_input_tokens: null }, [12, 5]],
  ['cache counts absent', { input_tokens: 12, output_tokens: 5 }, [12, 5]],
  [
    'thinking reported in output_tokens_details',
    { input_tokens: 40, output_tokens: 530, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens_details: { thinking_tokens: 480 } },
    [40, 530, 0, 0, 480],
  ],
  ['output_tokens_details null', { input_tokens: 40, output_tokens: 530, output_tokens_details: null }, [40, 530]],
  ['cache TTL split and server tool use (not counts PromptKit records)', { input_tokens: 7, output_tokens: 2, cache_creation_input_tokens: 60, cache_read_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 40 }, server_tool_use: { web_search_requests: 1 } }, [67, 2, 0, 60]],
  ['no usage (a proxy that drops it)', undefined, []],
];

// message_start.message.usage, then each message_delta.usage → counts.
const STREAMED: [string, unknown, unknown[], Counts][] = [
  ['output only from message_delta (the start placeholder is not counted)', { input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 100, cache_read_input_tokens: 3000 }, [{ output_tokens: 5 }], [3112, 5, 3000, 100]],
  ['several message_delta events: the last total wins, never a sum', { input_tokens: 12, output_tokens: 1 }, [{ output_tokens: 3 }, { output_tokens: 9 }], [12, 9]],
  [
    'message_delta with input and cache totals replaces the start',
    { input_tokens: 20, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 50 },
    [{ output_tokens: 9, input_tokens: 25, cache_creation_input_tokens: 5, cache_read_input_tokens: 60 }],
    [90, 9, 60, 5],
  ],
  ['null in message_delta is no value: the start count stays', { input_tokens: 20, output_tokens: 1, cache_read_input_tokens: 50 }, [{ output_tokens: 9, cache_read_input_tokens: null }], [70, 9, 50]],
  ['thinking in message_delta', { input_tokens: 8, output_tokens: 1 }, [{ output_tokens: 30, output_tokens_details: { thinking_tokens: 22 } }], [8, 30, undefined, undefined, 22]],
  ['no message_delta: prompt counts only', { input_tokens: 8, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, [], [8, undefined, 0, 0]],
];

function recordedCounts(): Counts {
  const data = h.completed();
  const counts: Counts = [data.inputTokens, data.outputTokens, data.cachedTokens, data.cacheWriteTokens, data.reasoningTokens];
  while (counts.length > 0 && counts.at(-1) === undefined) counts.pop();
  return counts;
}

for (const sdk of SDKS) {
  describe(`@anthropic-ai/sdk ${sdk.version}: usage → [input, output, cached, cacheWrite, reasoning]`, () => {
    for (const [name, usage, expected] of PLAIN) {
      test(`messages.create: ${name}`, async () => {
        h.server.reply(messageReply(MODEL, 'Hi', usage));
        await h.instrumented(sdk.Anthropic).messages.create(params);
        assert.deepEqual(recordedCounts(), expected);
      });
    }
    for (const [name, startUsage, deltaUsages, expected] of STREAMED) {
      test(`stream: ${name}`, async () => {
        h.server.reply(streamReply(MODEL, { text: ['Hi'], startUsage, deltaUsages }));
        await collect(await h.instrumented(sdk.Anthropic).messages.create({ ...params, stream: true }));
        assert.deepEqual(recordedCounts(), expected);
      });
    }
  });
}
