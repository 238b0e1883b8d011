import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { catalog, GEN_AI_METER_NAME, METER_NAME, OVERFLOW_VALUE } from '@promptkit/metrics';
import { ClusterAggregate } from './aggregate.js';
import { AGGREGATE_CARDINALITY_LIMIT, seriesKey } from './limits.js';
import { FakeProcess, pointsOf } from './test-processes.js';

const REQUESTS = catalog.providerRequests.name;

function modelsOf(points: Map<string, unknown>, metric: string, label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [series, value] of points) {
    if (!series.startsWith(`${metric}[`)) continue;
    const attributes = Object.fromEntries(JSON.parse(series.slice(metric.length)) as [string, string][]);
    const v = typeof value === 'number' ? value : (value as Histogram).count;
    out.set(attributes[label]!, (out.get(attributes[label]!) ?? 0) + v);
  }
  return out;
}

test("PromptKit's label caps hold across the aggregate: values are admitted once, in the order first seen, and the rest stay in _other", async () => {
  const processes = [new FakeProcess(), new FakeProcess(), new FakeProcess()];
  const aggregate = new ClusterAggregate({ labelLimits: { model: 4 } });
  const record = (round: number) =>
    processes.forEach((p, k) => {
      const counter = p.provider.getMeter(METER_NAME).createCounter(REQUESTS);
      const duration = p.provider.getMeter(GEN_AI_METER_NAME).createHistogram('gen_ai.client.inference.duration');
      for (let m = 0; m < 3; m++) {
        counter.add(round + m, { provider: 'openai', model: `m${k}-${m}`, status: 'success' });
        duration.record(1, { 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': `m${k}-${m}` });
      }
    });
  const merged: Map<string, number>[] = [];
  let total = 0;
  for (let round = 1; round <= 3; round++) {
    record(round);
    total += 3 * (3 * round + 3);
    aggregate.update('w1', await processes[1]!.overTheWire());
    aggregate.update('w2', await processes[2]!.overTheWire());
    const points = pointsOf(aggregate.merge(await processes[0]!.collect()));
    const models = modelsOf(points, REQUESTS, 'model');
    merged.push(models);
    // The workers' collections arrive (and are admitted) before the primary's own.
    assert.deepEqual([...models.keys()].sort(), [OVERFLOW_VALUE, 'm1-0', 'm1-1', 'm1-2', 'm2-0'], 'four models of their own, the first seen, and _other');
    assert.equal([...models.values()].reduce((a, b) => a + b, 0), total, 'no count is lost to the cap');
    const genAi = modelsOf(points, 'gen_ai.client.inference.duration', 'gen_ai.request.model');
    assert.equal(genAi.size, 5, 'the GenAI metrics are capped by the same rule');
    assert.equal([...genAi.values()].reduce((a, b) => a + b, 0), 9 * round);
  }
  for (let round = 1; round < merged.length; round++) {
    for (const [model, value] of merged[round]!) assert.ok(value >= merged[round - 1]!.get(model)!, `${model} never goes backwards`);
  }
});

test(`metrics of other scopes keep at most ${AGGREGATE_CARDINALITY_LIMIT} series in the aggregate, the overflow in one series`, async () => {
  const processes = [new FakeProcess(), new FakeProcess(), new FakeProcess()];
  processes.forEach((p, k) => {
    const counter = p.meter.createCounter('per_user_total');
    for (let u = 0; u < 800; u++) counter.add(1, { user: `u${k}-${u}` });
  });
  const aggregate = new ClusterAggregate();
  aggregate.update('w1', await processes[1]!.overTheWire());
  aggregate.update('w2', await processes[2]!.overTheWire());
  const points = pointsOf(aggregate.merge(await processes[0]!.collect()));
  const series = [...points].filter(([key]) => key.startsWith('per_user_total'));
  assert.equal(series.length, AGGREGATE_CARDINALITY_LIMIT);
  assert.equal(series.reduce((sum, [, v]) => sum + (v as number), 0), 2400);
  assert.equal(points.get('per_user_total[["otel.metric.overflow",true]]'), 2400 - (AGGREGATE_CARDINALITY_LIMIT - 1));
});

test('a series is keyed by its attributes whatever their order, and 1 is not "1"', () => {
  assert.equal(seriesKey({ b: 'x', a: 1 }), seriesKey({ a: 1, b: 'x' }));
  assert.notEqual(seriesKey({ a: 1 }), seriesKey({ a: '1' }));
  assert.notEqual(seriesKey({ a: 'x\u0002b\u0001y' }), seriesKey({ a: 'x', b: 'y' }));
});
