// Test support only (not built, not exported): LanguageModelV3 results as AI SDK providers return them.
import { simulateReadableStream } from 'ai';

export interface Usage {
  input: number;
  output: number;
  cached?: number;
}

export function v3Usage({ input, output, cached }: Usage) {
  return {
    inputTokens: { total: input, noCache: input - (cached ?? 0), cacheRead: cached, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

export function generateResult(modelId: string, text: string, usage: Usage) {
  return {
    content: [{ type: 'text' as const, text }],
    finishReason: { unified: 'stop' as const, raw: 'stop' },
    usage: v3Usage(usage),
    warnings: [],
    response: { id: 'resp-test', modelId, timestamp: new Date(0) },
  };
}

export function streamParts(modelId: string, parts: string[], usage: Usage) {
  return [
    { type: 'stream-start' as const, warnings: [] },
    { type: 'response-metadata' as const, id: 'resp-test', modelId, timestamp: new Date(0) },
    { type: 'text-start' as const, id: 't1' },
    ...parts.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
    { type: 'text-end' as const, id: 't1' },
    { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: 'stop' }, usage: v3Usage(usage) },
  ];
}

export function streamResult(modelId: string, parts: string[], usage: Usage, timing: { initialDelayInMs?: number; chunkDelayInMs?: number } = {}) {
  return { stream: simulateReadableStream({ chunks: streamParts(modelId, parts, usage), ...timing }) };
}
