// Checks of a text exposition (format 0.0.4) that hold whatever instruments recorded into it: a strict
// parse, the structure Prometheus relies on, and promtool's verdict with naming-style hints set apart.
import { checkMetrics } from './promtool.js';

export interface ParsedSample {
  name: string;
  labels: [string, string][];
  value: number;
}

export interface ParsedFamily {
  name: string;
  type: string;
  help: string;
  samples: ParsedSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Go's ParseFloat as Prometheus reads sample values. */
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|NaN|[+-]Inf)$/;

function unescapeHelp(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Parses one sample line; throws with the reason on anything Prometheus would not read. */
export function parseSample(line: string): ParsedSample {
  let i = 0;
  while (i < line.length && line[i] !== '{' && line[i] !== ' ') i++;
  const name = line.slice(0, i);
  if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name ${JSON.stringify(name)}`);
  const labels: [string, string][] = [];
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const eq = line.indexOf('=', i);
      if (eq < 0) throw new Error('label without =');
      const label = line.slice(i, eq);
      if (line[eq + 1] !== '"') throw new Error(`label ${label} without a quoted value`);
      let value = '';
      let j = eq + 2;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\') {
          const next = line[++j];
          if (next === 'n') value += '\n';
          else if (next === '\\' || next === '"') value += next;
          else throw new Error(`invalid escape \\${next}`);
        } else value += line[j];
      }
      if (j >= line.length) throw new Error('unterminated label value');
      labels.push([label, value]);
      i = j + 1;
      if (line[i] === ',') i++;
      else if (line[i] !== '}') throw new Error(`unexpected ${JSON.stringify(line[i])} after a label value`);
    }
    i++;
  }
  if (line[i] !== ' ') throw new Error('no space before the value');
  const text = line.slice(i + 1);
  if (!VALUE.test(text)) throw new Error(`invalid value ${JSON.stringify(text)}`);
  const value = text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
  return { name, labels, value };
}

/** Families in order of appearance; throws on a line that is neither metadata nor a sample. */
export function parseExposition(text: string): ParsedFamily[] {
  const families: ParsedFamily[] = [];
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('the exposition does not end with a newline');
  for (const [n, line] of lines.entries()) {
    try {
      const help = /^# HELP (\S+) ([^\n]*)$/.exec(line);
      const type = /^# TYPE (\S+) (counter|gauge|histogram)$/.exec(line);
      if (help) families.push({ name: help[1]!, type: '', help: unescapeHelp(help[2]!), samples: [] });
      else if (type) {
        const family = families.at(-1);
        if (family === undefined || family.name !== type[1] || family.type !== '' || family.samples.length > 0) throw new Error('TYPE not right after its HELP');
        family.type = type[2]!;
      } else if (line.startsWith('#')) throw new Error('unexpected comment');
      else {
        const family = families.at(-1);
        if (family === undefined || family.type === '') throw new Error('sample before HELP and TYPE');
        family.samples.push(parseSample(line));
      }
    } catch (error) {
      throw new Error(`line ${n + 1} ${JSON.stringify(line.slice(0, 200))}: ${(error as Error).message}`, { cause: error });
    }
  }
  return families;
}

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

function histogramProblems(family: ParsedFamily): string[] {
  const problems: string[] = [];
  const bySeries = new Map<string, { le: [number, number][]; count?: number }>();
  for (const s of family.samples) {
    const key = JSON.stringify(s.labels.filter(([k]) => k !== 'le'));
    const h = bySeries.get(key) ?? { le: [] };
    bySeries.set(key, h);
    if (s.name.endsWith('_bucket')) {
      const le = s.labels.at(-1);
      if (le?.[0] !== 'le') problems.push(`${s.name}: le is not the last label`);
      else h.le.push([le[1] === '+Inf' ? Infinity : Number(le[1]), s.value]);
    } else if (s.name.endsWith('_count')) h.count = s.value;
  }
  for (const [key, h] of bySeries) {
    for (let i = 1; i < h.le.length; i++) {
      if (!(h.le[i]![0] > h.le[i - 1]![0])) problems.push(`${family.name}${key}: le not increasing`);
      if (!(h.le[i]![1] >= h.le[i - 1]![1])) problems.push(`${family.name}${key}: buckets not cumulative`);
    }
    if (h.le.at(-1)?.[0] !== Infinity || h.le.at(-1)?.[1] !== h.count) problems.push(`${family.name}${key}: +Inf bucket ${h.le.at(-1)?.[1]} != _count ${h.count}`);
  }
  return problems;
}

/**
 * What Prometheus needs of a scrape beyond parsing: family names unique, every sample in its own
 * family, no sample name written by two families, every series once, label names valid, unique,
 * never `__…`, `le` only on buckets, no `quantile`, histograms cumulative with +Inf = _count.
 */
export function structuralProblems(families: readonly ParsedFamily[]): string[] {
  const problems: string[] = [];
  const familyNames = new Set<string>();
  const sampleOwner = new Map<string, string>();
  const series = new Set<string>();
  for (const family of families) {
    if (familyNames.has(family.name)) problems.push(`family ${family.name} appears twice`);
    familyNames.add(family.name);
    for (const s of family.samples) {
      const suffix = s.name.slice(family.name.length);
      const own = s.name.startsWith(family.name) && (family.type === 'histogram' ? HISTOGRAM_SUFFIXES.includes(suffix) : suffix === '');
      if (!own) problems.push(`sample ${s.name} in family ${family.name} (${family.type})`);
      const owner = sampleOwner.get(s.name);
      if (owner !== undefined && owner !== family.name) problems.push(`sample name ${s.name} written by families ${owner} and ${family.name}`);
      sampleOwner.set(s.name, family.name);
      const names = s.labels.map(([k]) => k);
      if (new Set(names).size !== names.length) problems.push(`${s.name}: a label twice (${names.join(',')})`);
      for (const label of names) {
        if (!LABEL_NAME.test(label) || label.startsWith('__')) problems.push(`${s.name}: invalid label name ${JSON.stringify(label)}`);
        if (label === 'quantile') problems.push(`${s.name}: quantile label outside a summary`);
        if (label === 'le' && !(family.type === 'histogram' && s.name.endsWith('_bucket'))) problems.push(`${s.name}: le label outside a histogram bucket`);
      }
      // Prometheus reads `k=""` as no label k: such pairs do not tell series apart.
      const identity = `${s.name}${JSON.stringify(s.labels.filter(([, v]) => v !== '').sort((a, b) => (a[0] < b[0] ? -1 : 1)))}`;
      if (series.has(identity)) problems.push(`series ${identity} twice`);
      series.add(identity);
    }
    if (family.type === 'histogram') problems.push(...histogramProblems(family));
  }
  return problems;
}

// promtool's lint hints about naming style. Prometheus' own translation of OpenTelemetry names
// produces names like these (`_milliseconds`, camelCase, `:`, a gauge ending in `_total`), so they
// are not errors of the exporter. Anything else promtool says is.
const STYLE_HINTS = [
  /^metric names should be written in 'snake_case' not 'camelCase'$/,
  /^label names should be written in 'snake_case' not 'camelCase'$/,
  /^metric names should not contain ':'$/,
  /^metric names should not contain abbreviated units$/,
  /^use base unit "[^"]+" instead of "[^"]+"$/,
  /^metric name should not include type '[a-z]+'$/,
  /^non-counter metrics should not have "_total" suffix$/,
  /^non-histogram metrics should not have "_bucket" suffix$/,
  /^non-histogram and non-summary metrics should not have "_(count|sum)" suffix$/,
];

/** promtool's complaints that are not naming-style hints (a parse error, a duplicate, `le` on a gauge…). */
export function promtoolProblems(promtool: string, text: string, names: readonly string[]): string[] {
  const { status, output } = checkMetrics(promtool, text);
  if (status === 0) return [];
  if (status !== 3) return [`promtool exit ${status}: ${output}`];
  // Each line is "<metric name> <problem>"; metric names have no spaces.
  const known = [...names].sort((a, b) => b.length - a.length);
  return output
    .split('\n')
    .filter((line) => line !== '')
    .filter((line) => {
      const name = known.find((n) => line.startsWith(`${n} `));
      const hint = name === undefined ? line : line.slice(name.length + 1);
      return !STYLE_HINTS.some((re) => re.test(hint));
    });
}
