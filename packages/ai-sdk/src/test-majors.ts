// Test support only (not built, not exported): the `ai` majors the middleware is tested with (each
// its newest release), each with its own mock model from `<package>/test`, behind one narrow view.
// Each major's own types are checked in typing.test.ts; the suites share these looser ones.
import type { Spec } from './test-fixtures.js';

export interface MockOptions {
  provider: string;
  modelId: string;
  doGenerate?: () => Promise<unknown>;
  doStream?: () => Promise<unknown>;
}

export interface MockModel {
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: { prompt: unknown[] }): PromiseLike<unknown>;
  doStream(options: { prompt: unknown[] }): PromiseLike<{ stream: ReadableStream<unknown> }>;
}

interface CallOptions {
  model: unknown;
  prompt: string;
  maxRetries?: number;
}

export interface AiApi {
  generateText(options: CallOptions): Promise<{ text: string; response: { modelId: string } }>;
  streamText(options: CallOptions & { onError?: (event: { error: unknown }) => void }): {
    textStream: AsyncIterable<string>;
    text: PromiseLike<string>;
    consumeStream(): Promise<void>;
  };
  wrapLanguageModel(options: { model: unknown; middleware: unknown }): unknown;
  mockModel(options: MockOptions): MockModel;
  APICallError: new (options: { message: string; url: string; requestBodyValues: unknown; statusCode?: number; isRetryable?: boolean }) => Error;
}

export interface AiMajor {
  label: string;
  /** The specification of this major's mock models. */
  spec: Spec;
  skip: string | false;
  load(): Promise<AiApi>;
}

/** The functions the suites call, from one major's module, seen through the narrow view. */
function view(ai: Record<string, unknown>, mockModel: (options: MockOptions) => unknown): AiApi {
  return {
    generateText: ai.generateText as AiApi['generateText'],
    streamText: ai.streamText as AiApi['streamText'],
    wrapLanguageModel: ai.wrapLanguageModel as AiApi['wrapLanguageModel'],
    APICallError: ai.APICallError as AiApi['APICallError'],
    mockModel: mockModel as AiApi['mockModel'],
  };
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

export const MAJORS: readonly AiMajor[] = [
  {
    label: 'ai 6.0.326',
    spec: 'v3',
    skip: false,
    load: async () => {
      const { MockLanguageModelV3 } = await import('ai/test');
      type Options = ConstructorParameters<typeof MockLanguageModelV3>[0];
      return view(await import('ai'), (options) => new MockLanguageModelV3(options as Options));
    },
  },
  {
    label: 'ai 5.0.277',
    spec: 'v2',
    skip: false,
    load: async () => {
      const { MockLanguageModelV2 } = await import('ai-v5/test');
      type Options = ConstructorParameters<typeof MockLanguageModelV2>[0];
      return view(await import('ai-v5'), (options) => new MockLanguageModelV2(options as Options));
    },
  },
  {
    label: 'ai 7.0.173',
    spec: 'v4',
    skip: nodeMajor >= 22 ? false : 'ai 7 requires Node 22 (engines >=22); runs in the Node 22 and 24 CI runs',
    load: async () => {
      const { MockLanguageModelV4 } = await import('ai-v7/test');
      type Options = ConstructorParameters<typeof MockLanguageModelV4>[0];
      return view(await import('ai-v7'), (options) => new MockLanguageModelV4(options as Options));
    },
  },
];
