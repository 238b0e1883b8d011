import { reportProblem } from '@promptkit/events/adapter';
import { ConfigError } from '@promptkit/meter-provider';
import type { ResolvedExporterOptions } from '@promptkit/prometheus/internal';
import { checkCluster } from '../check-options.js';
import { envCluster } from '../environment.js';
import type { ClusterMode, ClusterOptions, StartMetricsOptions } from '../options.js';
import type { ResolvedOtlp } from '../resolve.js';

export interface ResolvedCluster {
  mode: ClusterMode;
  answerTimeoutMs: number;
  /** `peers`: the loopback port of the election. */
  peerPort: number | undefined;
}

export const DEFAULT_ANSWER_TIMEOUT_MS = 1_000;

/**
 * Settles `cluster` (code, then `PROMPTKIT_CLUSTER`). What cannot work together is a ConfigError
 * when the cluster was asked for in code; asked for by the environment, it is reported and off.
 * The aggregate is made of cumulative totals, so an OTLP temporality other than cumulative given
 * in code is an error, and one from the environment gives way to cumulative (reported).
 */
export function resolveCluster(options: StartMetricsOptions, prometheus: ResolvedExporterOptions | undefined, otlp: ResolvedOtlp | undefined): ResolvedCluster | undefined {
  const fromCode = options.cluster !== undefined;
  const env = fromCode ? undefined : envCluster();
  const given: ClusterOptions | undefined = fromCode ? checkCluster(options.cluster) : env ? { mode: env } : undefined;
  if (given === undefined) return undefined;
  const refuse = (message: string): undefined => {
    if (fromCode) throw new ConfigError(message);
    reportProblem('env PROMPTKIT_CLUSTER', `PROMPTKIT_CLUSTER is ignored: ${message}`);
    return undefined;
  };
  if (options.meterProvider !== undefined) {
    return refuse('cluster cannot be combined with meterProvider: the processes report through readers PromptKit adds to the MeterProvider it builds');
  }
  if (otlp !== undefined && otlp.temporality !== 'cumulative') {
    const inCode = typeof options.otlp === 'object' && options.otlp.temporality !== undefined && options.otlp.temporality !== 'cumulative';
    const why = `cluster aggregation merges the cumulative totals of every process, and a process that restarts would make delta pushes count twice or not at all; use cumulative (if the backend wants delta, convert in the OpenTelemetry Collector with its cumulativetodelta processor)`;
    if (inCode) return refuse(`otlp.temporality '${otlp.temporality}' cannot be combined with cluster: ${why}`);
    reportProblem('env cluster temporality', `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=${otlp.temporality} is ignored: ${why}`);
    otlp.temporality = 'cumulative';
  }
  const mode = given.mode ?? 'primary';
  let peerPort = given.peerPort;
  if (mode === 'peers' && peerPort === undefined) {
    if (prometheus === undefined || prometheus.port <= 0 || prometheus.port >= 65_535) {
      return refuse("cluster 'peers' needs a fixed port to elect its leader on: pass cluster: { mode: 'peers', peerPort }, or serve Prometheus on a fixed port (the next port is then used)");
    }
    peerPort = prometheus.port + 1;
  }
  return { mode, answerTimeoutMs: given.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS, peerPort };
}
