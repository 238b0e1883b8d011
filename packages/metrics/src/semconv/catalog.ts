import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from './attributes.js';

/** The OpenTelemetry meter (instrumentation scope) the GenAI convention metrics are recorded with. */
export const GEN_AI_METER_NAME = '@promptkit/metrics/gen_ai';

/** The value of `OTEL_SEMCONV_STABILITY_OPT_IN` that turns the GenAI convention metrics on. */
export const GEN_AI_OPT_IN = 'gen_ai_latest_experimental';

export interface GenAiMetricDefinition {
  /** The conventions' instrument name (dotted); Prometheus shows it with underscores and a unit suffix. */
  readonly name: string;
  readonly kind: 'histogram';
  readonly unit: string;
  readonly help: string;
  /** Attribute keys, in the order PromptKit sets them. */
  readonly attributes: readonly string[];
  /** The conventions' ExplicitBucketBoundaries. */
  readonly buckets: readonly number[];
}

// The conventions' advice: powers of two from 10 ms for durations, powers of four for token counts.
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

/** The GenAI client metrics PromptKit emits when `semconv: 'gen_ai'` is on. */
export const genAiCatalog = {
  operationDuration: {
    name: METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
    kind: 'histogram',
    unit: 's',
    help: 'GenAI operation duration.',
    attributes: [ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_ERROR_TYPE],
    buckets: DURATION_BUCKETS,
  },
  tokenUsage: {
    name: METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
    kind: 'histogram',
    unit: '{token}',
    help: 'Number of input and output tokens used.',
    attributes: [ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_TOKEN_TYPE],
    buckets: TOKEN_BUCKETS,
  },
  timeToFirstChunk: {
    name: METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
    kind: 'histogram',
    unit: 's',
    help: 'Time to receive the first chunk, measured from when the client issues the generation request to when the first chunk is received in the response stream.',
    attributes: [ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL],
    buckets: DURATION_BUCKETS,
  },
} as const satisfies Record<string, GenAiMetricDefinition>;

export const genAiMetricDefinitions: readonly GenAiMetricDefinition[] = Object.values(genAiCatalog);
