import type { Attributes, AttributeValue } from '@opentelemetry/api';
import {
  DataPointType,
  type DataPoint,
  type Histogram,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { unitSuffix } from './units.js';

export interface SerializeOptions {
  /** Add `otel_scope_name`/`otel_scope_version` labels to every series. Default false. */
  withScopeLabels?: boolean;
  /** Add a `target_info` gauge carrying the resource attributes. Default false. */
  withTargetInfo?: boolean;
}

type FamilyType = 'counter' | 'gauge' | 'histogram';

interface Family {
  type: FamilyType;
  help: string;
  /** Rendered sample lines, each ending in a newline. */
  body: string;
}

/** Why a metric could not be rendered; the caller reports it once through `diag`. */
export type SkipReason = { metric: string; reason: string };

/**
 * Renders collected OpenTelemetry metrics in the Prometheus text exposition format (0.0.4).
 * Names follow the Prometheus OTLP translation (a `_total` suffix for monotonic sums, a unit suffix
 * when missing), so a series has the same name here and through an OTLP pipeline.
 */
export function serialize(resourceMetrics: ResourceMetrics, options: SerializeOptions = {}, skipped?: SkipReason[]): string {
  const families = new Map<string, Family>();
  for (const scopeMetrics of resourceMetrics.scopeMetrics) {
    const scopeLabels = options.withScopeLabels
      ? `otel_scope_name="${escapeLabelValue(scopeMetrics.scope.name)}",otel_scope_version="${escapeLabelValue(scopeMetrics.scope.version ?? '')}",`
      : '';
    for (const metric of scopeMetrics.metrics) {
      const type = familyType(metric);
      if (type === undefined) {
        skipped?.push({ metric: metric.descriptor.name, reason: 'exponential histograms have no text-format rendering' });
        continue;
      }
      if (metric.dataPoints.length === 0) continue;
      const name = familyName(metric.descriptor.name, metric.descriptor.unit, type);
      let family = families.get(name);
      if (family === undefined) {
        family = { type, help: metric.descriptor.description, body: '' };
        families.set(name, family);
      } else if (family.type !== type) {
        skipped?.push({ metric: name, reason: `already rendered as a ${family.type}, cannot add a ${type}` });
        continue;
      }
      family.body += type === 'histogram' ? histogramLines(name, metric, scopeLabels) : valueLines(name, metric, scopeLabels);
    }
  }
  let out = '';
  if (options.withTargetInfo) out += targetInfo(resourceMetrics);
  for (const [name, family] of families) {
    out += `# HELP ${name} ${escapeHelp(family.help || name)}\n# TYPE ${name} ${family.type}\n${family.body}`;
  }
  return out;
}

function familyType(metric: MetricData): FamilyType | undefined {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? 'counter' : 'gauge';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      return undefined;
  }
}

const nameCache = new Map<string, string>();

/** The family name for an instrument, cached: it is asked for on every scrape. */
export function familyName(instrumentName: string, unit: string, type: FamilyType): string {
  const key = `${type}\u0000${unit}\u0000${instrumentName}`;
  let name = nameCache.get(key);
  if (name === undefined) {
    name = translateName(instrumentName, unit, type);
    if (nameCache.size < 10_000) nameCache.set(key, name);
  }
  return name;
}

function translateName(instrumentName: string, unit: string, type: FamilyType): string {
  let name = instrumentName.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/__+/g, '_');
  if (/^[0-9]/.test(name)) name = `_${name}`;
  const counter = type === 'counter';
  if (counter && name.endsWith('_total')) name = name.slice(0, -'_total'.length);
  const suffix = unitSuffix(unit, type === 'gauge');
  if (suffix !== '' && !name.split('_').includes(suffix) && !name.endsWith(`_${suffix}`)) name += `_${suffix}`;
  return counter ? `${name}_total` : name;
}

function valueLines(name: string, metric: MetricData, scopeLabels: string): string {
  let out = '';
  for (const point of metric.dataPoints as DataPoint<number>[]) {
    out += `${name}${labelBlock(point.attributes, scopeLabels, '')} ${formatNumber(point.value)}\n`;
  }
  return out;
}

function histogramLines(name: string, metric: MetricData, scopeLabels: string): string {
  let out = '';
  const points = metric.dataPoints as DataPoint<Histogram>[];
  let boundaries: number[] | undefined;
  let les: string[] = [];
  for (const point of points) {
    const { buckets, count, sum } = point.value;
    if (buckets.boundaries !== boundaries) {
      // Points of one metric usually share one boundaries array: format it once.
      boundaries = buckets.boundaries;
      les = boundaries.map((b) => `le="${formatNumber(b)}"`);
    }
    const labels = labelPairs(point.attributes, scopeLabels);
    const open = `${name}_bucket{${labels}`;
    let cumulative = 0;
    for (let i = 0; i < les.length; i++) {
      cumulative += buckets.counts[i] ?? 0;
      out += `${open}${les[i]}} ${cumulative}\n`;
    }
    out += `${open}le="+Inf"} ${count}\n`;
    const block = labels === '' ? '' : `{${labels.slice(0, -1)}}`;
    out += `${name}_sum${block} ${formatNumber(sum ?? 0)}\n${name}_count${block} ${count}\n`;
  }
  return out;
}

/** `k="v",` pairs, each followed by a comma (so `le` can follow). */
function labelPairs(attributes: Attributes, prefix: string): string {
  let out = prefix;
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    out += `${labelName(key)}="${escapeLabelValue(attributeString(value))}",`;
  }
  return out;
}

function labelBlock(attributes: Attributes, prefix: string, extra: string): string {
  const pairs = labelPairs(attributes, prefix) + extra;
  return pairs === '' ? '' : `{${pairs.endsWith(',') ? pairs.slice(0, -1) : pairs}}`;
}

const labelNameCache = new Map<string, string>();

function labelName(key: string): string {
  let name = labelNameCache.get(key);
  if (name === undefined) {
    name = key.replace(/[^a-zA-Z0-9_]/g, '_');
    if (/^[0-9]/.test(name)) name = `key_${name}`;
    else if (name.startsWith('__')) name = `key${name}`;
    if (labelNameCache.size < 10_000) labelNameCache.set(key, name);
  }
  return name;
}

function attributeString(value: AttributeValue): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? JSON.stringify(value) : String(value);
}

const NEEDS_ESCAPE = /[\\"\n]/;

export function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}

function targetInfo(resourceMetrics: ResourceMetrics): string {
  const block = labelBlock(resourceMetrics.resource.attributes, '', '');
  return `# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info${block} 1\n`;
}
