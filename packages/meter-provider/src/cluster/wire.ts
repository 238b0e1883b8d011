// What one process's collection looks like between processes. Node's IPC channel (and PromptKit's
// peer sockets) carry JSON by default, where NaN and ±Infinity become null and the SDK's enums are
// bare numbers that another SDK release may number differently: the wire spells both out.
import { ValueType, type Attributes, type HrTime } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  type DataPoint,
  type ExponentialHistogram,
  type Histogram,
  type MetricData,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';

export type WireNumber = number | 'NaN' | 'Inf' | '-Inf';
// Non-finite attribute numbers travel spelt out too, and arrive as those strings.
type WireAttribute = string | boolean | number | (string | boolean | number | null)[];

export interface WireHistogram {
  count: WireNumber;
  sum?: WireNumber;
  min?: WireNumber;
  max?: WireNumber;
  boundaries: WireNumber[];
  counts: WireNumber[];
}

export interface WireExponential {
  count: WireNumber;
  sum?: WireNumber;
  min?: WireNumber;
  max?: WireNumber;
  scale: number;
  zeroCount: WireNumber;
  /** [offset, bucket counts] */
  positive: [number, WireNumber[]];
  negative: [number, WireNumber[]];
}

/** One series: the index of its attribute names in `shapes`, the attribute values in that order, its value. */
export type WirePoint = [number, WireAttribute[], WireNumber | WireHistogram | WireExponential];

export interface WireMetric {
  name: string;
  description: string;
  unit: string;
  valueType: 'int' | 'double';
  kind: 'sum' | 'gauge' | 'histogram' | 'exponential';
  monotonic: boolean;
  temporality: 'cumulative' | 'delta';
  /** The earliest start of the points, and the collection's time, as [seconds, nanoseconds]. */
  start: HrTime;
  end: HrTime;
  /** Each distinct list of attribute names once; most metrics have one. */
  shapes: string[][];
  points: WirePoint[];
}

export interface WireScope {
  name: string;
  version: string;
  schemaUrl: string;
  metrics: WireMetric[];
}

/** One process's collection, safe to pass through JSON. */
export interface WireSnapshot {
  v: 1;
  scopes: WireScope[];
}

const KINDS = { [DataPointType.SUM]: 'sum', [DataPointType.GAUGE]: 'gauge', [DataPointType.HISTOGRAM]: 'histogram', [DataPointType.EXPONENTIAL_HISTOGRAM]: 'exponential' } as const;

export function toWireNumber(value: number): WireNumber {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : '-Inf';
}

function optionalNumber(value: number | undefined): WireNumber | undefined {
  return value === undefined ? undefined : toWireNumber(value);
}

// API 1.10 widened attribute values to AnyValue (maps, bytes, nested arrays); the wire keeps the
// primitives and arrays of primitives of API 1.9 as they are, and carries anything else as its JSON.
function primitive(value: unknown): string | boolean | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return toWireNumber(value);
  return jsonOf(value);
}

function jsonOf(value: unknown): string | null {
  try {
    return JSON.stringify(value instanceof Uint8Array ? [...value] : value) ?? null;
  } catch {
    return null;
  }
}

function wireAttribute(value: Attributes[string]): WireAttribute | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return (value as unknown[]).map(primitive);
  const single = primitive(value);
  return single === null ? undefined : single;
}

function earliest(points: readonly DataPoint<unknown>[]): HrTime {
  let start = points[0]?.startTime ?? [0, 0];
  for (const p of points) if (p.startTime[0] < start[0] || (p.startTime[0] === start[0] && p.startTime[1] < start[1])) start = p.startTime;
  return start;
}

/** The points with their attribute names listed once per shape: the names are most of a point's bytes. */
function wirePoints(metric: MetricData, points: readonly DataPoint<unknown>[]): { shapes: string[][]; points: WirePoint[] } {
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const out: WirePoint[] = [];
  for (const point of points) {
    const names: string[] = [];
    const values: WireAttribute[] = [];
    for (const name in point.attributes) {
      const value = wireAttribute(point.attributes[name]);
      if (value === undefined) continue;
      names.push(name);
      values.push(value);
    }
    const id = names.join('\u0000');
    let index = shapeIndex.get(id);
    if (index === undefined) {
      index = shapes.push(names) - 1;
      shapeIndex.set(id, index);
    }
    out.push([index, values, wireValue(metric, point.value)]);
  }
  return { shapes, points: out };
}

function wireValue(metric: MetricData, value: unknown): WirePoint[2] {
  if (metric.dataPointType === DataPointType.HISTOGRAM) {
    const h = value as Histogram;
    return {
      count: toWireNumber(h.count),
      ...(h.sum !== undefined ? { sum: toWireNumber(h.sum) } : {}),
      ...(h.min !== undefined ? { min: toWireNumber(h.min) } : {}),
      ...(h.max !== undefined ? { max: toWireNumber(h.max) } : {}),
      boundaries: h.buckets.boundaries.map(toWireNumber),
      counts: h.buckets.counts.map(toWireNumber),
    };
  }
  if (metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) {
    const e = value as ExponentialHistogram;
    const out: WireExponential = {
      count: toWireNumber(e.count),
      scale: e.scale,
      zeroCount: toWireNumber(e.zeroCount),
      positive: [e.positive.offset, e.positive.bucketCounts.map(toWireNumber)],
      negative: [e.negative.offset, e.negative.bucketCounts.map(toWireNumber)],
    };
    const sum = optionalNumber(e.sum);
    const min = optionalNumber(e.min);
    const max = optionalNumber(e.max);
    if (sum !== undefined) out.sum = sum;
    if (min !== undefined) out.min = min;
    if (max !== undefined) out.max = max;
    return out;
  }
  return toWireNumber(value as number);
}

/** A collection as it travels between processes. */
export function toWire(scopeMetrics: readonly ScopeMetrics[]): WireSnapshot {
  return {
    v: 1,
    scopes: scopeMetrics.map((scope) => ({
      name: scope.scope.name,
      version: scope.scope.version ?? '',
      schemaUrl: scope.scope.schemaUrl ?? '',
      metrics: scope.metrics.map((metric): WireMetric => {
        const points = metric.dataPoints as DataPoint<unknown>[];
        return {
          name: metric.descriptor.name,
          description: metric.descriptor.description,
          unit: metric.descriptor.unit,
          valueType: metric.descriptor.valueType === ValueType.INT ? 'int' : 'double',
          kind: KINDS[metric.dataPointType],
          monotonic: metric.dataPointType === DataPointType.SUM && metric.isMonotonic,
          temporality: metric.aggregationTemporality === AggregationTemporality.DELTA ? 'delta' : 'cumulative',
          start: earliest(points),
          end: points[0]?.endTime ?? [0, 0],
          ...wirePoints(metric, points),
        };
      }),
    })),
  };
}
