import type { Attributes, Histogram, Meter, SpanContext } from '@opentelemetry/api';
import type { MetricDefinition } from '../catalog.js';
import { keepBucketExemplar } from './exemplars.js';
import { SeriesIndex } from './series-index.js';

/** A PromptKit histogram: an OpenTelemetry histogram with its attribute objects made once per series. */
export class HistogramFamily {
  readonly instrument: Histogram;
  readonly attributes: SeriesIndex<Attributes>;

  constructor(
    readonly definition: MetricDefinition,
    meter: Meter,
  ) {
    // Advice carries the buckets to any MeterProvider, even one without PromptKit's views.
    this.instrument = meter.createHistogram(definition.name, {
      description: definition.help,
      unit: definition.unit,
      advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
    });
    const labels = definition.labels;
    this.attributes = new SeriesIndex<Attributes>(labels.length, (values) => {
      const attributes: Attributes = {};
      for (let i = 0; i < labels.length; i++) attributes[labels[i]!] = values[i];
      return attributes;
    });
  }

  /** Records `seconds`; inside a sampled span (`span`), it is also kept as its bucket's exemplar. */
  record(seconds: number, attributes: Attributes, span?: SpanContext): void {
    this.instrument.record(seconds, attributes);
    if (span !== undefined) keepBucketExemplar(attributes, this.definition.buckets ?? [], span, seconds);
  }
}
