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
} from './catalog.js';
export type {
  DropReason,
  InstrumentKind,
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
export { labelValue, MAX_LABEL_LENGTH, EMPTY_LABEL } from './labels.js';
