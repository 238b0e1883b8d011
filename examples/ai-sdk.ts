// Add PromptKit metrics to an existing Vercel AI SDK app: startMetrics() once, then wrap the model
// with promptkitMiddleware(). Every generateText, streamText, generateObject and streamObject call
// then records provider requests, duration, tokens and, for streams, time to first token.
//
//   npx tsx examples/ai-sdk.ts        # a mock model from 'ai/test': no network, no key
//
// PROMPTKIT_ADDRESS sets the metrics address (default ':9464').
import { promptkitMiddleware } from '@promptkit/ai-sdk';
import { startMetrics } from '@promptkit/sdk';
import { generateText, simulateReadableStream, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({ serviceName: 'ai-sdk-example', prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464' });

// Your model goes here, e.g. openai('gpt-4o-mini') from '@ai-sdk/openai'. This mock answers like
// one (provider 'openai.chat', so the metrics say provider="openai") without any network.
const yourModel = mockModel();

// The one change that adds metrics: wrap the model once and use the wrapped one everywhere.
const model = wrapLanguageModel({ model: yourModel, middleware: promptkitMiddleware({ eventBus: telemetry.eventBus }) });

const { text } = await generateText({ model, prompt: 'Say hello in five words.' });
console.log(`generateText: ${text}`);

let streamed = '';
for await (const delta of streamText({ model, prompt: 'Say hello in five words.' }).textStream) streamed += delta;
console.log(`streamText: ${streamed}`);

console.log(`metrics: ${telemetry.prometheus?.url}`);

const stop = async () => {
  await telemetry.shutdown();
  console.log('stopped');
};
untilSignal(stop);

/** A mock of openai('gpt-4o-mini'), answering as the AI SDK's OpenAI provider would (LanguageModelV3). */
function mockModel(): MockLanguageModelV3 {
  const words = ['Hello', ' there,', ' nice', ' to', ' meet', ' you!'];
  const usage = {
    inputTokens: { total: 14, noCache: 14, cacheRead: 0, cacheWrite: undefined },
    outputTokens: { total: words.length, text: words.length, reasoning: 0 },
  };
  const finishReason = { unified: 'stop' as const, raw: 'stop' };
  const response = { id: 'chatcmpl-mock', modelId: 'gpt-4o-mini-2024-07-18', timestamp: new Date() };
  return new MockLanguageModelV3({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doGenerate: () => Promise.resolve({ content: [{ type: 'text', text: words.join('') }], finishReason, usage, warnings: [], response }),
    doStream: () => Promise.resolve({
      stream: simulateReadableStream({
        initialDelayInMs: 40, // a model thinking
        chunkDelayInMs: 40,
        chunks: [
          { type: 'stream-start' as const, warnings: [] },
          { type: 'response-metadata' as const, ...response },
          { type: 'text-start' as const, id: 'text-1' },
          ...words.map((delta) => ({ type: 'text-delta' as const, id: 'text-1', delta })),
          { type: 'text-end' as const, id: 'text-1' },
          { type: 'finish' as const, finishReason, usage },
        ],
      }),
    }),
  });
}
