// The MeterProvider set-up shared by @promptkit/prometheus and @promptkit/sdk. Applications use it
// through those packages; `promptkitViews()` is also for a MeterProvider an application builds.
export { buildMeterProvider, attachMeterProvider, withCounterProducer } from './setup.js';
export type { MeterProviderSetup } from './setup.js';
export { DEFAULT_NATIVE_MAX_BUCKETS, HISTOGRAM_MODES, NATIVE_STREAM_SUFFIX, promptkitViews } from './views.js';
export type { HistogramMode, HistogramOptions } from './views.js';
export { CounterProducer } from './counter-producer.js';
export { mergeScopes, nativeForPush } from './merge-scopes.js';
export { pendingCallbacks } from './callback-tracking.js';
export { hrTime, hrTimeToMs } from './compat.js';
export {
  ConfigError,
  checkBoolean,
  checkChoice,
  checkInteger,
  checkObject,
  checkString,
  checkStringRecord,
  describeValue,
  isPlainObject,
} from './option-checks.js';
export { ClusterAggregate } from './cluster/aggregate.js';
export type { ClusterAggregateOptions, Legacy, Snapshot } from './cluster/aggregate.js';
export { aggregateCollections, createSnapshotReader, SnapshotReader } from './cluster/collect.js';
export type { ClusterCollection } from './cluster/collect.js';
export { AGGREGATE_CARDINALITY_LIMIT } from './cluster/limits.js';
export { toWire } from './cluster/wire.js';
export type { WireSnapshot } from './cluster/wire.js';
export { fromWire } from './cluster/wire-read.js';
