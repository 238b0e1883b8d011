// Add PromptKit metrics to an existing LangChain.js app: startMetrics() once, then pass a
// PromptKitCallbackHandler as a callback. Every chat model call then records provider requests,
// duration, tokens, finish reasons and, for streams, time to first token; every tool its calls; the
// outermost chain of each run is a pipeline and the chains inside it are stages.
//
//   npx tsx examples/langchain.ts        # a mock chat model: no network, no key
//
// PROMPTKIT_ADDRESS sets the metrics address (default ':9464').
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableSequence } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { PromptKitCallbackHandler } from '@promptkit/langchain';
import { startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({ serviceName: 'langchain-example', prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464' });

// The one change that adds metrics: a handler, passed as a callback (per call, or once to a
// model's or chain's constructor: `new ChatOpenAI({ callbacks: [promptkit] })`).
const promptkit = new PromptKitCallbackHandler({ eventBus: telemetry.eventBus });
const callbacks = [promptkit];

// Your model goes here, e.g. new ChatOpenAI({ model: 'gpt-4o-mini' }) from '@langchain/openai'.
// This mock answers like it (provider "openai", usage, finish reason) without any network.
const model = mockChatOpenAI();

// A pipeline: prompt → model → parser. The sequence is the pipeline, each step a stage.
const chain = RunnableSequence.from([ChatPromptTemplate.fromMessages([['human', '{question}']]), model, new StringOutputParser()]);
console.log(`pipeline: ${await chain.invoke({ question: 'Say hello in five words.' }, { callbacks })}`);

// Streaming: the same chunks, plus time to first token.
let streamed = '';
for await (const chunk of await model.stream('Say hello in five words.', { callbacks })) streamed += typeof chunk.content === 'string' ? chunk.content : '';
console.log(`stream: ${streamed}`);

// Tools: each call is counted with its duration and outcome.
const lookup = tool((input) => `"hello" is a greeting (${JSON.stringify(input)})`, {
  name: 'dictionary_lookup',
  description: 'Looks a word up',
  schema: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
});
console.log(`tool: ${await lookup.invoke({ word: 'hello' }, { callbacks })}`);

// LangChain runs callbacks in a background queue; a script about to report (or exit) waits for it.
await awaitAllCallbacks();
console.log(`metrics: ${telemetry.prometheus?.url}`);

// Serve until Ctrl-C or SIGTERM.
untilSignal(async () => {
  await telemetry.shutdown();
  console.log('stopped');
});

/** A mock of ChatOpenAI({ model: 'gpt-4o-mini' }): the metadata, usage and streaming it reports. */
function mockChatOpenAI(): BaseChatModel {
  const words = ['Hello', ' there,', ' nice', ' to', ' meet', ' you!'];
  const usage = { input_tokens: 14, output_tokens: 6, total_tokens: 20, input_token_details: { cache_read: 0 }, output_token_details: { reasoning: 0 } };
  const responseMetadata = { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' };

  class MockChatOpenAI extends BaseChatModel {
    _llmType(): string {
      return 'mock-openai';
    }

    override getLsParams(options: this['ParsedCallOptions']) {
      return { ...super.getLsParams(options), ls_provider: 'openai', ls_model_name: 'gpt-4o-mini' };
    }

    async _generate(): Promise<ChatResult> {
      await sleep(40); // a model thinking
      const text = words.join('');
      return { generations: [{ text, message: new AIMessage({ content: text, usage_metadata: usage, response_metadata: responseMetadata }) }] };
    }

    override async *_streamResponseChunks(_messages: BaseMessage[], _options: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun): AsyncGenerator<ChatGenerationChunk> {
      for (const [index, word] of words.entries()) {
        await sleep(40); // a model thinking
        // Usage comes with the last chunk, as OpenAI sends it.
        const last = index === words.length - 1;
        const message = new AIMessageChunk({ content: word, ...(last ? { usage_metadata: usage, response_metadata: responseMetadata } : {}) });
        const chunk = new ChatGenerationChunk({ text: word, message });
        yield chunk;
        await runManager?.handleLLMNewToken(word, undefined, undefined, undefined, undefined, { chunk });
      }
    }
  }
  return new MockChatOpenAI({});
}
