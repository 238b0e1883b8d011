export {
  catalog,
  metricDefinitions,
  SEED_METRICS,
  STATUS,
  VALIDATION_STATUS,
  TOKEN_TYPES,
  DROP_REASONS,
  METER_NAME,
  METER_VERSION,
  OVERFLOW_VALUE,
  DEFAULT_LABEL_LIMITS,
} from './catalog.js';
export type {
  DropReason,
  InstrumentKind,
  LabelLimits,
  LimitedLabel,
  MetricDefinition,
  MetricGroup,
  MetricKey,
  Status,
  TokenType,
  ValidationStatus,
} from './catalog.js';
export { MetricsListener } from './listener.js';
export type { MetricsListenerOptions } from './listener.js';
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
} from './record.js';
export { createPromptKitMetrics, noopPromptKitMetrics } from './handles.js';
export type { BoundCounter, CounterHandle, PromptKitMetrics, PromptKitMetricsOptions } from './handles.js';
export { adoptMeterProvider, configureLabelLimits } from './binding.js';
export type { CounterSource } from './binding.js';
export { labelValue, MAX_LABEL_LENGTH, EMPTY_LABEL } from './labels.js';
export { Pricing } from './pricing/pricing.js';
export type { PricingOptions } from './pricing/pricing.js';
export { BUNDLED_PRICES, PRICES_AS_OF } from './pricing/bundled.js';
export type { BundledPrice } from './pricing/bundled.js';
export { callCost } from './pricing/price.js';
export type { ModelPrice, PriceTable, TokenUsage } from './pricing/price.js';
export { parsePriceTable, PricingError } from './pricing/parse.js';
export { GenAiRecorder } from './semconv/recorder.js';
export type { GenAiRecorderOptions } from './semconv/recorder.js';
export { GEN_AI_METER_NAME, GEN_AI_OPT_IN, genAiCatalog, genAiMetricDefinitions } from './semconv/catalog.js';
export type { GenAiMetricDefinition } from './semconv/catalog.js';
export { genAiProviderName, GEN_AI_PROVIDER_NAMES, GEN_AI_PROVIDER_ALIASES } from './semconv/providers.js';
export { errorType as genAiErrorType } from './semconv/error-type.js';
