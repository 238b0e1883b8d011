import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Meter } from '@opentelemetry/api';
import { DataPointType, type ExponentialHistogram, type Histogram } from '@opentelemetry/sdk-metrics';
import { ClusterAggregate } from './aggregate.js';
import { EXPONENTIAL, FakeProcess, pointsOf, typesOf } from './test-processes.js';

function instruments(meter: Meter) {
  return {
    jobs: meter.createCounter('jobs_total'),
    inflight: meter.createUpDownCounter('inflight'),
    seconds: meter.createHistogram('work_seconds', { advice: { explicitBucketBoundaries: [0.1, 1, 10] } }),
    latency: meter.createHistogram(EXPONENTIAL),
    depth: meter.createGauge('queue_depth'),
  };
}

/** Records a process's share of the work: `seed` varies values and attributes between processes. */
function work(meter: Meter, seed: number, rounds: number): void {
  const i = instruments(meter);
  for (let k = 0; k < rounds; k++) {
    const queue = `q${(seed + k) % 3}`;
    i.jobs.add(0.5 * (1 + ((seed * 7 + k) % 5)), { queue });
    i.inflight.add(k % 4 === 3 ? -1 : 1, { queue });
    i.seconds.record(((seed * 13 + k * 7) % 200) / 8, { queue });
    // Ranges that differ by process, so the inputs arrive at different scales.
    i.latency.record((1 + ((seed * 31 + k * 17) % 97)) ** (1 + (seed % 3)), { queue });
    i.latency.record(-0.25 * (1 + (k % 3)), { queue });
    if (k % 10 === 0) i.latency.record(0, { queue });
  }
}

/** An exponential histogram at a lower scale, bucket by bucket. */
function downscale(h: ExponentialHistogram, scale: number): Map<string, number> {
  const out = new Map<string, number>();
  const factor = 2 ** (h.scale - scale);
  for (const [sign, buckets] of [['+', h.positive], ['-', h.negative]] as const) {
    buckets.bucketCounts.forEach((count, i) => {
      if (count === 0) return;
      const key = `${sign}${Math.floor((buckets.offset + i) / factor)}`;
      out.set(key, (out.get(key) ?? 0) + count);
    });
  }
  return out;
}

test('counters, up-down counters and both kinds of histogram of three processes merge to what one process recording everything reports', async () => {
  const own = new FakeProcess();
  const workers = [new FakeProcess(), new FakeProcess()];
  const reference = new FakeProcess();
  const aggregate = new ClusterAggregate();
  [own, ...workers].forEach((p, seed) => {
    work(p.meter, seed, 40 + seed * 13);
    work(reference.meter, seed, 40 + seed * 13);
  });
  for (const [k, worker] of workers.entries()) aggregate.update(`w${k}`, await worker.overTheWire());
  const merged = await own.collect().then((rm) => aggregate.merge(rm));
  const expected = pointsOf(await reference.collect());
  const actual = pointsOf(merged);
  assert.deepEqual([...typesOf(merged)].sort(), [...typesOf(await reference.collect())].sort(), 'the same metrics of the same types');
  let compared = 0;
  for (const [series, want] of expected) {
    if (series.startsWith('queue_depth')) continue; // gauges do not add up (next test)
    const got = actual.get(series);
    assert.ok(got !== undefined, `${series} is in the aggregate`);
    compared++;
    if (typeof want === 'number') assert.equal(got, want, series);
    else if (series.startsWith('work_seconds')) assert.deepEqual(got, want, series);
    else {
      const e = want as ExponentialHistogram;
      const g = got as ExponentialHistogram;
      assert.deepEqual([g.count, g.zeroCount, g.min, g.max], [e.count, e.zeroCount, e.min, e.max], series);
      assert.ok(Math.abs(g.sum! - e.sum!) < 1e-9 * Math.abs(e.sum!), series);
      assert.ok(g.scale <= e.scale, 'merged at the coarser scale');
      assert.deepEqual(downscale(g, g.scale), downscale(e, g.scale), `${series}: the same buckets at scale ${g.scale}`);
    }
  }
  assert.equal(compared, 3 * 4, 'three queues of four metrics compared');
});

