// Reads a /metrics answer in any of the three exposition formats into one shape, so tests can
// compare them: sample name and labels (sorted, `le` as a number) → value, plus exemplars.
import { fromBinary } from '@bufbuild/protobuf';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { MetricFamilySchema, MetricType, type Exemplar, type MetricFamily } from '../../packages/prometheus/src/exposition/protobuf/metrics_pb.js';

export const ACCEPT = {
  text: 'text/plain;version=0.0.4;q=0.6,*/*;q=0.5',
  openmetrics: 'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,*/*;q=0.5',
  protobuf: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,*/*;q=0.5',
} as const;

export interface ReadExemplar {
  series: string;
  traceId: string;
  spanId: string;
  value: number;
}

export interface Read {
  samples: Map<string, number>;
  exemplars: ReadExemplar[];
  /** `_created` samples (OpenMetrics) or created timestamps (protobuf), seconds, by series. */
  created: Map<string, number>;
}

/** `name{a="1",le="0.5"}` with labels sorted by name and `le` as a canonical number. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels)
    .map(([k, v]) => [k, k === 'le' ? String(Number(v.replace('+Inf', 'Infinity'))) : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${name}{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Splits `name{labels} rest` with quotes respected. */
function splitSample(line: string): { name: string; labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  const brace = line.indexOf('{');
  const space = line.indexOf(' ');
  if (brace < 0 || brace > space) return { name: line.slice(0, space), labels, rest: line.slice(space + 1) };
  let i = brace + 1;
  while (line[i] !== '}') {
    const eq = line.indexOf('=', i);
    const key = line.slice(i, eq);
    let j = eq + 2;
    let value = '';
    while (line[j] !== '"') value += line[j] === '\\' ? line[j++]! + line[j++]! : line[j++]!;
    labels[key] = unescape(value);
    i = j + 1;
    if (line[i] === ',') i++;
  }
  return { name: line.slice(0, brace), labels, rest: line.slice(i + 2) };
}

/** Text 0.0.4 or OpenMetrics 1.0.0. */
export function readText(body: string): Read {
  const read: Read = { samples: new Map(), exemplars: [], created: new Map() };
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const { name, labels, rest } = splitSample(line);
    const [value = '', exemplar] = rest.split(' # ');
    if (name.endsWith('_created')) {
      read.created.set(seriesKey(name.slice(0, -'_created'.length), labels), Number(value.split(' ')[0]));
      continue;
    }
    const key = seriesKey(name, labels);
    read.samples.set(key, Number(value.split(' ')[0]));
    if (exemplar !== undefined) {
      const e = splitSample(`x${exemplar}`);
      read.exemplars.push({ series: key, traceId: e.labels.trace_id!, spanId: e.labels.span_id!, value: Number(e.rest.split(' ')[0]) });
    }
  }
  return read;
}

/** Length-delimited MetricFamily messages. */
export function decodeFamilies(bytes: Uint8Array): MetricFamily[] {
  const out: MetricFamily[] = [];
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const size = reader.uint32();
    out.push(fromBinary(MetricFamilySchema, bytes.subarray(reader.pos, reader.pos + size)));
    reader.pos += size;
  }
  return out;
}

/** Protobuf, expanded into the samples a text scrape of the same families has (classic buckets only). */
export function readProtobuf(bytes: Uint8Array): Read & { families: MetricFamily[] } {
  const families = decodeFamilies(bytes);
  const read: Read = { samples: new Map(), exemplars: [], created: new Map() };
  const exemplar = (series: string, e: Exemplar | undefined) => {
    if (e === undefined) return;
    const labels = Object.fromEntries(e.label.map((l) => [l.name, l.value]));
    read.exemplars.push({ series, traceId: labels.trace_id!, spanId: labels.span_id!, value: e.value });
  };
  for (const family of families) {
    for (const metric of family.metric) {
      const labels = Object.fromEntries(metric.label.map((l) => [l.name, l.value]));
      const key = seriesKey(family.name, labels);
      if (family.type === MetricType.COUNTER) {
        read.samples.set(key, metric.counter!.value);
        exemplar(key, metric.counter!.exemplar);
        const ct = metric.counter!.createdTimestamp;
        if (ct) read.created.set(seriesKey(family.name.replace(/_total$/, ''), labels), Number(ct.seconds) + ct.nanos / 1e9);
      } else if (family.type === MetricType.GAUGE) {
        read.samples.set(key, metric.gauge!.value);
      } else if (family.type === MetricType.HISTOGRAM) {
        const h = metric.histogram!;
        for (const b of h.bucket) {
          const bucketKey = seriesKey(`${family.name}_bucket`, { ...labels, le: String(b.upperBound) });
          read.samples.set(bucketKey, Number(b.cumulativeCount));
          exemplar(bucketKey, b.exemplar);
        }
        if (!Number.isNaN(h.sampleSum)) read.samples.set(seriesKey(`${family.name}_sum`, labels), h.sampleSum);
        read.samples.set(seriesKey(`${family.name}_count`, labels), Number(h.sampleCount));
        const ct = h.createdTimestamp;
        if (ct) read.created.set(key, Number(ct.seconds) + ct.nanos / 1e9);
      }
    }
  }
  return { ...read, families };
}

/** GETs /metrics with an Accept header (and no compression), bounded in time. */
export async function fetchFormat(url: string, format: keyof typeof ACCEPT): Promise<{ contentType: string; bytes: Uint8Array }> {
  const res = await fetch(url, { headers: { accept: ACCEPT[format], 'accept-encoding': 'identity' }, signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`GET ${url} as ${format}: ${res.status}`);
  return { contentType: res.headers.get('content-type') ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
}
