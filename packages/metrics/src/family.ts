import type { Attributes, Meter, ObservableResult } from '@opentelemetry/api';
import type { MetricDefinition } from './catalog.js';
import { SeriesIndex } from './series-index.js';

/** One series of a counter: its running total and its attributes, made once. */
export interface Cell {
  value: number;
  readonly attributes: Attributes;
}

/**
 * A counter (or up-down counter) aggregated by PromptKit itself: a record adds to a number in a
 * cell found through nested Maps, with no attribute hashing. Every collection reads the exact
 * totals: through an observable instrument of the same name on any MeterProvider, or, on a
 * provider PromptKit manages (`adoptMeterProvider`), straight from the cells through the readers'
 * metric producer, which skips OpenTelemetry's per-collection re-aggregation.
 */
export class CounterFamily {
  readonly index: SeriesIndex<Cell>;
  /** Start of the cumulative totals, in ms since the epoch. */
  readonly startTimeMs = Date.now();

  constructor(
    readonly definition: MetricDefinition,
    meter: Meter | undefined,
  ) {
    const labels = definition.labels;
    this.index = new SeriesIndex<Cell>(labels.length, (values) => {
      const attributes: Attributes = {};
      for (let i = 0; i < labels.length; i++) attributes[labels[i]!] = values[i];
      return { value: 0, attributes };
    });
    if (meter === undefined) return;
    const options = { description: definition.help, unit: definition.unit };
    const instrument =
      definition.kind === 'updowncounter'
        ? meter.createObservableUpDownCounter(definition.name, options)
        : meter.createObservableCounter(definition.name, options);
    const cells = this.index.all;
    instrument.addCallback((result: ObservableResult) => {
      for (let i = 0; i < cells.length; i++) result.observe(cells[i]!.value, cells[i]!.attributes);
    });
  }
}
