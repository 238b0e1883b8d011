// Streaming: wrap a stream of chunks and PromptKit records the call with its time to first token
// (promptkit_provider_time_to_first_token_seconds) and the usage from the last chunk. The chunks
// come from a fake generator shaped like OpenAI's chat completion chunks: no network, no API key.
//   npx tsx examples/streaming.ts        (PROMPTKIT_ADDRESS=127.0.0.1:0 picks a free port)
import { setTimeout as sleep } from 'node:timers/promises';
import { instrumentStream, startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

interface ChatChunk {
  choices: { delta: { content?: string }; finish_reason: string | null }[];
  /** Sent once, in a last chunk with no choices, when the request asks `stream_options: { include_usage: true }`. */
  usage: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details?: { cached_tokens: number } } | null;
}

/** Stands in for `client.chat.completions.create({ …, stream: true, stream_options: { include_usage: true } })`. */
async function* fakeChatStream(words: string[]): AsyncGenerator<ChatChunk> {
  await sleep(80); // the provider thinks before the first token
  for (const [i, word] of words.entries()) {
    if (i > 0) await sleep(10);
    yield { choices: [{ delta: { content: `${word} ` }, finish_reason: i === words.length - 1 ? 'stop' : null }], usage: null };
  }
  yield { choices: [], usage: { prompt_tokens: 42, completion_tokens: words.length, prompt_tokens_details: { cached_tokens: 0 } } };
}

// OpenAI reports prompt_tokens with the cached ones included, as PromptKit counts them.
const openaiStream = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  usage: (chunk: ChatChunk) =>
    chunk.usage
      ? { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens, cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens }
      : undefined,
  finishReason: (chunk: ChatChunk) => chunk.choices[0]?.finish_reason ?? undefined,
};

const telemetry = await startMetrics({ serviceName: 'streaming-example', prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464' });

// In a pipeline: pass a function that starts the request, so the call is timed from the request.
let answer = '';
await telemetry.pipeline(async (run) => {
  for await (const chunk of run.stream(openaiStream, () => fakeChatStream(['Streams', 'are', 'recorded', 'too.']))) {
    answer += chunk.choices[0]?.delta.content ?? '';
  }
});
console.log(`answer: ${answer.trim()}`);

// Without a pipeline, on any event bus. Stopping early (break) still records the call once and
// closes the source stream; usage that never arrived is not recorded.
for await (const chunk of instrumentStream(() => fakeChatStream(['Only', 'the', 'first', 'word']), { ...openaiStream, bus: telemetry.eventBus })) {
  console.log(`first chunk: ${chunk.choices[0]?.delta.content?.trim()}`);
  break;
}

console.log(`metrics: ${telemetry.prometheus?.url}`);

const stop = async () => {
  await telemetry.shutdown();
  console.log('stopped');
};
untilSignal(stop);
