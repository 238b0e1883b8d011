// The instrument catalog and what records into it; everything here depends on the OpenTelemetry
// API only, so it records into whatever MeterProvider the application has.
export { catalog, metricDefinitions, GO_SDK_METRICS, METER_NAME, METER_VERSION } from './catalog.js';
export type { InstrumentKind, MetricDefinition, MetricGroup, MetricKey } from './catalog.js';
export { STATUS, VALIDATION_STATUS, TOKEN_TYPES, DROP_REASONS, FINISH_REASONS, PROVIDER_ERROR_TYPES } from './label-sets.js';
export type { DropReason, FinishReason, ProviderErrorType, Status, TokenType, ValidationStatus } from './label-sets.js';
export { DEFAULT_LABEL_LIMITS, OVERFLOW_VALUE } from './series/label-limiter.js';
export type { LabelLimits, LimitedLabel } from './series/label-limiter.js';
export { MAX_LABEL_LENGTH, EMPTY_LABEL } from './series/label-value.js';
export { MetricsListener } from './record/metrics-listener.js';
export type { MetricsListenerOptions } from './record/metrics-listener.js';
export type { ExemplarFilter } from './record/recorder.js';
export {
  recordPipelineStart,
  recordPipelineEnd,
  recordStageDuration,
  recordStageElement,
  recordProviderRequest,
  recordProviderTokens,
  recordProviderCost,
  recordToolCall,
  recordValidation,
} from './record/record-functions.js';
export { createPromptKitMetrics } from './record/bound-handles.js';
export type { BoundCounter, CounterHandle, PromptKitMetrics, PromptKitMetricsOptions } from './record/bound-handles.js';
export type { PriceDataInfo, PriceSource, PriceUsage } from './pricing/price-source.js';
export { MAX_PENDING_PRICES } from './pricing/record.js';
export { MAX_WARNED_MODELS } from './pricing/warn-unpriced.js';
export { GEN_AI_CONVENTIONS_COMMIT, GEN_AI_METER_NAME, GEN_AI_OPT_IN, genAiCatalog, genAiMetricDefinitions } from './semconv/conventions.js';
export type { GenAiMetricDefinition } from './semconv/conventions.js';
export { genAiProviderName, GEN_AI_PROVIDER_NAMES } from './semconv/providers.js';
