import {
  AggregationTemporality,
  InstrumentType,
  MetricReader,
  type CollectionResult,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { describeError, reportProblem } from '@promptkit/events/adapter';
import { emptyResource } from '../compat.js';
import { mergeScopes } from '../merge-scopes.js';
import { ConfigError } from '../option-checks.js';
import { withCounterProducer } from '../setup.js';
import type { ClusterAggregate } from './aggregate.js';

type CollectionOptions = Parameters<MetricReader['collect']>[0];
import { toWire, type WireSnapshot } from './wire.js';

/** What a reader needs from the cluster it serves. */
export interface ClusterCollection {
  /** True while this process serves the aggregate (a primary, an elected peer); other processes' readers serve nothing. */
  readonly aggregating: boolean;
  /** Brings every other process's latest collection into `aggregate`, within the cluster's answer bound; never rejects. */
  gather(): Promise<void>;
  readonly aggregate: ClusterAggregate;
}

/**
 * Makes `reader` serve the cluster's aggregate: each collection is this process's own, merged with
 * the other processes' collections (asked for in parallel). Works for pull and push readers alike,
 * since both collect through `collect()`, so the exposition and the OTLP exporters see one ordinary
 * collection. Throws a ConfigError for a reader that is not cumulative for every instrument kind.
 */
export function aggregateCollections(reader: MetricReader, cluster: ClusterCollection): void {
  for (const type of Object.values(InstrumentType)) {
    if (reader.selectAggregationTemporality(type) !== AggregationTemporality.CUMULATIVE) {
      throw new ConfigError(
        `cluster aggregation merges cumulative totals, but a reader asks for delta temporality (${type}); ` +
          "use temporality 'cumulative' (if the backend wants delta, convert in the OpenTelemetry Collector with its cumulativetodelta processor)",
      );
    }
  }
  const collect = reader.collect.bind(reader);
  reader.collect = async (options?: CollectionOptions): Promise<CollectionResult> => {
    if (!cluster.aggregating) return { resourceMetrics: { resource: emptyResource(), scopeMetrics: [] }, errors: [] };
    const [own] = await Promise.all([collect(options), cluster.gather()]);
    try {
      return { resourceMetrics: cluster.aggregate.merge(mergeScopes(own.resourceMetrics)), errors: own.errors };
    } catch (error) {
      reportProblem('cluster merge', `merging the cluster's collections failed, this process's own metrics are served alone: ${describeError(error)}`);
      return own;
    }
  };
}

/**
 * The reader of a process that reports to another (a cluster worker, a peer): cumulative, collected
 * only when the aggregating process asks.
 */
export class SnapshotReader extends MetricReader {
  constructor(metricProducers: MetricProducer[] = []) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE, metricProducers });
  }

  /** This process's collection, as it travels to the aggregating process. */
  async snapshot(timeoutMillis: number): Promise<WireSnapshot> {
    const { resourceMetrics } = await this.collect({ timeoutMillis });
    return toWire(mergeScopes(resourceMetrics).scopeMetrics);
  }

  protected override async onForceFlush(): Promise<void> {
    // Nothing is buffered: every request collects afresh.
  }

  protected override async onShutdown(): Promise<void> {
    // Nothing to close.
  }
}

/** A snapshot reader with a slot for PromptKit's counters, for `buildMeterProvider()`. */
export function createSnapshotReader(): SnapshotReader {
  return withCounterProducer((metricProducers) => new SnapshotReader(metricProducers));
}
