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
export { createPromptKitMetrics } from './handles.js';
export type { BoundCounter, CounterHandle, PromptKitMetrics, PromptKitMetricsOptions } from './handles.js';
export { configureLabelLimits } from './binding.js';
export { labelValue, MAX_LABEL_LENGTH, EMPTY_LABEL } from './labels.js';
