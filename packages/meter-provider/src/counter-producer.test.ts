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
    const began = Date.now();
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
        // A valid start: no later than OpenTelemetry's (its first record or the previous collection),
        // no earlier than the test (the sums were 0 from the family's creation on).
        const partner = theirs.find((p) => p.metric === point.metric && p.attributes === point.attributes)!;
        assert.ok(point.startMs <= partner.startMs + 5, `${kind}: ${point.metric} starts at ${point.startMs}, after OpenTelemetry's ${partner.startMs}`);
        assert.ok(point.startMs >= began - 5 && point.startMs <= point.endMs, `${kind}: a start between the test's start and the point's end`);
      }
    }
    await provider.shutdown();
  });
}
