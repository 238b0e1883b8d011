import { diag, metrics } from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, type MetricReader } from '@opentelemetry/sdk-metrics';
import { EventBus } from '@promptkit/events';
import { buildMeterProvider } from '@promptkit/meter-provider';
import { createPromptKitMetrics, MetricsListener, type PromptKitMetrics } from '@promptkit/metrics';
import { noopPromptKitMetrics } from '@promptkit/metrics/internal';
import { PrometheusExporter } from '@promptkit/prometheus';
import { PipelineConfig, type StartMetricsOptions } from './config.js';
import { instrumentPipeline } from './instrument/pipeline.js';
import type { Run, RunOptions } from './instrument/run.js';
import { createOtlpReader } from './otlp.js';
import { resolveConfig, type ResolvedConfig } from './resolve.js';

export interface Telemetry {
  /** An event bus with PromptKit's metrics listener already subscribed. */
  readonly eventBus: EventBus;
  /** The one MeterProvider behind every reader; make custom instruments with `getMeter()`. */
  readonly meterProvider: MeterProvider;
  /** The Prometheus exporter, when configured (already listening). */
  readonly prometheus: PrometheusExporter | undefined;
  /** PromptKit's counters as typed handles with `bind()`, for hot paths outside the event bus. */
  readonly metrics: PromptKitMetrics;
  /** The settled configuration, for logging what is in force. */
  readonly config: ResolvedConfig;
  /** Runs `fn` as one pipeline run on `eventBus`: see `instrumentPipeline`. */
  pipeline<T>(fn: (run: Run) => T | PromiseLike<T>, options?: RunOptions): Promise<T>;
  /** Pushes now (OTLP). Resolves within the export timeout, also when the receiver is down. */
  forceFlush(): Promise<void>;
  /** Pushes the last interval, then stops the push reader and the metrics server. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Starts PromptKit metrics: one MeterProvider with a Prometheus pull reader and/or an OTLP push
 * reader, PromptKit's views, and an event bus that records into it. Settings come from code, then
 * the `OTEL_*` environment, then defaults. Rejects with a clear error for an invalid setting or a
 * port that cannot be bound.
 */
export async function startMetrics(config: PipelineConfig | StartMetricsOptions = {}): Promise<Telemetry> {
  const options = config instanceof PipelineConfig ? config.options : config;
  const resolved = resolveConfig(options, options.env ?? process.env);
  const resource = defaultResource().merge(resourceFromAttributes(resolved.resource));
  const eventBus = new EventBus();

  if (!resolved.metrics) {
    // No readers and no views: instruments made on this provider store nothing.
    const meterProvider = new MeterProvider({ resource });
    return makeTelemetry({ eventBus, meterProvider, prometheus: undefined, config: resolved, stopListener: () => {} });
  }

  const prometheus = resolved.prometheus ? new PrometheusExporter(resolved.prometheus) : undefined;
  const otlp = resolved.otlp ? createOtlpReader(resolved.otlp) : undefined;
  const readers: MetricReader[] = [];
  if (prometheus) readers.push(prometheus.reader);
  if (otlp) readers.push(otlp);
  const meterProvider = buildMeterProvider({ resource, readers, ...(options.labelLimits ? { labelLimits: options.labelLimits } : {}) });
  prometheus?.bindMeterProvider(meterProvider);

  try {
    await prometheus?.start();
  } catch (error) {
    await meterProvider.shutdown().catch(() => undefined);
    throw error;
  }
  if (resolved.registerGlobal && !metrics.setGlobalMeterProvider(meterProvider)) {
    diag.warn('promptkit: another global MeterProvider is registered; record* functions will not reach startMetrics() readers');
  }
  const listener = new MetricsListener({ meterProvider, pricing: resolved.pricing, semconv: resolved.semconv ?? false });
  const stopListener = eventBus.subscribeAll(listener.listener());
  return makeTelemetry({ eventBus, meterProvider, prometheus, config: resolved, stopListener });
}

function makeTelemetry(parts: {
  eventBus: EventBus;
  meterProvider: MeterProvider;
  prometheus: PrometheusExporter | undefined;
  config: ResolvedConfig;
  stopListener: () => void;
}): Telemetry {
  const { meterProvider, prometheus, config } = parts;
  // Flushing waits at most one export timeout (retries included), then gives up quietly: the
  // failure is already reported through diag, and the app must not hang on telemetry.
  const timeoutMillis = (config.otlp?.timeoutMs ?? 30_000) + 1_000;
  let stopped: Promise<void> | undefined;
  return {
    eventBus: parts.eventBus,
    meterProvider,
    prometheus,
    metrics: config.metrics ? createPromptKitMetrics({ meterProvider }) : noopPromptKitMetrics,
    config,
    pipeline: (fn, options) => instrumentPipeline(parts.eventBus, fn, options),
    async forceFlush() {
      if (stopped) return;
      await meterProvider.forceFlush({ timeoutMillis }).catch((error: unknown) => {
        diag.warn(`promptkit: forceFlush did not complete: ${String(error)}`);
      });
    },
    shutdown() {
      stopped ??= (async () => {
        parts.stopListener();
        await meterProvider.shutdown({ timeoutMillis }).catch((error: unknown) => {
          diag.warn(`promptkit: shutdown did not flush completely: ${String(error)}`);
        });
        await prometheus?.shutdown();
        if (metrics.getMeterProvider() === meterProvider) metrics.disable();
      })();
      return stopped;
    },
  };
}
