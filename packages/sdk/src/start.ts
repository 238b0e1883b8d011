import { randomUUID } from 'node:crypto';
import { metrics, type MeterProvider as MeterProviderApi } from '@opentelemetry/api';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, type MetricReader } from '@opentelemetry/sdk-metrics';
import { EventBus } from '@promptkit/events';
import { reportProblem } from '@promptkit/events/adapter';
import { attachMeterProvider, buildMeterProvider, createSnapshotReader } from '@promptkit/meter-provider';
import { createPromptKitMetrics, MetricsListener } from '@promptkit/metrics';
import { noopPromptKitMetrics } from '@promptkit/metrics/internal';
import { PrometheusExporter } from '@promptkit/prometheus';
import { checkNativeServing } from '@promptkit/prometheus/internal';
import { clusterRole, startPeer, startPrimary, startWorker, type Clustering } from './cluster/start-cluster.js';
import type { StartMetricsOptions } from './options.js';
import { createConsoleReader, createOtlpReader } from './otlp/otlp-reader.js';
import { PipelineConfig } from './pipeline-config.js';
import { resolveConfig, type ResolvedConfig } from './resolve.js';
import { makeTelemetry, type Telemetry, type TelemetryParts } from './telemetry.js';

function buildResource(config: ResolvedConfig) {
  const attributes = { ...config.resource };
  const detected = detectResources({ detectors: [envDetector] });
  // One process, one instance: backends tell two replicas apart by it.
  if (attributes['service.instance.id'] === undefined && detected.attributes['service.instance.id'] === undefined) attributes['service.instance.id'] = randomUUID();
  return defaultResource().merge(detected).merge(resourceFromAttributes(attributes));
}

/** Subscribes PromptKit's listener: how to stop it, and how to wait for the costs it is still pricing. */
function listen(eventBus: EventBus, meterProvider: MeterProviderApi, config: ResolvedConfig): Pick<TelemetryParts, 'stopListener' | 'settled'> {
  const listener = new MetricsListener({ meterProvider, semconv: config.semconv ?? false, exemplarFilter: config.exemplarFilter, ...(config.pricing ? { pricing: config.pricing } : {}) });
  return { stopListener: eventBus.subscribeAll(listener.listener()), settled: () => listener.settled() };
}

/**
 * Starts PromptKit metrics: one MeterProvider with a Prometheus pull reader and/or an OTLP push
 * reader, PromptKit's views, and an event bus that records into it; or, with `meterProvider`,
 * PromptKit on the application's own provider. Settings come from code, then the `OTEL_*`
 * environment, then defaults. Rejects with a ConfigError for an invalid option in code, or with
 * the address and reason for a port that cannot be bound.
 */
export async function startMetrics(config: PipelineConfig | StartMetricsOptions = {}): Promise<Telemetry> {
  const resolved = resolveConfig(config instanceof PipelineConfig ? config.options : config);
  const eventBus = new EventBus();
  const common = { eventBus, config: resolved, pushes: false };

  if (!resolved.metrics) {
    // No readers and no views: instruments made on this provider store nothing.
    const meterProvider = new MeterProvider();
    return makeTelemetry({ ...common, meterProvider, owned: meterProvider, prometheus: undefined, handles: noopPromptKitMetrics, stopListener: () => undefined, settled: () => Promise.resolve() });
  }

  if (resolved.meterProvider !== undefined) {
    const meterProvider = resolved.meterProvider;
    attachMeterProvider(meterProvider, resolved.labelLimits);
    const handles = createPromptKitMetrics({ meterProvider });
    return makeTelemetry({ ...common, meterProvider, owned: undefined, prometheus: undefined, handles, ...listen(eventBus, meterProvider, resolved) });
  }

  const role = resolved.cluster === undefined ? undefined : clusterRole(resolved.cluster);
  // A cluster worker serves nothing itself: its only reader answers the primary.
  const worker = role === 'worker';
  // Native histograms reach Prometheus only in its protobuf format, whose encoder is optional.
  if (resolved.prometheus && !worker) await checkNativeServing(resolved.histograms, 'histograms');
  const prometheus = resolved.prometheus && !worker ? new PrometheusExporter(resolved.prometheus) : undefined;
  const readers: MetricReader[] = [];
  if (prometheus) readers.push(prometheus.reader);
  if (resolved.otlp && !worker) readers.push(await createOtlpReader(resolved.otlp));
  if (resolved.console && !worker) readers.push(createConsoleReader(resolved.console.intervalMs));
  const snapshotReader = role === 'worker' || role === 'peer' ? createSnapshotReader() : undefined;
  const meterProvider = buildMeterProvider({
    resource: buildResource(resolved),
    readers: snapshotReader ? [...readers, snapshotReader] : readers,
    views: resolved.views,
    histograms: resolved.histograms,
    nativeHistogramMaxBuckets: resolved.nativeHistogramMaxBuckets,
    ...(resolved.labelLimits ? { labelLimits: resolved.labelLimits } : {}),
  });
  prometheus?.bindMeterProvider(meterProvider);
  let clustering: Clustering | undefined;
  try {
    if (role === 'worker') clustering = startWorker(snapshotReader!, resolved.cluster!);
    else if (role === 'primary') clustering = startPrimary(readers, resolved);
    // A peer starts its server when it is elected.
    if (role === 'peer') clustering = await startPeer(readers, snapshotReader!, prometheus, resolved);
    else await prometheus?.start();
  } catch (error) {
    const shutdown = () => meterProvider.shutdown();
    await (clustering?.close(shutdown) ?? shutdown()).catch(() => undefined);
    throw error;
  }
  if (resolved.registerGlobal && !metrics.setGlobalMeterProvider(meterProvider)) {
    reportProblem('global provider taken', 'another global MeterProvider is registered; record* functions will not reach startMetrics() readers');
  }
  const handles = createPromptKitMetrics({ meterProvider });
  const owned = clustering === undefined ? meterProvider : clusteredProvider(meterProvider, clustering);
  return makeTelemetry({
    ...common,
    meterProvider,
    owned,
    prometheus,
    handles,
    ...listen(eventBus, meterProvider, resolved),
    pushes: !worker && (resolved.otlp !== undefined || resolved.console !== undefined),
  });
}

/** The provider as Telemetry flushes and closes it, with the cluster's part of shutting down in its place. */
function clusteredProvider(provider: MeterProvider, clustering: Clustering): TelemetryParts['owned'] {
  return {
    forceFlush: (options) => provider.forceFlush(options),
    shutdown: (options) => clustering.close(() => provider.shutdown(options)),
  };
}
