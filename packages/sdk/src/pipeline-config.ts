import type { AttributeValue } from '@opentelemetry/api';
import type { PrometheusExporterOptions } from '@promptkit/prometheus';
import type { ClusterMode, ClusterOptions, OtlpOptions, StartMetricsOptions } from './options.js';

/**
 * The fluent pipeline configuration of PromptKit's original Go SDK:
 * `defaultPipelineConfig().withMetrics(true).withPrometheusExporter(':9090')`.
 * Builders return a new config, so a shared base can be specialised safely.
 */
export class PipelineConfig {
  constructor(readonly options: Readonly<StartMetricsOptions> = {}) {}

  withMetrics(enabled: boolean): PipelineConfig {
    return new PipelineConfig({ ...this.options, metrics: enabled });
  }

  withPrometheusExporter(address: string | number | PrometheusExporterOptions): PipelineConfig {
    return new PipelineConfig({ ...this.options, prometheus: address });
  }

  withOtlpExporter(endpoint: string, options: Omit<OtlpOptions, 'endpoint'> = {}): PipelineConfig {
    return new PipelineConfig({ ...this.options, otlp: { ...options, endpoint } });
  }

  withServiceName(serviceName: string): PipelineConfig {
    return new PipelineConfig({ ...this.options, serviceName });
  }

  /** One set of metrics for several processes: see `StartMetricsOptions.cluster`. Default `true` (Node's cluster module). */
  withCluster(cluster: boolean | ClusterMode | ClusterOptions = true): PipelineConfig {
    return new PipelineConfig({ ...this.options, cluster });
  }

  withResource(resource: Record<string, AttributeValue>): PipelineConfig {
    return new PipelineConfig({ ...this.options, resource: { ...this.options.resource, ...resource } });
  }
}

/** A config with metrics on and no exporter chosen yet (the environment, then defaults, decide). */
export function defaultPipelineConfig(): PipelineConfig {
  return new PipelineConfig({ metrics: true });
}
