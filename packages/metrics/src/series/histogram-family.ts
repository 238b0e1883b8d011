import type { Attributes, Histogram, Meter } from '@opentelemetry/api';
import type { MetricDefinition } from '../catalog.js';
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

  record(seconds: number, attributes: Attributes): void {
    this.instrument.record(seconds, attributes);
  }
}
