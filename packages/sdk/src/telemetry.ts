import { metrics, type MeterProvider } from '@opentelemetry/api';
import type { EventBus } from '@promptkit/events';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import type { PromptKitMetrics } from '@promptkit/metrics';
import type { PrometheusExporter } from '@promptkit/prometheus';
import { instrumentPipeline } from './instrument/pipeline.js';
import type { Run, RunOptions } from './instrument/run.js';
import { redactConfig, type LoggableConfig } from './redact.js';
import type { ResolvedConfig } from './resolve.js';

export interface Telemetry {
  /** An event bus with PromptKit's metrics listener already subscribed. */
  readonly eventBus: EventBus;
  /** The MeterProvider PromptKit records into: its own, or the one given as `meterProvider`. */
  readonly meterProvider: MeterProvider;
  /** The Prometheus exporter, when configured (already listening). */
  readonly prometheus: PrometheusExporter | undefined;
  /** PromptKit's counters as typed handles with `bind()`, for hot paths outside the event bus. */
  readonly metrics: PromptKitMetrics;
  /** The settled configuration, for logging what is in force: secrets are masked. */
  readonly config: LoggableConfig;
  /** Runs `fn` as one pipeline run on `eventBus`: see `instrumentPipeline`. */
  pipeline<T>(fn: (run: Run) => T | PromiseLike<T>, options?: RunOptions): Promise<T>;
  /**
   * Records the costs still being priced (calls made while the price database loads), then pushes
   * now (OTLP). Resolves within the export timeout, also when the receiver is down.
   */
  forceFlush(): Promise<void>;
  /** Records the costs still being priced, pushes the last interval, then stops the push reader and the metrics server. Idempotent. */
  shutdown(): Promise<void>;
}

/** What PromptKit owns and must close: its own provider (flushable), its server, its listener. */
export interface TelemetryParts {
  eventBus: EventBus;
  meterProvider: MeterProvider;
  /** Set when PromptKit built the provider: flushing and shutting down are then PromptKit's job. */
  owned: { forceFlush(options?: { timeoutMillis?: number }): Promise<void>; shutdown(options?: { timeoutMillis?: number }): Promise<void> } | undefined;
  prometheus: PrometheusExporter | undefined;
  handles: PromptKitMetrics;
  config: ResolvedConfig;
  stopListener: () => void;
  /** Resolves when the listener has recorded every cost it is still pricing (the price database loading). */
  settled: () => Promise<void>;
  /** True when the provider pushes (OTLP, console): an idle process flushes it once before exiting. */
  pushes: boolean;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** How long flushing waits for costs still being priced (a custom price source may never answer). */
export const SETTLE_TIMEOUT_MS = 5_000;

/** Waits for `settled`, at most SETTLE_TIMEOUT_MS; never rejects. */
async function settle(settled: () => Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SETTLE_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([settled().catch(() => undefined), timeout]);
  clearTimeout(timer);
}

export function makeTelemetry(parts: TelemetryParts): Telemetry {
  const { meterProvider, owned, prometheus, config } = parts;
  // Flushing waits at most one export timeout (retries included), then gives up quietly: the
  // failure is already reported through diag, and the app must not hang on telemetry.
  const timeoutMillis = (config.otlp?.timeoutMs ?? 30_000) + 1_000;
  let stopped: Promise<void> | undefined;
  let flushedBeforeExit = false;

  const forceFlush = async () => {
    if (stopped) return;
    await settle(parts.settled);
    if (stopped || owned === undefined) return;
    await owned.forceFlush({ timeoutMillis }).catch((error: unknown) => {
      reportProblem('flush', `forceFlush did not complete: ${describeError(error)}`);
    });
  };
  // An idle process that forgot shutdown(): its last interval is pushed once before it exits.
  const beforeExit = () => {
    if (flushedBeforeExit || stopped) return;
    flushedBeforeExit = true;
    void forceFlush();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void shutdown().then(() => {
      // Then the process ends as Node would have ended it without our handler, unless the
      // application listens for the signal itself.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  const shutdown = () => {
    stopped ??= (async () => {
      process.off('beforeExit', beforeExit);
      for (const signal of SIGNALS) process.off(signal, onSignal);
      parts.stopListener();
      await settle(parts.settled);
      if (owned !== undefined) {
        await owned.shutdown({ timeoutMillis }).catch((error: unknown) => {
          reportProblem('shutdown', `shutdown did not flush completely: ${describeError(error)}`);
        });
      }
      await prometheus?.shutdown();
      if (owned !== undefined && metrics.getMeterProvider() === meterProvider) metrics.disable();
    })();
    return stopped;
  };
  if (parts.pushes) process.on('beforeExit', beforeExit);
  if (config.shutdownOnSignals) for (const signal of SIGNALS) process.once(signal, onSignal);

  return {
    eventBus: parts.eventBus,
    meterProvider,
    prometheus,
    metrics: parts.handles,
    config: redactConfig(config),
    pipeline: (fn, options) => instrumentPipeline(parts.eventBus, fn, options),
    forceFlush,
    shutdown,
  };
}
