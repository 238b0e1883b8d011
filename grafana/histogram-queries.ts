/**
 * PromQL over PromptKit's histograms that gives the same answer however the backend stored them.
 * The dashboard (grafana/dashboard.ts) and the alert rules (alerts/rules.ts) build every
 * histogram query here.
 *
 * A Prometheus stores a histogram in one of three shapes, depending on PromptKit's `histograms`
 * option and its own settings (docs/histogram-modes.md):
 *   classic  `X_bucket{le}`, `X_count`, `X_sum`: text or OpenMetrics scrapes, or protobuf without
 *            `--enable-feature=native-histograms`;
 *   native   one series `X` holding native histogram samples: protobuf with the feature flag (for a
 *            histogram that has both kinds of buckets, the classic series are dropped);
 *   both     `X` and the classic series: the flag and `always_scrape_classic_histograms: true`.
 *
 * The forms, for a window `w` and grouping labels `L`:
 *   count rate  sum by (L) (rate(X_count[w]) or histogram_count(rate(X[w])))
 *   quantile    histogram_quantile(q, sum by (L) (rate(X[w])))
 *                 or histogram_quantile(q, sum by (L, le) (rate(X_bucket[w])))
 *   heatmap     sum(rate(X[w])) or (sum by (le) (rate(X_bucket[w])) unless on () sum(rate(X[w])))
 *
 * Counts choose per series, inside the sum: `rate(X_count)` and `histogram_count(rate(X))` of one
 * target carry the same labels, so `or` keeps exactly one of them (the classic one when both are
 * stored; they are equal) and a fleet whose targets are stored in different shapes still sums every
 * target once. Quantiles cannot mix the two kinds of buckets in one group, so they choose per group,
 * native first: when both are stored the native histogram's finer buckets win. The heatmap needs
 * `unless`, as its two sides have different labels (`le` or none) and `or` alone would keep both.
 *
 * VictoriaMetrics stores no native histograms (a pushed exponential histogram arrives as `_count`,
 * `_sum` and `_bucket` series) and MetricsQL has no `histogram_count`: an expression that names it
 * fails as a whole there. Its flavour therefore keeps the classic forms.
 */

/** Which query language the expressions are written for. */
export type QueryBackend = 'prometheus' | 'victoriametrics';
export const QUERY_BACKENDS: readonly QueryBackend[] = ['prometheus', 'victoriametrics'];

/**
 * One histogram's selector for a series kind: `''` the native series (named like the histogram),
 * `_bucket` and `_count` the classic ones. The same matchers in each.
 */
export type HistogramSelector = (series: '' | '_bucket' | '_count') => string;

function sumBy(inner: string, labels: readonly string[]): string {
  return labels.length > 0 ? `sum by (${labels.join(', ')}) (${inner})` : `sum(${inner})`;
}

/**
 * Observations per second over `window`, summed by `labels`: what `rate(X_count[w])` gives for a
 * classic histogram.
 */
export function countRate(backend: QueryBackend, histogram: HistogramSelector, window: string, labels: readonly string[] = []): string {
  return sumBy(perSeries(backend, 'rate', histogram, window), labels);
}

/** Observations over `window`, summed by `labels`: what `increase(X_count[w])` gives. */
export function countIncrease(backend: QueryBackend, histogram: HistogramSelector, window: string, labels: readonly string[] = []): string {
  return sumBy(perSeries(backend, 'increase', histogram, window), labels);
}

function perSeries(backend: QueryBackend, fn: 'rate' | 'increase', histogram: HistogramSelector, window: string): string {
  const classic = `${fn}(${histogram('_count')}[${window}])`;
  return backend === 'prometheus' ? `${classic} or histogram_count(${fn}(${histogram('')}[${window}]))` : classic;
}

/**
 * The `q` quantile over `window`, per group of `labels`: the native and the classic estimate, in
 * the order `or` prefers them. Join them with `or`, in parentheses if anything follows.
 */
export function quantileForms(backend: QueryBackend, q: number, histogram: HistogramSelector, window: string, labels: readonly string[] = []): string[] {
  const classic = `histogram_quantile(${q}, ${sumBy(`rate(${histogram('_bucket')}[${window}])`, [...labels, 'le'])})`;
  if (backend === 'victoriametrics') return [classic];
  return [`histogram_quantile(${q}, ${sumBy(`rate(${histogram('')}[${window}])`, labels)})`, classic];
}

/** `quantileForms` joined with `or`, on one line. */
export function quantile(backend: QueryBackend, q: number, histogram: HistogramSelector, window: string, labels: readonly string[] = []): string {
  return quantileForms(backend, q, histogram, window, labels).join(' or ');
}

/**
 * Bucket rates over `window` for a heatmap: the native histogram when there is one (Grafana draws
 * native histograms in its heatmap panel), else the classic buckets by `le`; never both.
 */
export function bucketHeatmap(backend: QueryBackend, histogram: HistogramSelector, window: string): string {
  const classic = sumBy(`rate(${histogram('_bucket')}[${window}])`, ['le']);
  if (backend === 'victoriametrics') return classic;
  const native = sumBy(`rate(${histogram('')}[${window}])`, []);
  return `${native} or (${classic} unless on () ${native})`;
}
