// OpenMetrics 1.0.0 text (github.com/prometheus/OpenMetrics, specification/OpenMetrics.md at v1.0.0):
// families named without their counter suffix, TYPE/UNIT/HELP in that order, `_created` start times,
// exemplars on counters' `_total` and on histogram buckets, target_info as an info family, and `# EOF`.
import type { Exemplar } from '@promptkit/metrics/internal';
import { bucketRows } from './buckets.js';
import type { Family, HistogramValue, Series } from './model.js';
import { escapeLabelValue, formatNumber, labelBlock, labelText, pairsBlock } from './text-format.js';
import { TextSink } from './text-sink.js';

export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

// OpenMetrics escapes `"` in HELP as well (escaped-string in the ABNF); text 0.0.4 does not.
function escapeHelp(help: string): string {
  return help.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A canonical number for `le`: `1.0`, `0.25`, `1e-07`, `+Inf` (Prometheus stores `le` this way). */
export function canonicalNumber(value: number): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  const text = String(value).replace(/e([+-])(\d)$/, 'e$10$2');
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Seconds since the epoch with millisecond precision, never in exponent form. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function exemplarText(exemplar: Exemplar | undefined): string {
  if (exemplar === undefined) return '';
  // Trace and span ids are 32 and 16 hex digits: 62 of the 128 characters an exemplar's labels may have.
  return ` # {trace_id="${escapeLabelValue(exemplar.traceId)}",span_id="${escapeLabelValue(exemplar.spanId)}"} ${formatNumber(exemplar.value)} ${seconds(exemplar.timeMs)}`;
}

function counterLines(name: string, series: Series, created: boolean): string {
  const labels = labelBlock(series.labels);
  let out = `${name}_total${labels} ${formatNumber(series.value as number)}${exemplarText(series.exemplars?.latest)}\n`;
  if (created && series.startMs > 0) out += `${name}_created${labels} ${seconds(series.startMs)}\n`;
  return out;
}

function histogramLines(name: string, series: Series, created: boolean): string {
  const value = series.value as HistogramValue;
  const pairs = labelText(series.labels);
  const labels = pairsBlock(pairs);
  let out = '';
  for (const row of bucketRows(value, series.exemplars)) {
    out += `${name}_bucket{${pairs}le="${canonicalNumber(row.upperBound)}"} ${row.cumulative}${exemplarText(row.exemplar)}\n`;
  }
  // `_count` only with a sum (OpenMetrics: "If and only if a Sum Value is present").
  if (value.sum !== undefined) out += `${name}_sum${labels} ${formatNumber(value.sum)}\n${name}_count${labels} ${value.count}\n`;
  if (created && series.startMs > 0) out += `${name}_created${labels} ${seconds(series.startMs)}\n`;
  return out;
}

/** The family's OpenMetrics name: a counter's without `_total` (its samples add it back). */
function familyName(family: Family): string {
  return family.type === 'counter' ? family.name.slice(0, -'_total'.length) : family.name;
}

export interface OpenMetricsOptions {
  /**
   * Write `<name>_created` samples (start times of counters and histograms). Off by default, as in
   * client_golang: a Prometheus without `--enable-feature=created-timestamp-zero-ingestion` stores
   * each of them as a series of its own, doubling the counters' series.
   */
  createdSamples?: boolean;
}

/** Renders families as OpenMetrics 1.0.0 text, ending with `# EOF`, as UTF-8 bytes. */
export function renderOpenMetricsBytes(families: readonly Family[], options: OpenMetricsOptions = {}): Buffer {
  const taken = new Set(families.map((f) => f.name));
  const out = new TextSink();
  for (const family of families) {
    if (family.name === 'target_info' && !taken.has('target')) {
      out.write(`# TYPE target info\n# HELP target ${escapeHelp(family.help)}\n`);
      for (const series of family.series) out.write(`target_info${labelBlock(series.labels)} 1\n`);
      continue;
    }
    // A counter whose family name (without _total) is another family's, is written as `unknown`
    // under its sample name: two families of one name would fail the whole scrape.
    const counter = family.type === 'counter' && family.name.endsWith('_total') && !taken.has(familyName(family));
    const name = counter ? familyName(family) : family.name;
    const type = counter || family.type !== 'counter' ? family.type : 'unknown';
    // A family of another metric named <name>_created would take these samples for its own.
    const created = options.createdSamples === true && !taken.has(`${name}_created`);
    out.write(`# TYPE ${name} ${type}\n`);
    // The unit must end the family's name (Prometheus rejects the whole scrape otherwise).
    if (family.unit !== '' && name.endsWith(`_${family.unit}`)) out.write(`# UNIT ${name} ${family.unit}\n`);
    out.write(`# HELP ${name} ${escapeHelp(family.help.trim() === '' ? name : family.help)}\n`);
    for (const series of family.series) {
      if (counter) out.write(counterLines(name, series, created));
      else if (type === 'histogram') out.write(histogramLines(name, series, created));
      else out.write(`${name}${labelBlock(series.labels)} ${formatNumber(series.value as number)}\n`);
    }
  }
  out.write('# EOF\n');
  return out.bytes();
}

/** Renders families as OpenMetrics 1.0.0 text, ending with `# EOF`. */
export function renderOpenMetrics(families: readonly Family[], options: OpenMetricsOptions = {}): string {
  return renderOpenMetricsBytes(families, options).toString('utf8');
}
