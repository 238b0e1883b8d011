/**
 * The instrument catalog: every metric PromptKit emits, in one place. The listener, the record*
 * functions, the exporters' views, the dashboard, the alert rules, the docs and the tests read it.
 *
 * `name` is the exact series family name on /metrics. It is also the OpenTelemetry instrument name:
 * counters already end in `_total` and histograms in their unit (`_seconds`), and counter units are
 * curly-brace annotations, so Prometheus-style OTLP translation (which appends `_total` and a unit
 * suffix only when missing and drops `{…}` annotations) arrives at the same name.
 */

export type InstrumentKind = 'counter' | 'updowncounter' | 'histogram';

export type MetricGroup = 'pipeline' | 'stage' | 'provider' | 'tool' | 'validation' | 'self';

export interface MetricDefinition {
  /** Exposition name, e.g. `promptkit_provider_requests_total`. */
  readonly name: string;
  readonly kind: InstrumentKind;
  /** UCUM unit: `s` for durations, `{…}` annotations for counts. */
  readonly unit: string;
  /** HELP text. */
  readonly help: string;
  /** Label names, in the order of the Go SDK's tables. */
  readonly labels: readonly string[];
  /** Explicit histogram bucket boundaries, in seconds. */
  readonly buckets?: readonly number[];
  readonly group: MetricGroup;
}

