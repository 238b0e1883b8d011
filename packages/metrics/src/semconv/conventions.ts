// The OpenTelemetry GenAI client metrics PromptKit emits, in one place, so that the next change of
// the conventions is a change of this file. Followed: open-telemetry/semantic-conventions-genai at
// commit 88eccb155ca7d6984826da1f4b1c08ee916e0f49 (after PR #521, October 2026):
// model/gen-ai/metrics.yaml and model/gen-ai/token-metrics.yaml; bucket advice from
// docs/gen-ai/client-inference.md and docs/gen-ai/gen-ai-token-metrics.md. Every metric there is
// "development"; names moved twice in 2026 (#374: token usage counters and per-operation
// histograms; #521: gen_ai.client.inference.*).

/** The OpenTelemetry meter (instrumentation scope) the GenAI convention metrics are recorded with. */
export const GEN_AI_METER_NAME = '@promptkit/metrics/gen_ai';

/** The value of `OTEL_SEMCONV_STABILITY_OPT_IN` that turns the GenAI convention metrics on. */
export const GEN_AI_OPT_IN = 'gen_ai_latest_experimental';

/** The conventions' commit PromptKit follows. */
export const GEN_AI_CONVENTIONS_COMMIT = '88eccb155ca7d6984826da1f4b1c08ee916e0f49';

/** `gen_ai.token.modality` when the provider does not break usage down by modality (the conventions' fallback). */
export const TOKEN_MODALITY_UNKNOWN = 'unknown';

export interface GenAiMetricDefinition {
  /** The conventions' instrument name (dotted); Prometheus shows it with underscores and suffixes. */
  readonly name: string;
  readonly kind: 'histogram' | 'counter';
  readonly unit: string;
  /** The conventions' brief. */
  readonly help: string;
  /** The conventions' ExplicitBucketBoundaries advice (histograms). */
  readonly buckets?: readonly number[];
}

// Powers of two from 10 ms for durations, powers of four for token counts.
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

const usage = (name: string, help: string): GenAiMetricDefinition => ({ name: `gen_ai.client.inference.usage.${name}`, kind: 'counter', unit: '{token}', help });

export const genAiCatalog = {
  inferenceDuration: {
    name: 'gen_ai.client.inference.duration',
    kind: 'histogram',
    unit: 's',
    help: 'GenAI client inference operation duration.',
    buckets: DURATION_BUCKETS,
  },
  timeToFirstChunk: {
    name: 'gen_ai.client.inference.time_to_first_chunk',
    kind: 'histogram',
    unit: 's',
    help: 'Time to receive the first chunk, measured from when the client issues the generation request to when the first chunk is received in the response stream.',
    buckets: DURATION_BUCKETS,
  },
  inputTokens: usage('input_tokens', 'The number of input (prompt) tokens used, including cached tokens.'),
  outputTokens: usage('output_tokens', 'The number of output (completion) tokens used, including reasoning tokens.'),
  cacheReadTokens: usage('cache_read.input_tokens', 'The number of input tokens served from a provider-managed cache.'),
  cacheWriteTokens: usage('cache_write.input_tokens', 'The number of input tokens written to a provider-managed cache.'),
  reasoningTokens: usage('reasoning.output_tokens', 'The number of output tokens used for reasoning (e.g. chain-of-thought, extended thinking).'),
  operationInputTokens: {
    name: 'gen_ai.client.inference.operation.input_tokens',
    kind: 'histogram',
    unit: '{token}',
    help: 'The number of input (prompt) tokens used per inference operation.',
    buckets: TOKEN_BUCKETS,
  },
  operationOutputTokens: {
    name: 'gen_ai.client.inference.operation.output_tokens',
    kind: 'histogram',
    unit: '{token}',
    help: 'The number of output (completion) tokens used per inference operation.',
    buckets: TOKEN_BUCKETS,
  },
  embeddingsDuration: {
    name: 'gen_ai.client.embeddings.duration',
    kind: 'histogram',
    unit: 's',
    help: 'GenAI client embeddings operation duration.',
    buckets: DURATION_BUCKETS,
  },
  embeddingsInputTokens: {
    name: 'gen_ai.client.embeddings.operation.input_tokens',
    kind: 'histogram',
    unit: '{token}',
    help: 'The number of input tokens used per embeddings operation.',
    buckets: TOKEN_BUCKETS,
  },
} as const satisfies Record<string, GenAiMetricDefinition>;

export type GenAiMetricKey = keyof typeof genAiCatalog;

export const genAiMetricDefinitions: readonly GenAiMetricDefinition[] = Object.values(genAiCatalog);

/**
 * Which usage counter each PromptKit token count feeds: the conventions' counters have PromptKit's
 * meaning (input includes cache reads and writes, output includes reasoning).
 */
export const USAGE_COUNTERS = [
  ['inputTokens', 'inputTokens'],
  ['outputTokens', 'outputTokens'],
  ['cachedTokens', 'cacheReadTokens'],
  ['cacheWriteTokens', 'cacheWriteTokens'],
  ['reasoningTokens', 'reasoningTokens'],
] as const;

/*
 * Rules followed, from the same text:
 * - Duration: every call, failed ones with `error.type`; embeddings calls use the embeddings metrics.
 * - Time to first chunk: streaming calls only. `time_per_output_chunk` is not emitted: PromptKit's
 *   events carry the first chunk's time, not each chunk's.
 * - Usage counters: what the provider reported, with `gen_ai.token.modality` "unknown" (no provider
 *   breaks usage down by modality in the events); a reported 0 is recorded as 0; nothing for usage
 *   not reported, and nothing for failed calls, which carry no usage (open issue #530 proposes
 *   counting failed calls' tokens when known).
 * - Per-operation token histograms: successful calls with reported counts; never for failed calls (#530).
 * - Attributes: gen_ai.operation.name and gen_ai.provider.name always; gen_ai.request.model when
 *   known; gen_ai.response.model for completed calls; server.address, and server.port with it.
 */
