// Metric names as Prometheus itself translates OpenTelemetry names (prometheus/otlptranslator,
// strategy UnderscoreEscapingWithSuffixes, the OpenTelemetry specification's default), so a series
// has the same name on /metrics as through Prometheus' OTLP receiver. Unit tables: otlptranslator's
// unitMap and perUnitMap.

/** How a family is typed for naming: only monotonic counters get `_total`, only gauges `_ratio`. */
export type NamingType = 'counter' | 'gauge' | 'updowncounter' | 'histogram';

const UNITS: Record<string, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

const PER_UNITS: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

const NAME_CHAR = /[a-zA-Z0-9:]/;

/** Words of a name: runs of [a-zA-Z0-9:], split at anything else (`_`, `.`, spaces, non-ASCII). */
function words(name: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const char of name) {
    if (NAME_CHAR.test(char)) current += char;
    else if (current !== '') {
      out.push(current);
      current = '';
    }
  }
  if (current !== '') out.push(current);
  return out;
}

function cleanUnit(unit: string): string {
  let out = '';
  for (const char of unit) out += NAME_CHAR.test(char) ? char : '_';
  out = out.replace(/__+/g, '_');
  return out.startsWith('_') ? out.slice(1) : out;
}

/** The unit's suffix words: main (`s` → `seconds`) and per (`/s` → `per_second`); braces drop a part. */
function unitWords(unit: string): [main: string, per: string] {
  const slash = unit.indexOf('/');
  const mainPart = (slash < 0 ? unit : unit.slice(0, slash)).trim();
  const perPart = slash < 0 ? '' : unit.slice(slash + 1).trim();
  const main = mainPart !== '' && !/[{}]/.test(mainPart) ? (UNITS[mainPart] ?? mainPart) : '';
  const perWord = perPart !== '' && !/[{}]/.test(perPart) ? (PER_UNITS[perPart] ?? perPart) : '';
  return [cleanUnit(main), perWord === '' ? '' : cleanUnit(`per_${perWord}`)];
}

const cache = new Map<string, string>();

/**
 * The Prometheus family name of an instrument: words joined with `_`, the unit's words appended
 * unless already a word of the name, `_total` for monotonic counters (any `total` word moved to the
 * end), `_ratio` for gauges of unit `1`, `_` before a leading digit. Empty when no word is left
 * (otlptranslator reports an error) or a counter would be named only `total`; the caller drops the
 * metric.
 */
export function metricName(name: string, unit: string, type: NamingType): string {
  const key = `${type}\u0000${unit}\u0000${name}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let tokens = words(name);
  let [main, per] = unitWords(unit);
  if (tokens.includes(main)) main = '';
  if (per === 'per_') per = '';
  else {
    if (per.endsWith('_')) per = per.slice(0, -1);
    if (tokens.includes(per)) per = '';
  }
  if (per !== '' && main.endsWith('_')) main = main.slice(0, -1);
  if (main !== '') tokens.push(main);
  if (per !== '') tokens.push(per);
  if (type === 'counter') tokens = [...tokens.filter((t) => t !== 'total'), 'total'];
  if (unit === '1' && type === 'gauge') tokens = [...tokens.filter((t) => t !== 'ratio'), 'ratio'];
  let result = tokens.join('_');
  if (/^[0-9]/.test(result)) result = `_${result}`;
  // As otlptranslator, a name whose own words were all lost keeps its suffix words (`日本語` gauge of
  // unit 1 → `ratio`, counter of unit s → `seconds_total`). Not a counter named only `total`: a
  // counter family is `<name>_total` (promtool, OpenMetrics), which `total` cannot be.
  if (/^_*$/.test(result) || (type === 'counter' && result === 'total')) result = '';
  // Names come from a bounded set of instruments; the bound only guards against a runaway creator.
  if (cache.size < 10_000) cache.set(key, result);
  return result;
}

/** The OpenMetrics UNIT of a family: the unit's words, e.g. `seconds`, `bytes_per_second`; '' for none. */
export function unitName(unit: string): string {
  const [main, per] = unitWords(unit);
  return [main, per === 'per_' ? '' : per].filter((w) => w !== '').join('_').replace(/^_+|_+$/g, '');
}
