export { PrometheusExporter } from './exporter.js';
export type { PrometheusExporterOptions } from './options.js';
export { PrometheusReader } from './reader.js';
// For a MeterProvider of your own: PromptKit's buckets and limits, and the error options throw.
export { ConfigError, promptkitViews } from '@promptkit/meter-provider';

// The Quick Start needs only @promptkit/prometheus and @promptkit/events.
export {
  MetricsListener,
  recordPipelineStart,
  recordPipelineEnd,
  recordStageDuration,
  recordStageElement,
  recordProviderRequest,
  recordProviderTokens,
  recordProviderCost,
  recordToolCall,
  recordValidation,
  catalog,
  createPromptKitMetrics,
} from '@promptkit/metrics';
export type { MetricsListenerOptions, Status, ValidationStatus, PromptKitMetrics, BoundCounter, LabelLimits } from '@promptkit/metrics';
