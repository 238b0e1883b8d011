import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog, createPromptKitMetrics } from '@promptkit/metrics';
import { ConfigError } from '../option-checks.js';
import { buildMeterProvider, withCounterProducer } from '../setup.js';
import { SELECTORS, SelectorReader } from '../test-readers.js';
import { ClusterAggregate } from './aggregate.js';
import { aggregateCollections, createSnapshotReader, type ClusterCollection } from './collect.js';
import { pointsOf } from './test-processes.js';
import { fromWire } from './wire-read.js';

test('a reader that is not cumulative for every instrument kind cannot serve an aggregate', () => {
  for (const kind of ['delta', 'lowmemory'] as const) {
    const reader = new SelectorReader(SELECTORS[kind]);
    const cluster: ClusterCollection = { aggregating: true, gather: () => Promise.resolve(), aggregate: new ClusterAggregate() };
    assert.throws(() => aggregateCollections(reader, cluster), (error: unknown) => error instanceof ConfigError && /cumulative totals.*cumulativetodelta/.test(error.message), kind);
  }
});

test("a wrapped reader serves its process's own series merged with a worker's, including PromptKit's counters; a non-aggregating one serves nothing", async () => {
  // A worker: a MeterProvider with a snapshot reader, recording through PromptKit's own handles.
  const snapshotReader = createSnapshotReader();
  const workerProvider = buildMeterProvider({ readers: [snapshotReader] });
  createPromptKitMetrics({ meterProvider: workerProvider }).toolCalls.bind({ tool: 'search', status: 'success' }).inc(5);
  // The primary: a cumulative reader made by PromptKit, wrapped.
  const reader = withCounterProducer((producers) => new SelectorReader(SELECTORS.cumulative, producers));
  const primaryProvider = buildMeterProvider({ readers: [reader] });
  createPromptKitMetrics({ meterProvider: primaryProvider }).toolCalls.bind({ tool: 'search', status: 'success' }).inc(2);
  const aggregate = new ClusterAggregate();
  let gathered = 0;
  const cluster = {
    aggregating: true,
    aggregate,
    gather: async () => {
      gathered++;
      aggregate.update('worker', fromWire(JSON.parse(JSON.stringify(await snapshotReader.snapshot(1000))))!);
    },
  };
  aggregateCollections(reader, cluster);
  const { resourceMetrics, errors } = await reader.collect();
  assert.deepEqual(errors, []);
  assert.equal(gathered, 1);
  assert.equal(pointsOf(resourceMetrics).get(`${catalog.toolCalls.name}[["status","success"],["tool","search"]]`), 7);
  assert.ok(resourceMetrics.resource.attributes['service.name'] !== undefined, "the primary's own resource is kept");
  cluster.aggregating = false;
  assert.deepEqual((await reader.collect()).resourceMetrics.scopeMetrics, []);
  await Promise.all([workerProvider.shutdown(), primaryProvider.shutdown()]);
});
