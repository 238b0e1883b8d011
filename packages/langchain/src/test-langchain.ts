// Test support only (not built, not exported): the `@langchain/core` versions the handler is tested
// with (1.4.0, and 0.3.80 as `langchain-core-v0`), the parts of each the tests use, typed as 1.4.0
// (the 0.3 classes are used through the same calls), and a chat model that reports usage as
// provider integrations do, since LangChain's own fake models report none.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage, AIMessageChunk, UsageMetadata } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import type { StringOutputParser } from '@langchain/core/output_parsers';
import type { ChatPromptTemplate } from '@langchain/core/prompts';
import type { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import type { tool } from '@langchain/core/tools';
import type { FakeListChatModel, FakeLLM, FakeStreamingChatModel } from '@langchain/core/utils/testing';

export interface LangChain {
  BaseChatModel: typeof BaseChatModel;
  AIMessage: typeof AIMessage;
  AIMessageChunk: typeof AIMessageChunk;
  ChatGenerationChunk: typeof ChatGenerationChunk;
  FakeListChatModel: typeof FakeListChatModel;
  FakeStreamingChatModel: typeof FakeStreamingChatModel;
  FakeLLM: typeof FakeLLM;
  ChatPromptTemplate: typeof ChatPromptTemplate;
  StringOutputParser: typeof StringOutputParser;
  RunnableLambda: typeof RunnableLambda;
  RunnableSequence: typeof RunnableSequence;
  tool: typeof tool;
  awaitAllCallbacks: typeof awaitAllCallbacks;
}

export interface Version {
  label: string;
  load(): Promise<LangChain>;
}

export const VERSIONS: readonly Version[] = [
  {
    label: '@langchain/core 1.4.0',
    load: async () => ({
      ...(await import('@langchain/core/language_models/chat_models')),
      ...(await import('@langchain/core/messages')),
      ...(await import('@langchain/core/outputs')),
      ...(await import('@langchain/core/utils/testing')),
      ...(await import('@langchain/core/prompts')),
      ...(await import('@langchain/core/output_parsers')),
      ...(await import('@langchain/core/runnables')),
      ...(await import('@langchain/core/tools')),
      ...(await import('@langchain/core/callbacks/promises')),
    }),
  },
  {
    label: '@langchain/core 0.3.80',
    // 0.3's classes take the same calls as 1.4's here; only their declared types differ.
    load: async () =>
      ({
        ...(await import('langchain-core-v0/language_models/chat_models')),
        ...(await import('langchain-core-v0/messages')),
        ...(await import('langchain-core-v0/outputs')),
        ...(await import('langchain-core-v0/utils/testing')),
        ...(await import('langchain-core-v0/prompts')),
        ...(await import('langchain-core-v0/output_parsers')),
        ...(await import('langchain-core-v0/runnables')),
        ...(await import('langchain-core-v0/tools')),
        ...(await import('langchain-core-v0/callbacks/promises')),
      }) as unknown as LangChain,
  },
];

/** One answer of a scripted model: its text, what it reports, or the error it throws. */
export interface Answer {
  text?: string;
  usage?: UsageMetadata;
  responseMetadata?: Record<string, unknown>;
  llmOutput?: Record<string, unknown>;
  error?: Error;
}

export interface ScriptedModelOptions {
  provider?: string;
  model: string;
  answers: Answer[];
  /** Streaming: delay before the first chunk and between chunks. */
  firstChunkDelayMs?: number;
  chunkDelayMs?: number;
}

/**
 * A chat model answering from a script, reporting `ls_provider`/`ls_model_name` and
 * `usage_metadata` as partner integrations (`@langchain/openai`, `@langchain/anthropic`) do. When
 * streamed it sends one chunk per word and the usage on the last chunk only, as they do.
 */
export function scriptedChatModel(lc: LangChain, options: ScriptedModelOptions): BaseChatModel {
  const answers = [...options.answers];
  const next = (): Answer => {
    const answer = answers.shift();
    if (answer === undefined) throw new Error('scripted model: no answer left');
    if (answer.error !== undefined) throw answer.error;
    return answer;
  };
  class ScriptedChatModel extends lc.BaseChatModel {
    _llmType(): string {
      return 'scripted';
    }

    override getLsParams(callOptions: this['ParsedCallOptions']) {
      const params = { ...super.getLsParams(callOptions), ls_model_name: options.model };
      return options.provider === undefined ? params : { ...params, ls_provider: options.provider };
    }

    override invocationParams() {
      return { model: options.model };
    }

    async _generate(): Promise<ChatResult> {
      // As a provider's call does, the answer (or the error) arrives later.
      await sleep(1);
      const answer = next();
      const message = new lc.AIMessage({ content: answer.text ?? '', usage_metadata: answer.usage, response_metadata: answer.responseMetadata ?? {} });
      return { generations: [{ text: answer.text ?? '', message }], llmOutput: answer.llmOutput };
    }

    override async *_streamResponseChunks(_messages: unknown, _callOptions: unknown, runManager?: CallbackManagerForLLMRun): AsyncGenerator<ChatGenerationChunk> {
      const answer = next();
      const words = (answer.text ?? '').split(/(?<= )/);
      for (const [index, word] of words.entries()) {
        await sleep(index === 0 ? (options.firstChunkDelayMs ?? 0) : (options.chunkDelayMs ?? 0));
        const last = index === words.length - 1;
        const message = new lc.AIMessageChunk({
          content: word,
          ...(last ? { usage_metadata: answer.usage, response_metadata: answer.responseMetadata ?? {} } : {}),
        });
        const chunk = new lc.ChatGenerationChunk({ text: word, message });
        yield chunk;
        await runManager?.handleLLMNewToken(word, undefined, undefined, undefined, undefined, { chunk });
      }
    }
  }
  return new ScriptedChatModel({});
}
