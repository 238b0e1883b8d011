import type { Attributes, Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api';
import { catalog, type MetricDefinition } from './catalog.js';

type InstrumentFor<D> = D extends { kind: 'histogram' }
  ? Histogram<Attributes>
  : D extends { kind: 'updowncounter' }
    ? UpDownCounter<Attributes>
    : Counter<Attributes>;

/** One OpenTelemetry instrument per catalog entry, under the same keys. */
export type Instruments = { [K in keyof typeof catalog]: InstrumentFor<(typeof catalog)[K]> };

function create(meter: Meter, definition: MetricDefinition): Counter | UpDownCounter | Histogram {
  const options = { description: definition.help, unit: definition.unit };
  switch (definition.kind) {
    case 'counter':
      return meter.createCounter(definition.name, options);
    case 'updowncounter':
      return meter.createUpDownCounter(definition.name, options);
    case 'histogram':
      // Advice carries the buckets to any MeterProvider, even one without PromptKit's views.
      return meter.createHistogram(definition.name, {
        ...options,
        advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
      });
  }
}

export function createInstruments(meter: Meter): Instruments {
  const instruments: Record<string, unknown> = {};
  for (const [key, definition] of Object.entries(catalog)) instruments[key] = create(meter, definition);
  return instruments as Instruments;
}
