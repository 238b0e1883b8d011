export { startMetrics } from './start.js';
export type { Telemetry } from './start.js';
export { defaultPipelineConfig, PipelineConfig, OTLP_PROTOCOLS } from './config.js';
export type { OtlpOptions, OtlpProtocol, StartMetricsOptions } from './config.js';
export { resolveConfig, DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS } from './resolve.js';
export type { ResolvedConfig, ResolvedOtlp } from './resolve.js';
export { ConfigError } from './env.js';
export { instrumentPipeline } from './instrument/pipeline.js';
export { createRun } from './instrument/run.js';
export type { Run, RunOptions, ValidationVerdict } from './instrument/run.js';
export { instrumentStream } from './instrument/stream.js';
export type { InstrumentStreamOptions, StreamCallOptions, StreamSource } from './instrument/stream.js';
export type { ProviderCallOptions } from './instrument/provider.js';
export type { ProviderCall, ProviderResult, Usage } from './instrument/usage.js';
export type { Clock, EventContext, EventPublisher } from './instrument/emit.js';

// One import for applications: the event types and bus, the metrics and the exporter.
export { EventBus } from '@promptkit/events';
export type { PromptKitEvent, EventType, EventOf } from '@promptkit/events';
export { MetricsListener, catalog, createPromptKitMetrics } from '@promptkit/metrics';
export type { PromptKitMetrics, BoundCounter, LabelLimits } from '@promptkit/metrics';
export { PrometheusExporter } from '@promptkit/prometheus';
export type { PrometheusExporterOptions } from '@promptkit/prometheus';

// Pricing and the OpenTelemetry GenAI conventions (startMetrics({ pricing, semconv })).
export type { PricingOverrides } from './config.js';
export { Pricing, PRICES_AS_OF, BUNDLED_PRICES, genAiProviderName } from '@promptkit/metrics';
export type { ModelPrice, PriceTable, BundledPrice } from '@promptkit/metrics';