test('gauges merge to the largest value among live processes; a retired process takes its gauges and up-down counters with it', async () => {
  const own = new FakeProcess();
  const worker = new FakeProcess();
  const aggregate = new ClusterAggregate();
  const o = instruments(own.meter);
  const w = instruments(worker.meter);
  o.depth.record(3);
  w.depth.record(7);
  o.inflight.add(2);
  w.inflight.add(5);
  o.jobs.add(1);
  w.jobs.add(10);
  w.seconds.record(0.5);
  aggregate.update('w', await worker.overTheWire());
  const live = pointsOf(aggregate.merge(await own.collect()));
  assert.deepEqual([live.get('queue_depth[]'), live.get('inflight[]'), live.get('jobs_total[]')], [7, 7, 11]);
  aggregate.retire('w');
  const after = pointsOf(aggregate.merge(await own.collect()));
  assert.deepEqual([after.get('queue_depth[]'), after.get('inflight[]'), after.get('jobs_total[]')], [3, 2, 11]);
  assert.equal((after.get('work_seconds[]') as Histogram).count, 1, "the retired worker's histogram stays");
});

test('an up-down counter named *_info (an info metric such as promptkit_pricing_info) serves 1 however many processes state it', async () => {
  const own = new FakeProcess();
  const workers = [new FakeProcess(), new FakeProcess(), new FakeProcess()];
  const aggregate = new ClusterAggregate();
  for (const p of [own, ...workers]) p.meter.createUpDownCounter('promptkit_pricing_info').add(1, { source: 'genai-prices', version: '0.1.8' });
  for (const [k, worker] of workers.entries()) aggregate.update(`w${k}`, await worker.overTheWire());
  const merged = aggregate.merge(await own.collect());
  const points = pointsOf(merged);
  const info = [...points].filter(([key]) => key.startsWith('promptkit_pricing_info'));
  assert.deepEqual(info.map(([, v]) => v), [1]);
  // Served as it came (a non-monotonic sum), so its name and OTLP type do not change with the cluster.
  const metric = merged.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'promptkit_pricing_info');
  assert.deepEqual([metric?.dataPointType, metric?.dataPointType === DataPointType.SUM && metric.isMonotonic], [DataPointType.SUM, false]);
});

test('no merged counter goes backwards while workers are retired, replaced and come and go', async () => {
  const own = new FakeProcess();
  const aggregate = new ClusterAggregate({ departedGraceMs: 0 });
  const totals: number[] = [];
  let recorded = 0;
  let observations = 0;
  const workers = new Map<string, FakeProcess>();
  for (let round = 0; round < 12; round++) {
    const id = `w${round}`;
    workers.set(id, new FakeProcess());
    for (const [name, worker] of workers) {
      instruments(worker.meter).jobs.add(round + 1);
      instruments(worker.meter).seconds.record(round);
      recorded += round + 1;
      observations++;
      aggregate.update(name, await worker.overTheWire());
    }
    // Every third round one worker is retired; every fourth one departs and is folded in at the next merge.
    if (round % 3 === 2) {
      const [first] = workers.keys();
      workers.delete(first!);
      aggregate.retire(first!);
    } else if (round % 4 === 3) {
      const [first] = workers.keys();
      workers.delete(first!);
      aggregate.depart(first!);
    }
    const merged = pointsOf(aggregate.merge(await own.collect()));
    totals.push(merged.get('jobs_total[]') as number);
    assert.equal(merged.get('jobs_total[]'), recorded, `round ${round}: every recorded job is counted once`);
    assert.equal((merged.get('work_seconds[]') as Histogram).count, observations, `round ${round}: every observation is counted once`);
  }
  assert.deepEqual(totals, [...totals].sort((a, b) => a - b), 'the totals never decrease');
  assert.ok(aggregate.sources.length <= 12);
});

