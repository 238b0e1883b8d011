import type { Attributes, Counter, Meter, SpanContext, UpDownCounter } from '@opentelemetry/api';
import type { MetricDefinition } from '../catalog.js';
import { keepExemplar } from './exemplars.js';
import { SeriesIndex } from './series-index.js';

/**
 * One series of a PromptKit counter: its running total and its attributes, made once. Readers of a
 * MeterProvider PromptKit set up read `value` directly (see `adoptMeterProvider`).
 */
export class CounterCell {
  // Two fields only: a process holds one cell per series, and thousands of series are common.
  value = 0;

  constructor(readonly attributes: Attributes) {}

  /** Adds `amount`; inside a sampled span (`span`), it is also kept as the series' exemplar. */
  add(amount: number, span?: SpanContext): void {
    this.value += amount;
    if (span !== undefined) keepExemplar(this.attributes, span, amount);
  }
}

/**
 * A cell on any other MeterProvider: each addition also goes to an OpenTelemetry counter of the same
 * name, so every reader, View and temporality of that provider applies as to any counter.
 */
class MirroredCell extends CounterCell {
  constructor(
    attributes: Attributes,
    private readonly instrument: Counter | UpDownCounter,
  ) {
    super(attributes);
    // The series exists from now on, as a cell read by a producer does (e.g. after `bind()`).
    instrument.add(0, attributes);
  }

  override add(amount: number, span?: SpanContext): void {
    this.value += amount;
    if (span !== undefined) keepExemplar(this.attributes, span, amount);
    this.instrument.add(amount, this.attributes);
  }
}

/**
 * A counter (or up-down counter) aggregated by PromptKit itself: a record finds its cell through
 * nested Maps, with no attribute hashing, and adds a number. With a `meter`, every addition is
 * mirrored to an OpenTelemetry instrument of the same name, unit and description.
 */
export class CounterFamily {
  readonly index: SeriesIndex<CounterCell>;
  /**
   * Start of the family's cumulative totals, ms since the epoch: every series was 0 before it was
   * created, so this is a valid start time for each of them (OpenMetrics `_created`).
   */
  readonly startMs = Date.now();

  constructor(
    readonly definition: MetricDefinition,
    meter: Meter | undefined,
  ) {
    const labels = definition.labels;
    const attributesOf = (values: readonly string[]): Attributes => {
      const attributes: Attributes = {};
      for (let i = 0; i < labels.length; i++) attributes[labels[i]!] = values[i];
      return attributes;
    };
    if (meter === undefined) {
      this.index = new SeriesIndex(labels.length, (values) => new CounterCell(attributesOf(values)));
      return;
    }
    const options = { description: definition.help, unit: definition.unit };
    const instrument =
      definition.kind === 'updowncounter' ? meter.createUpDownCounter(definition.name, options) : meter.createCounter(definition.name, options);
    this.index = new SeriesIndex(labels.length, (values) => new MirroredCell(attributesOf(values), instrument));
  }
}
