// Prometheus-style unit suffixes, as the OTLP-to-Prometheus translation in Prometheus and the
// Collector appends them, so a custom instrument gets the same name on /metrics and through OTLP.
const UNIT_WORDS: Record<string, string> = {
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
  '%': 'percent',
};

const PER_WORDS: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

function word(unit: string, table: Record<string, string>): string {
  return table[unit] ?? unit.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The suffix words for a UCUM unit (`s` → `seconds`, `By/s` → `bytes_per_second`); `{…}` adds none. */
export function unitSuffix(unit: string, isGauge: boolean): string {
  const withoutAnnotations = unit.replace(/\{[^}]*\}/g, '').trim();
  if (withoutAnnotations === '') return '';
  if (withoutAnnotations === '1') return isGauge ? 'ratio' : '';
  const [main = '', per] = withoutAnnotations.split('/', 2);
  const parts: string[] = [];
  if (main !== '' && main !== '1') parts.push(word(main, UNIT_WORDS));
  if (per !== undefined && per !== '') parts.push(`per_${word(per, PER_WORDS)}`);
  return parts.filter((p) => p !== '').join('_');
}