test('a departed source that comes back replaces its own totals instead of adding to them', async () => {
  const own = new FakeProcess();
  const worker = new FakeProcess();
  const aggregate = new ClusterAggregate({ departedGraceMs: 60_000 });
  instruments(worker.meter).jobs.add(4);
  instruments(worker.meter).inflight.add(4);
  aggregate.update('w', await worker.overTheWire());
  aggregate.depart('w');
  const away = pointsOf(aggregate.merge(await own.collect()));
  assert.deepEqual([away.get('jobs_total[]'), away.get('inflight[]')], [4, undefined], 'its totals stay while it is away, its up-down counter does not');
  instruments(worker.meter).jobs.add(1);
  aggregate.update('w', await worker.overTheWire());
  assert.equal(pointsOf(aggregate.merge(await own.collect())).get('jobs_total[]'), 5);
});

test('a successor that inherits the legacy of an aggregating process continues its totals, the sources included until they report', async () => {
  const leader = new FakeProcess();
  const follower = new FakeProcess();
  const other = new FakeProcess();
  const retiredWorker = new FakeProcess();
  const first = new ClusterAggregate();
  instruments(leader.meter).jobs.add(3);
  instruments(leader.meter).inflight.add(3);
  instruments(follower.meter).jobs.add(5);
  instruments(other.meter).jobs.add(11);
  instruments(retiredWorker.meter).jobs.add(7);
  first.update('retired', await retiredWorker.overTheWire());
  first.retire('retired');
  first.update('follower', await follower.overTheWire());
  first.update('other', await other.overTheWire());
  assert.equal(pointsOf(first.merge(await leader.collect())).get('jobs_total[]'), 26);
  // The leader dies; the follower aggregates from now on, seeded with the leader's legacy.
  const second = new ClusterAggregate();
  second.inherit(first.legacy(), 'follower');
  instruments(follower.meter).jobs.add(1);
  const before = pointsOf(second.merge(await follower.collect()));
  assert.equal(before.get('jobs_total[]'), 27, "the leader's, the retired worker's and the other source's totals carry over; the follower's are its own");
  assert.equal(before.get('inflight[]'), undefined, "the dead leader's up-down counter does not");
  instruments(other.meter).jobs.add(2);
  second.update('other', await other.overTheWire());
  assert.equal(pointsOf(second.merge(await follower.collect())).get('jobs_total[]'), 29, 'the other source, reporting again, replaces its stand-in');
});

test('classic histograms with different boundaries are not added together; the first boundaries are served', async () => {
  const own = new FakeProcess();
  const worker = new FakeProcess();
  const aggregate = new ClusterAggregate();
  own.meter.createHistogram('h', { advice: { explicitBucketBoundaries: [1, 2] } }).record(1.5);
  worker.meter.createHistogram('h', { advice: { explicitBucketBoundaries: [1, 5] } }).record(1.5);
  aggregate.update('w', await worker.overTheWire());
  const h = pointsOf(aggregate.merge(await own.collect())).get('h[]') as Histogram;
  assert.deepEqual([h.count, h.buckets.boundaries, h.buckets.counts], [1, [1, 2], [0, 1, 0]]);
});

test('the merged output is cumulative and every point starts at the aggregate start', async () => {
  const own = new FakeProcess();
  const aggregate = new ClusterAggregate();
  work(own.meter, 1, 5);
  const merged = aggregate.merge(await own.collect());
  for (const metric of merged.scopeMetrics.flatMap((s) => s.metrics)) {
    assert.equal(metric.aggregationTemporality, 1);
    for (const point of metric.dataPoints) assert.deepEqual(point.startTime, aggregate.startTime);
    if (metric.dataPointType === DataPointType.SUM) assert.equal(metric.isMonotonic, metric.descriptor.name === 'jobs_total');
  }
});
