import assert from 'node:assert/strict';
import { test } from 'node:test';
import { METER_NAME, catalog } from '@promptkit/metrics';
import { bindingFor } from '@promptkit/metrics/internal';
import { buildMeterProvider, withCounterProducer } from './setup.js';
import { SELECTORS, SelectorReader, sumPoints, type FlatPoint } from './test-readers.js';

const PLAIN = 'plain-opentelemetry';

// Rounds of additions between collections; an empty round checks that unchanged series are not re-sent.
const ROUNDS: [counter: 'requests' | 'active', attributes: Record<string, string>, amount: number][][] = [
  [
    ['requests', { provider: 'p', model: 'm', status: 'success' }, 1],
    ['requests', { provider: 'p', model: 'n', status: 'error' }, 2],
    ['active', {}, 3],
  ],
  [],
  [
    ['requests', { provider: 'p', model: 'm', status: 'success' }, 4],
    ['active', {}, -1],
  ],
  [['requests', { provider: 'q', model: 'm', status: 'success' }, 1]],
  [],
];

for (const [kind, selector] of Object.entries(SELECTORS)) {
  test(`PromptKit's producer reports exactly what plain OpenTelemetry counters report to a ${kind} reader`, async () => {
    const reader = withCounterProducer((producers) => new SelectorReader(selector, producers));
    const provider = buildMeterProvider({ readers: [reader] });
    const binding = bindingFor(provider);
    assert.equal(binding.counterExport, 'producer');
    const plain = provider.getMeter(PLAIN);
    const plainRequests = plain.createCounter(catalog.providerRequests.name, { unit: catalog.providerRequests.unit });
    const plainActive = plain.createUpDownCounter(catalog.pipelinesActive.name, { unit: catalog.pipelinesActive.unit });
    for (const round of ROUNDS) {
      for (const [counter, attributes, amount] of round) {
        if (counter === 'requests') {
          binding.counters.providerRequests.index.get3(attributes.provider!, attributes.model!, attributes.status!).add(amount);
          plainRequests.add(amount, attributes);
        } else {
          binding.counters.pipelinesActive.index.get0().add(amount);
          plainActive.add(amount, attributes);
        }
      }
      const collected = await sumPoints(reader);
      const ours = collected.get(METER_NAME) ?? [];
      const theirs = collected.get(PLAIN) ?? [];
      const comparable = (points: FlatPoint[]) => points.map(({ metric, attributes, value, temporality, monotonic }) => ({ metric, attributes, value, temporality, monotonic }));
      assert.deepEqual(comparable(ours), comparable(theirs), `${kind}: the same points after a round of ${round.length} additions`);
      for (const point of ours) {
        // Start times as OpenTelemetry's: a cumulative series from its first record, a delta one
        // from the previous collection (or its first record, if newer).
        const partner = theirs.find((p) => p.metric === point.metric && p.attributes === point.attributes)!;
        assert.ok(Math.abs(point.startMs - partner.startMs) < 50, `${kind}: ${point.metric} starts at ${point.startMs}, OpenTelemetry's at ${partner.startMs}`);
        assert.ok(point.startMs <= point.endMs, 'a point starts before it ends');
      }
    }
    await provider.shutdown();
  });
}
