/** GETs a URL on loopback and returns status and body, bounded in time. */
export async function scrape(url: string, init: RequestInit = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/** Parses exposition sample lines into `series → value` (series as written, labels in order). */
export function samples(exposition: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

/** Labels of a sample line's series (`name{a="1",b="2"}`), unescaped. */
export function parseSeries(series: string): { name: string; labels: Record<string, string> } {
  const brace = series.indexOf('{');
  if (brace < 0) return { name: series, labels: {} };
  const labels: Record<string, string> = {};
  for (const m of series.slice(brace + 1, -1).matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return { name: series.slice(0, brace), labels };
}

/** The value of the one series named `name` whose labels are exactly `labels` (any order), or undefined. */
export function sampleWith(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const [series, value] of samples(exposition)) {
    const parsed = parseSeries(series);
    if (parsed.name === name && JSON.stringify(Object.entries(parsed.labels).sort()) === wanted) return value;
  }
  return undefined;
}
