import { samples } from './scrape.js';
import type { PromQL } from './prometheus.js';

/** `name{a="1",b="2"}` with labels sorted, minus the labels a scraper or receiver adds. */
export function seriesKey(name: string, labels: Record<string, string>, ignore: readonly string[] = ['job', 'instance']): string {
  const pairs = Object.entries(labels)
    .filter(([k]) => k !== '__name__' && !ignore.includes(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${name}{${pairs.join(',')}}`;
}

/** Series → value from an exposition, keyed like seriesKey. */
export function expositionSeries(text: string, prefix = 'promptkit_'): Map<string, number> {
  const out = new Map<string, number>();
  for (const [series, value] of samples(text)) {
    if (!series.startsWith(prefix)) continue;
    const brace = series.indexOf('{');
    const name = brace < 0 ? series : series.slice(0, brace);
    const labels: Record<string, string> = {};
    if (brace >= 0) {
      for (const m of series.slice(brace + 1, -1).matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
        labels[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      }
    }
    out.set(seriesKey(name, labels), value);
  }
  return out;
}

/** Series → value as a PromQL backend holds them now. */
export async function backendSeries(api: PromQL, selector = '{__name__=~"promptkit_.+"}'): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const { metric, value } of await api.query(selector)) out.set(seriesKey(metric.__name__ ?? '', metric), value);
  return out;
}
