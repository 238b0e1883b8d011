import { ValueType, type HrTime } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InstrumentType,
  type CollectionResult,
  type DataPoint,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { METER_NAME, METER_VERSION } from '@promptkit/metrics';
import type { CounterCell, CounterFamily, CounterSource } from '@promptkit/metrics/internal';
import { emptyResource, hrTime } from './compat.js';

/** What a producer asks of its reader: the temporality for an instrument kind, as the reader decides it. */
export interface TemporalitySelector {
  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality;
}

/**
 * Hands PromptKit's counter cells to one reader as collected metric data, with the name, scope,
 * attributes, values and start times an OpenTelemetry counter of the same name would have for that
 * reader. The cells are already the exact totals, so nothing is re-aggregated per collection.
 *
 * Temporality is the reader's: cumulative readers get every series; delta readers get what changed
 * since their last collection, and nothing for a series without new records (as OpenTelemetry's
 * synchronous instruments behave). Up-down counters follow the reader's choice for UP_DOWN_COUNTER,
 * which OpenTelemetry's delta and low-memory preferences keep cumulative.
 */
export class CounterProducer implements MetricProducer {
  private source: CounterSource | undefined;
  private reader: TemporalitySelector | undefined;
  /** Per series: the value a delta reader last saw. */
  private readonly reported = new WeakMap<CounterCell, number>();
  private lastCollection: HrTime | undefined;

  /** Connects the cells of a provider PromptKit set up, and the reader this producer serves. */
  attach(source: CounterSource, reader: TemporalitySelector): void {
    this.source = source;
    this.reader = reader;
  }

  /** True once the producer serves a reader. */
  get attached(): boolean {
    return this.source !== undefined;
  }

  collect(): Promise<CollectionResult> {
    const now = hrTime(Date.now());
    const metrics: MetricData[] = [];
    const { source, reader } = this;
    if (source !== undefined && reader !== undefined) {
      for (const family of source.families) {
        const metric = this.family(family, reader, now);
        if (metric !== undefined) metrics.push(metric);
      }
    }
    this.lastCollection = now;
    return Promise.resolve({
      resourceMetrics: {
        // The reader keeps the SDK's resource; this one is not used.
        resource: emptyResource(),
        scopeMetrics: metrics.length > 0 ? [{ scope: { name: METER_NAME, version: METER_VERSION }, metrics }] : [],
      },
      errors: [],
    });
  }

  private family(family: CounterFamily, reader: TemporalitySelector, now: HrTime): MetricData | undefined {
    const cells = family.index.all;
    if (cells.length === 0) return undefined;
    const monotonic = family.definition.kind === 'counter';
    const temporality = reader.selectAggregationTemporality(monotonic ? InstrumentType.COUNTER : InstrumentType.UP_DOWN_COUNTER);
    const dataPoints: DataPoint<number>[] = [];
    if (temporality === AggregationTemporality.DELTA) {
      // A series that did not change since the last collection is not sent (as OpenTelemetry's
      // synchronous instruments do); one that did starts where the last collection ended.
      const startTime = this.lastCollection ?? hrTime(family.startMs);
      for (const cell of cells) {
        const last = this.reported.get(cell);
        if (last === cell.value) continue;
        dataPoints.push({ startTime, endTime: now, attributes: cell.attributes, value: cell.value - (last ?? 0) });
        this.reported.set(cell, cell.value);
      }
      if (dataPoints.length === 0) return undefined;
    } else {
      const startTime = hrTime(family.startMs);
      for (const cell of cells) dataPoints.push({ startTime, endTime: now, attributes: cell.attributes, value: cell.value });
    }
    const { name, help, unit } = family.definition;
    return {
      descriptor: { name, description: help, unit, valueType: ValueType.DOUBLE },
      aggregationTemporality: temporality,
      dataPointType: DataPointType.SUM,
      isMonotonic: monotonic,
      dataPoints,
    };
  }
}
