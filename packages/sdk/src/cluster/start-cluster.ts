import cluster from 'node:cluster';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import { aggregateCollections, ClusterAggregate, type ClusterCollection, type SnapshotReader } from '@promptkit/meter-provider';
import type { PrometheusExporter } from '@promptkit/prometheus';
import type { ResolvedConfig } from '../resolve.js';
import { ClusterPrimary } from './ipc-primary.js';
import { ClusterWorker } from './ipc-worker.js';
import { PeerMember } from './peers.js';
import type { ResolvedCluster } from './resolve-cluster.js';

/**
 * What this process is in its cluster: the `primary` serves every worker's series, a `worker`
 * reports to it and serves nothing, a `peer` takes part in an election and serves everything
 * while it leads.
 */
export type ClusterRole = 'primary' | 'worker' | 'peer';

export function clusterRole(resolved: ResolvedCluster): ClusterRole {
  if (resolved.mode === 'peers') return 'peer';
  return cluster.isPrimary ? 'primary' : 'worker';
}

/** The part of a MeterProvider's lifetime that belongs to the cluster. */
export interface Clustering {
  /** Shuts down: `shutdownProvider` (the last push) at the point where the cluster still lets it see every process. */
  close(shutdownProvider: () => Promise<void>): Promise<void>;
}

/** A worker: its collections go to the primary on request, and a last one when it shuts down. */
export function startWorker(reader: SnapshotReader, config: ResolvedCluster): Clustering {
  const worker = new ClusterWorker(reader, config.answerTimeoutMs);
  worker.start();
  return {
    close: async (shutdownProvider) => {
      await worker.stop();
      await shutdownProvider();
    },
  };
}

function aggregateOf(config: ResolvedConfig): ClusterAggregate {
  return new ClusterAggregate({
    nativeHistogramMaxBuckets: config.nativeHistogramMaxBuckets,
    ...(config.labelLimits ? { labelLimits: config.labelLimits } : {}),
  });
}

function wrap(readers: readonly MetricReader[], collection: ClusterCollection): void {
  for (const reader of readers) aggregateCollections(reader, collection);
}

/** The primary: every reader serves the aggregate; workers are asked whenever a reader collects. */
export function startPrimary(readers: readonly MetricReader[], config: ResolvedConfig): Clustering {
  const primary = new ClusterPrimary(cluster, aggregateOf(config), config.cluster!.answerTimeoutMs);
  wrap(readers, primary);
  primary.start();
  return {
    close: async (shutdownProvider) => {
      // The last push still gathers from the workers.
      await shutdownProvider();
      primary.stop();
    },
  };
}

/**
 * A peer: it takes part in the election on the peer port. Elected, it serves the aggregate (its
 * readers collect, its Prometheus server starts); otherwise it reports to the leader and its
 * readers serve nothing. Resolves once this process knows which it is.
 */
export async function startPeer(
  readers: readonly MetricReader[],
  snapshotReader: SnapshotReader,
  prometheus: PrometheusExporter | undefined,
  config: ResolvedConfig,
): Promise<Clustering> {
  const member = new PeerMember({
    port: config.cluster!.peerPort!,
    answerTimeoutMs: config.cluster!.answerTimeoutMs,
    aggregate: aggregateOf(config),
    reader: snapshotReader,
    onElected: () => startServing(prometheus),
  });
  wrap(readers, member);
  await member.start();
  return {
    close: async (shutdownProvider) => {
      // Hand over first: the legacy and the last collection need the provider still running.
      await member.handOver();
      await shutdownProvider();
      // The metrics port is free before the peer port: the next leader can serve at once.
      await prometheus?.shutdown();
      await member.stop();
    },
  };
}

/** How long an elected peer keeps trying a metrics port that a leader before it still holds. */
const SERVE_RETRY_MS = 10_000;

/** Starts the Prometheus server of an elected peer, retrying while the port is still taken. */
async function startServing(prometheus: PrometheusExporter | undefined): Promise<void> {
  if (prometheus === undefined) return;
  const deadline = Date.now() + SERVE_RETRY_MS;
  for (;;) {
    try {
      return await prometheus.start();
    } catch (error) {
      const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
      if (code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100).unref());
    }
  }
}
