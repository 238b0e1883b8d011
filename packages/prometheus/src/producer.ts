import { ValueType, type HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import {
  AggregationTemporality,
  DataPointType,
  type CollectionResult,
  type DataPoint,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { emptyResource } from '@opentelemetry/resources';
import { METER_NAME, METER_VERSION, type CounterSource } from '@promptkit/metrics';

type Cell = CounterSource['families'][number]['index']['all'][number];

/**
 * Hands PromptKit's counter cells to one reader as collected metric data, under the same names and
 * scope as the instruments would. The cells are already the exact totals, so nothing is
 * re-aggregated per collection. One producer per reader: with delta temporality it remembers what
 * it last reported to that reader.
 */
export class CounterProducer implements MetricProducer {
  private source: CounterSource | undefined;
  private readonly reported = new WeakMap<Cell, number>();
  private lastCollection: HrTime | undefined;

  constructor(private readonly temporality: AggregationTemporality = AggregationTemporality.CUMULATIVE) {}

  /** Connects the cells of a provider adopted with `adoptMeterProvider()`. */
  attach(source: CounterSource): void {
    this.source = source;
  }

  async collect(): Promise<CollectionResult> {
    const now = millisToHrTime(Date.now());
    const delta = this.temporality === AggregationTemporality.DELTA;
    const metrics: MetricData[] = [];
    for (const family of this.source?.families ?? []) {
      const cells = family.index.all;
      if (cells.length === 0) continue;
      const start = delta && this.lastCollection !== undefined ? this.lastCollection : millisToHrTime(family.startTimeMs);
      const dataPoints: DataPoint<number>[] = new Array(cells.length);
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        let value = cell.value;
        if (delta) {
          value -= this.reported.get(cell) ?? 0;
          this.reported.set(cell, cell.value);
        }
        dataPoints[i] = { startTime: start, endTime: now, attributes: cell.attributes, value };
      }
      const { name, help, unit, kind } = family.definition;
      metrics.push({
        descriptor: { name, description: help, unit, valueType: ValueType.DOUBLE },
        aggregationTemporality: this.temporality,
        dataPointType: DataPointType.SUM,
        isMonotonic: kind === 'counter',
        dataPoints,
      });
    }
    this.lastCollection = now;
    return {
      resourceMetrics: {
        // The reader keeps the SDK's resource; this one is not used.
        resource: emptyResource(),
        scopeMetrics: metrics.length > 0 ? [{ scope: { name: METER_NAME, version: METER_VERSION }, metrics }] : [],
      },
      errors: [],
    };
  }
}