// LLM calls and whole pipelines run from a fraction of a second to many minutes.
const PROVIDER_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];
const PIPELINE_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200];
// Stages range from in-memory transforms (milliseconds) to LLM calls (minutes).
const STAGE_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const TOOL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
// Validators are mostly schema and regex checks: resolve single milliseconds.
const VALIDATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const catalog = {
  pipelinesActive: {
    name: 'promptkit_pipelines_active',
    kind: 'updowncounter',
    unit: '{pipeline}',
    help: 'Number of currently active pipelines',
    labels: [],
    group: 'pipeline',
  },
  pipelineDuration: {
    name: 'promptkit_pipeline_duration_seconds',
    kind: 'histogram',
    unit: 's',
    help: 'Total pipeline execution duration',
    labels: ['status'],
    buckets: PIPELINE_BUCKETS,
    group: 'pipeline',
  },
  stageDuration: {
    name: 'promptkit_stage_duration_seconds',
    kind: 'histogram',
    unit: 's',
    help: 'Per-stage processing duration',
    labels: ['stage', 'stage_type'],
    buckets: STAGE_BUCKETS,
    group: 'stage',
  },
  stageElements: {
    name: 'promptkit_stage_elements_total',
    kind: 'counter',
    unit: '{element}',
    help: 'Elements processed by stage',
    labels: ['stage', 'status'],
    group: 'stage',
  },
  providerRequestDuration: {
    name: 'promptkit_provider_request_duration_seconds',
    kind: 'histogram',
    unit: 's',
    help: 'LLM API call duration',
    labels: ['provider', 'model'],
    buckets: PROVIDER_BUCKETS,
    group: 'provider',
  },
  providerRequests: {
    name: 'promptkit_provider_requests_total',
    kind: 'counter',
    unit: '{request}',
    help: 'Total provider API calls',
    labels: ['provider', 'model', 'status'],
    group: 'provider',
  },
  providerTokens: {
    name: 'promptkit_provider_tokens_total',
    kind: 'counter',
    unit: '{token}',
    help: 'Token consumption by type: input (every prompt token), output (every generated token), cached and cache_write (parts of input), reasoning (part of output)',
    labels: ['provider', 'model', 'type'],
    group: 'provider',
  },
  providerCost: {
    name: 'promptkit_provider_cost_total',
    kind: 'counter',
    unit: '{USD}',
    help: 'Total cost in USD',
    labels: ['provider', 'model'],
    group: 'provider',
  },
  providerErrors: {
    name: 'promptkit_provider_errors_total',
    kind: 'counter',
    unit: '{error}',
    help: 'Failed provider API calls by why they failed (rate_limit, timeout, context_length_exceeded, authentication, invalid_request, server_error, network, content_filter, cancelled, other)',
    labels: ['provider', 'model', 'error_type'],
    group: 'provider',
  },
  providerFinishReasons: {
    name: 'promptkit_provider_finish_reasons_total',
    kind: 'counter',
    unit: '{response}',
    help: 'Completed provider API calls by why the generation stopped (stop, length, tool_calls, content_filter, refusal, other)',
    labels: ['provider', 'model', 'reason'],
    group: 'provider',
  },
  providerTimeToFirstToken: {
    name: 'promptkit_provider_time_to_first_token_seconds',
    kind: 'histogram',
    unit: 's',
    help: 'Time from a streaming LLM request to its first token',
    labels: ['provider', 'model'],
    buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 20, 30, 60],
    group: 'provider',
  },
  providerUnpricedRequests: {
    name: 'promptkit_provider_unpriced_requests_total',
    kind: 'counter',
    unit: '{request}',
    help: 'Provider calls with tokens but no cost and no known price for the model (no cost recorded)',
    labels: ['provider', 'model'],
    group: 'provider',
  },
  toolCallDuration: {
    name: 'promptkit_tool_call_duration_seconds',
    kind: 'histogram',
    unit: 's',
    help: 'Tool call execution duration',
    labels: ['tool'],
    buckets: TOOL_BUCKETS,
    group: 'tool',
  },
  toolCalls: {
    name: 'promptkit_tool_calls_total',
    kind: 'counter',
    unit: '{call}',
    help: 'Total tool call count',
    labels: ['tool', 'status'],
    group: 'tool',
  },
  validationDuration: {
    name: 'promptkit_validation_duration_seconds',
    kind: 'histogram',
    unit: 's',
    help: 'Validation check duration',
    labels: ['validator', 'validator_type'],
    buckets: VALIDATION_BUCKETS,
    group: 'validation',
  },
  validations: {
    name: 'promptkit_validations_total',
    kind: 'counter',
    unit: '{validation}',
    help: 'Validation results (passed/failed)',
    labels: ['validator', 'validator_type', 'status'],
    group: 'validation',
  },
  pricingInfo: {
    name: 'promptkit_pricing_info',
    kind: 'updowncounter',
    unit: '',
    help: 'The price data computing costs: its source package, version and the date of its prices (value 1)',
    labels: ['source', 'version', 'as_of'],
    group: 'self',
  },
  labelOverflow: {
    name: 'promptkit_label_overflow_total',
    kind: 'counter',
    unit: '{record}',
    help: 'Records whose label value was replaced by _other because the label reached its cardinality cap, by label',
    labels: ['label'],
    group: 'self',
  },
  droppedRecords: {
    name: 'promptkit_dropped_records_total',
    kind: 'counter',
    unit: '{record}',
    help: 'Events and record calls dropped because of invalid input, by reason',
    labels: ['reason'],
    group: 'self',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof catalog;

/**
 * The twelve metrics of PromptKit's original Go SDK, with its names, types and labels (everything
 * but PromptKit's own health metrics and the metrics added since).
 */
export const GO_SDK_METRICS: readonly MetricKey[] = [
  'pipelinesActive',
  'pipelineDuration',
  'stageDuration',
  'stageElements',
  'providerRequestDuration',
  'providerRequests',
  'providerTokens',
  'providerCost',
  'toolCallDuration',
  'toolCalls',
  'validationDuration',
  'validations',
];

/** Every definition, in catalog order. */
export const metricDefinitions: readonly MetricDefinition[] = Object.values(catalog);

/** Name of the OpenTelemetry meter (instrumentation scope) PromptKit records with. */
export const METER_NAME = '@promptkit/metrics';
/** The scope version: this package's version. */
export const METER_VERSION = '0.2.0';
