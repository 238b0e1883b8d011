/**
 * Pricing one call: MetricsListener handling a provider.call.completed that carries tokens and no
 * cost, with pricing on (the genai-prices database loaded and the models resolved beforehand)
 * against the same events with pricing off, in the same run. The difference is what pricing adds
 * to the record path: the lookup, the cost and its counter add.
 */
import type { PromptKitEvent } from '@promptkit/events';
import { buildMeterProvider, withCounterProducer } from '@promptkit/meter-provider';
import { MetricsListener } from '@promptkit/metrics';
import { Pricing } from '@promptkit/pricing';
import { PrometheusReader } from '@promptkit/prometheus';
import { interleave, median } from './harness.js';
import { timedRow, type Row } from './report.js';

// Four models of two providers, one with a long-context tier, all resolved before timing.
const MODELS = [
  { provider: 'anthropic', model: 'claude-sonnet-4-5-20250929' },
  { provider: 'anthropic', model: 'claude-3-5-haiku-20241022' },
  { provider: 'openai', model: 'gpt-4o' },
  { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' },
] as const;

/** 64 events built once (no allocation on either side's clock), with cache reads and writes. */
const EVENTS: PromptKitEvent[] = Array.from({ length: 64 }, (_, i) => ({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { ...MODELS[i & 3]!, durationMs: 800 + i, inputTokens: 3000 + i * 17, cachedTokens: 2000, cacheWriteTokens: i & 1 ? 100 : 0, outputTokens: 200 + i },
}));

/** The same events carrying their own cost: recording a cost without pricing, for scale. */
const EVENTS_WITH_COST: PromptKitEvent[] = EVENTS.map((event) => ({ ...event, data: { ...event.data, cost: 0.001 } }) as PromptKitEvent);

/** What the priced side must have recorded: a cost for every model and no unpriced call. */
async function mismatch(reader: PrometheusReader, pricing: Pricing): Promise<string | undefined> {
  for (const { provider, model } of MODELS) {
    if (typeof pricing.price(provider, model, { inputTokens: 1 }) !== 'number') return `${provider} ${model} is not priced at once`;
  }
  const { resourceMetrics } = await reader.collect();
  const names = new Map<string, number>();
  for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) names.set(metric.descriptor.name, metric.dataPoints.length);
  if (names.get('promptkit_provider_cost_total') !== MODELS.length) return `the priced side recorded costs for ${names.get('promptkit_provider_cost_total') ?? 0} models, not ${MODELS.length}`;
  if (names.has('promptkit_provider_unpriced_requests_total')) return 'the priced side counted unpriced calls';
  return undefined;
}

export async function run(): Promise<Row[]> {
  const pricing = new Pricing();
  await pricing.load();
  // MeterProviders as startMetrics() builds them: PromptKit's counters are its own cells, read by
  // the reader's producer, so a counter add is an addition (no OpenTelemetry instrument call).
  const reader = () => withCounterProducer((producers) => new PrometheusReader(producers));
  const pricedReader = reader();
  const priced = new MetricsListener({ meterProvider: buildMeterProvider({ readers: [pricedReader] }), pricing });
  const plain = new MetricsListener({ meterProvider: buildMeterProvider({ readers: [reader()] }) });
  const ownCost = new MetricsListener({ meterProvider: buildMeterProvider({ readers: [reader()] }) });
  for (const event of EVENTS) priced.handle(event); // resolves the four models
  const invalid = await mismatch(pricedReader, pricing);
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let total = 0;
  const timings = await interleave(
    [
      {
        name: 'on',
        run: (n) => {
          for (let k = 0; k < n; k++) priced.handle(EVENTS[a++ & 63]!);
        },
      },
      {
        name: 'off',
        run: (n) => {
          for (let k = 0; k < n; k++) plain.handle(EVENTS[b++ & 63]!);
        },
      },
      {
        name: 'own cost',
        run: (n) => {
          for (let k = 0; k < n; k++) ownCost.handle(EVENTS_WITH_COST[d++ & 63]!);
        },
      },
      {
        name: 'price',
        run: (n) => {
          for (let k = 0; k < n; k++) {
            const { data } = EVENTS[c++ & 63] as Extract<PromptKitEvent, { type: 'provider.call.completed' }>;
            total += pricing.price(data.provider, data.model, data) as number;
          }
        },
      },
    ],
    // CPU time: the difference is small next to the call, and the cores are shared (see BENCHMARKS.md).
    { rounds: 151, sampleMs: 30, warmupMs: 2000, clock: 'cpu' },
  );
  const on = timings.get('on')!;
  const off = timings.get('off')!;
  const ratioRow = timedRow({ name: 'pricing one call: listener, pricing on ÷ off (database loaded, models resolved)' }, on, off);
  // The paired difference per round, like the paired ratio: a slow spell lands on both samples.
  const added = median(on.samples.map((sample, round) => sample - off.samples[round]!));
  const addedRow: Row = { key: 'pricing', name: 'pricing one call: ns added by pricing ÷ a 1 µs budget', candidate: added, baseline: 1000, unit: 'ns', target: 1 };
  if (invalid !== undefined) ratioRow.invalid = addedRow.invalid = invalid;
  if (!(total > 0)) addedRow.invalid = 'Pricing.price() returned no costs';
  const lookupRow: Row = { name: 'context: Pricing.price() alone (a resolved model: two map lookups and the cost)', candidate: timings.get('price')!.nsPerOp, unit: 'ns' };
  const own = timings.get('own cost')!;
  const ownRow: Row = {
    name: 'context: ns added by recording an event\'s own cost (pricing off), for scale',
    candidate: median(own.samples.map((sample, round) => sample - off.samples[round]!)),
    unit: 'ns',
  };
  return [addedRow, ratioRow, lookupRow, ownRow];
}
