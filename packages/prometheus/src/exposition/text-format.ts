// Prometheus text exposition format 0.0.4 (the default of every scraper).
import { bucketRows } from './buckets.js';
import type { Family, HistogramValue, Series } from './model.js';
import { TextSink } from './text-sink.js';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const NEEDS_ESCAPE = /[\\"\n]/;

export function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value: shortest round-trip decimal, `NaN`, `+Inf`, `-Inf`. */
export function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}

/** `k="v",` for each pair, each followed by a comma (so `le` can follow). */
export function labelText(labels: Series['labels']): string {
  let out = '';
  for (let i = 0; i < labels.length; i++) {
    const pair = labels[i]!;
    out += `${pair[0]}="${escapeLabelValue(pair[1])}",`;
  }
  return out;
}

/** `{k="v",…}`, or '' for no labels. Written without slicing a built string (a slice flattens it first). */
export function labelBlock(labels: Series['labels']): string {
  if (labels.length === 0) return '';
  let out = '{';
  for (let i = 0; i < labels.length; i++) {
    const pair = labels[i]!;
    out += `${i === 0 ? '' : ','}${pair[0]}="${escapeLabelValue(pair[1])}"`;
  }
  return `${out}}`;
}

/** `{k="v",…}` from `labelText`'s pairs (for lines that need both forms), or '' for none. */
export function pairsBlock(pairs: string): string {
  return pairs === '' ? '' : `{${pairs.slice(0, -1)}}`;
}

function histogramLines(name: string, series: Series): string {
  const value = series.value as HistogramValue;
  const pairs = labelText(series.labels);
  // An exponential-only histogram has no classic buckets here: it keeps its +Inf bucket, count and sum.
  let out = '';
  for (const row of bucketRows(value)) out += `${name}_bucket{${pairs}le="${formatNumber(row.upperBound)}"} ${row.cumulative}\n`;
  const labels = pairsBlock(pairs);
  if (value.sum !== undefined) out += `${name}_sum${labels} ${formatNumber(value.sum)}\n`;
  return `${out}${name}_count${labels} ${value.count}\n`;
}

/** Renders families in the text format 0.0.4, as UTF-8 bytes (what a scrape sends). */
export function renderTextBytes(families: readonly Family[]): Buffer {
  const out = new TextSink();
  for (const family of families) {
    // A description of only white space reads as no HELP at all (promtool: "no help text").
    const help = family.help.trim() === '' ? family.name : family.help;
    out.write(`# HELP ${family.name} ${escapeHelp(help)}\n# TYPE ${family.name} ${family.type}\n`);
    if (family.type === 'histogram') {
      for (const series of family.series) out.write(histogramLines(family.name, series));
    } else {
      for (const series of family.series) out.write(`${family.name}${labelBlock(series.labels)} ${formatNumber(series.value as number)}\n`);
    }
  }
  return out.bytes();
}

/** Renders families in the text format 0.0.4. */
export function renderText(families: readonly Family[]): string {
  return renderTextBytes(families).toString('utf8');
}
