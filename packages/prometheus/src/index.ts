export { PrometheusExporter } from './exporter.js';
export type { PrometheusExporterOptions } from './exporter.js';
export { PrometheusReader } from './reader.js';
export { promptkitViews } from '@promptkit/meter-provider';
export { serialize } from './serializer.js';
export type { SerializeOptions } from './serializer.js';
export { parseAddress, DEFAULT_PORT, DEFAULT_ENDPOINT } from './address.js';

// The seed's Quick Start needs only @promptkit/prometheus and @promptkit/events.
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
