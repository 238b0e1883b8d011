// Test support only (not built, not exported): language-model results as AI SDK providers return
// them, in the shape of each specification: V2 (`ai` 5), V3 (`ai` 6), V4 (`ai` 7).
import { simulateReadableStream } from 'ai';
import type { Usage } from '../../../test/support/usage.js';

export type Spec = 'v2' | 'v3' | 'v4';

type Count = number | undefined;
type FlatUsage = { inputTokens: Count; outputTokens: Count; totalTokens: Count; cachedInputTokens: Count; reasoningTokens: Count };
type NestedUsage = { inputTokens: { total: Count; noCache: Count; cacheRead: Count; cacheWrite: Count }; outputTokens: { total: Count; text: Count; reasoning: Count } };
type UsageOf<S extends Spec> = S extends 'v2' ? FlatUsage : NestedUsage;

/** The AI SDK's unified finish reasons (V2 and V3; V4 adds 'interrupted'). */
export type Unified = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';
type FinishOf<S extends Spec> = S extends 'v2' ? Unified : { unified: Unified; raw: string };

export function usageFor<S extends Spec>(spec: S, { input, output, cached, cacheWrite, reasoning }: Usage): UsageOf<S> {
  const flat: FlatUsage = { inputTokens: input, outputTokens: output, totalTokens: input + output, cachedInputTokens: cached, reasoningTokens: reasoning };
  const nested: NestedUsage = {
    inputTokens: { total: input, noCache: input - (cached ?? 0) - (cacheWrite ?? 0), cacheRead: cached, cacheWrite },
    outputTokens: { total: output, text: output - (reasoning ?? 0), reasoning },
  };
  return (spec === 'v2' ? flat : nested) as UsageOf<S>;
}

/** V2 has the unified reason only; V3 and V4 add the provider's own. */
export function finishFor<S extends Spec>(spec: S, unified: Unified, raw: string): FinishOf<S> {
  return (spec === 'v2' ? unified : { unified, raw }) as FinishOf<S>;
}

export function generateResult<S extends Spec>(spec: S, modelId: string, text: string, usage: Usage, finish: [Unified, string] = ['stop', 'stop']) {
  return {
    content: [{ type: 'text' as const, text }],
    finishReason: finishFor(spec, ...finish),
    usage: usageFor(spec, usage),
    warnings: [],
    response: { id: 'resp-test', modelId, timestamp: new Date(0) },
  };
}

export function streamParts<S extends Spec>(spec: S, modelId: string, parts: string[], usage: Usage, finish: [Unified, string] = ['stop', 'stop']) {
  return [
    { type: 'stream-start' as const, warnings: [] },
    { type: 'response-metadata' as const, id: 'resp-test', modelId, timestamp: new Date(0) },
    { type: 'text-start' as const, id: 't1' },
    ...parts.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
    { type: 'text-end' as const, id: 't1' },
    { type: 'finish' as const, finishReason: finishFor(spec, ...finish), usage: usageFor(spec, usage) },
  ];
}

export function streamResult<S extends Spec>(spec: S, modelId: string, parts: string[], usage: Usage, timing: { initialDelayInMs?: number; chunkDelayInMs?: number } = {}) {
  return { stream: simulateReadableStream({ chunks: streamParts(spec, modelId, parts, usage), ...timing }) };
}
