// Reading a snapshot that came from another process: every field is checked, and what cannot be
// read is left out (a malformed metric or point never reaches the aggregate, and never throws).
import { ValueType, type Attributes, type AttributeValue, type HrTime } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  type DataPoint,
  type ExponentialHistogram,
  type Histogram,
  type MetricData,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import { isPlainObject } from '../option-checks.js';
import { MAX_SCALE, MIN_SCALE } from './exponential.js';
import type { WireMetric, WireNumber } from './wire.js';

const TYPES = { sum: DataPointType.SUM, gauge: DataPointType.GAUGE, histogram: DataPointType.HISTOGRAM, exponential: DataPointType.EXPONENTIAL_HISTOGRAM } as const;

/** A number from the wire, or undefined when it is none. */
export function fromWireNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return undefined;
}

function numbers(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = new Array<number>(value.length);
  for (let i = 0; i < value.length; i++) {
    const n = fromWireNumber(value[i] as WireNumber);
    if (n === undefined) return undefined;
    out[i] = n;
  }
  return out;
}

function isHrTime(value: unknown): value is HrTime {
  return Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && Number.isInteger(value[1]);
}

function attributesOf(names: readonly string[], values: unknown): Attributes | undefined {
  if (!Array.isArray(values) || values.length !== names.length) return undefined;
  const out: Attributes = {};
  for (let i = 0; i < names.length; i++) {
    const item: unknown = values[i];
    if (typeof item === 'string' || typeof item === 'boolean' || typeof item === 'number') out[names[i]!] = item;
    else if (Array.isArray(item)) out[names[i]!] = item.map((v: unknown) => (typeof v === 'string' || typeof v === 'boolean' ? v : (fromWireNumber(v) ?? null))) as AttributeValue;
    else return undefined;
  }
  return out;
}

function shapesOf(value: unknown): string[][] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const shape of value as unknown[]) if (!Array.isArray(shape) || !shape.every((name) => typeof name === 'string')) return undefined;
  return value as string[][];
}

function optional(target: { sum?: number; min?: number; max?: number }, source: Record<string, unknown>): boolean {
  for (const key of ['sum', 'min', 'max'] as const) {
    if (source[key] === undefined) continue;
    const n = fromWireNumber(source[key]);
    if (n === undefined) return false;
    target[key] = n;
  }
  return true;
}

function histogramOf(value: unknown): Histogram | undefined {
  if (!isPlainObject(value)) return undefined;
  const count = fromWireNumber(value.count);
  const boundaries = numbers(value.boundaries);
  const counts = numbers(value.counts);
  if (count === undefined || boundaries === undefined || counts === undefined || counts.length !== boundaries.length + 1) return undefined;
  const out: Histogram = { count, buckets: { boundaries, counts } };
  return optional(out, value) ? out : undefined;
}

function bucketsOf(value: unknown): { offset: number; bucketCounts: number[] } | undefined {
  if (!Array.isArray(value) || value.length !== 2 || !Number.isInteger(value[0])) return undefined;
  const bucketCounts = numbers(value[1]);
  return bucketCounts === undefined ? undefined : { offset: value[0] as number, bucketCounts };
}

function exponentialOf(value: unknown): ExponentialHistogram | undefined {
  if (!isPlainObject(value)) return undefined;
  const count = fromWireNumber(value.count);
  const zeroCount = fromWireNumber(value.zeroCount);
  const positive = bucketsOf(value.positive);
  const negative = bucketsOf(value.negative);
  if (count === undefined || zeroCount === undefined || positive === undefined || negative === undefined) return undefined;
  if (typeof value.scale !== 'number' || !Number.isInteger(value.scale) || value.scale < MIN_SCALE || value.scale > MAX_SCALE) return undefined;
  const out: ExponentialHistogram = { count, zeroCount, scale: value.scale, positive, negative };
  return optional(out, value) ? out : undefined;
}

function valueOf(kind: WireMetric['kind'], value: unknown): number | Histogram | ExponentialHistogram | undefined {
  if (kind === 'histogram') return histogramOf(value);
  if (kind === 'exponential') return exponentialOf(value);
  return fromWireNumber(value);
}

function metricOf(value: unknown): MetricData | undefined {
  if (!isPlainObject(value)) return undefined;
  const kind = value.kind as WireMetric['kind'];
  const dataPointType = TYPES[kind];
  const { start, end } = value;
  const shapes = shapesOf(value.shapes);
  if (dataPointType === undefined || typeof value.name !== 'string' || !isHrTime(start) || !isHrTime(end) || shapes === undefined || !Array.isArray(value.points)) return undefined;
  const dataPoints: DataPoint<unknown>[] = [];
  for (const point of value.points as unknown[]) {
    if (!Array.isArray(point) || point.length !== 3) continue;
    const shape = typeof point[0] === 'number' ? shapes[point[0]] : undefined;
    const attributes = shape === undefined ? undefined : attributesOf(shape, point[1]);
    const pointValue = valueOf(kind, point[2]);
    if (attributes !== undefined && pointValue !== undefined) dataPoints.push({ attributes, startTime: start, endTime: end, value: pointValue });
  }
  const descriptor = {
    name: value.name,
    description: typeof value.description === 'string' ? value.description : '',
    unit: typeof value.unit === 'string' ? value.unit : '',
    valueType: value.valueType === 'int' ? ValueType.INT : ValueType.DOUBLE,
  };
  const aggregationTemporality = value.temporality === 'delta' ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
  return { descriptor, aggregationTemporality, dataPointType, dataPoints, isMonotonic: value.monotonic === true } as MetricData;
}

/**
 * The scopes of a snapshot from another process, or undefined when it is not one (another
 * version of the wire, or not a snapshot at all). Metrics and points that cannot be read are left out.
 */
export function fromWire(snapshot: unknown): ScopeMetrics[] | undefined {
  if (!isPlainObject(snapshot) || snapshot.v !== 1 || !Array.isArray(snapshot.scopes)) return undefined;
  const out: ScopeMetrics[] = [];
  for (const scope of snapshot.scopes as unknown[]) {
    if (!isPlainObject(scope) || typeof scope.name !== 'string' || !Array.isArray(scope.metrics)) continue;
    const metrics: MetricData[] = [];
    for (const metric of scope.metrics as unknown[]) {
      const read = metricOf(metric);
      if (read !== undefined) metrics.push(read);
    }
    const version = typeof scope.version === 'string' && scope.version !== '' ? scope.version : undefined;
    const schemaUrl = typeof scope.schemaUrl === 'string' && scope.schemaUrl !== '' ? scope.schemaUrl : undefined;
    out.push({ scope: { name: scope.name, ...(version !== undefined ? { version } : {}), ...(schemaUrl !== undefined ? { schemaUrl } : {}) }, metrics });
  }
  return out;
}
