/**
 * The PromptKit Grafana dashboard, built from the instrument catalog with the Grafana Foundation SDK.
 * `scripts/generate-dashboard.ts` writes it to `grafana/pipeline-dashboard.json`; the tests compare
 * that file with a fresh build, so the JSON must be deterministic (no timestamps, fixed ids).
 *
 * Every metric name comes from `catalog`. Every query filters by the `$job` variable, and by each of
 * `$provider`, `$model` and `$stage` when the metric carries that label (decided from the catalog's
 * label list, so a metric gaining a label gets the filter automatically). Histogram queries come
 * from `histogram-queries.ts`, in forms that work whether Prometheus stored classic or native
 * histograms or both; `pipeline-dashboard-victoriametrics.json` is the flavour for VictoriaMetrics.
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { catalog, type FinishReason, type MetricDefinition, type Status } from '@promptkit/metrics';
import { THRESHOLDS } from '../alerts/rules.js';
import { bucketHeatmap, countRate, quantile, type HistogramSelector, type QueryBackend } from './histogram-queries.js';

export const DASHBOARD_PATH = 'grafana/pipeline-dashboard.json';
export const DASHBOARD_UID = 'promptkit-pipelines';
/** The flavour for VictoriaMetrics, whose MetricsQL has no native-histogram functions. */
export const VICTORIAMETRICS_DASHBOARD_PATH = 'grafana/pipeline-dashboard-victoriametrics.json';
export const DASHBOARD_PATHS: Record<QueryBackend, string> = {
  prometheus: DASHBOARD_PATH,
  victoriametrics: VICTORIAMETRICS_DASHBOARD_PATH,
};

/** Panels and variable queries go through the `datasource` variable; import sets its default. */
const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Query variables, in the order they appear at the top of the dashboard. */
const VARIABLES = ['job', 'provider', 'model', 'stage'] as const;
type Variable = (typeof VARIABLES)[number];
/** The variables that filter by a metric label of the same name, when the metric has it. */
const LABEL_FILTERS: readonly Variable[] = ['provider', 'model', 'stage'];

const ERROR: Status = 'error';
const LENGTH: FinishReason = 'length';
/** `type` values of the wholes: every other token type is a part of input or output. */
const WHOLE_TOKENS = '~input|output';

type Unit = 's' | 'reqps' | 'currencyUSD' | 'short' | 'percentunit';

// ---------------------------------------------------------------------------------------------
// PromQL fragments

/** `''` is the metric itself: a counter, a gauge, or a histogram's native series. */
type Series = '' | '_bucket' | '_count' | '_sum';

/** `name<suffix>{job=~"$job", <label>=~"$<label>"..., extra}` for one series of a catalog metric. */
function sel(metric: MetricDefinition, suffix: Series = '', extra: Record<string, string> = {}): string {
  if (suffix !== '' && metric.kind !== 'histogram') throw new Error(`${metric.name}: only histograms have series suffixes`);
  const matchers = ['job=~"$job"'];
  for (const label of LABEL_FILTERS) if (metric.labels.includes(label)) matchers.push(`${label}=~"$${label}"`);
  // A value starting with `~` is a regular expression: `{ type: '~input|output' }` → `type=~"input|output"`.
  for (const [label, value] of Object.entries(extra)) matchers.push(value.startsWith('~') ? `${label}=~"${value.slice(1)}"` : `${label}="${value}"`);
  return `${metric.name}${suffix}{${matchers.join(', ')}}`;
}

/** `sum(inner)`, or `sum by (labels) (inner)`. */
function sum(inner: string, labels: readonly string[] = []): string {
  return labels.length > 0 ? `sum by (${labels.join(', ')}) (${inner})` : `sum(${inner})`;
}

/** Per-second rate, summed by `labels`, over Grafana's rate interval. */
function rate(series: string, labels: readonly string[] = []): string {
  return sum(`rate(${series}[$__rate_interval])`, labels);
}

/** Total increase over the whole dashboard range (not one rate interval). Use with instant queries. */
function rangeTotal(series: string, labels: readonly string[] = []): string {
  return sum(`increase(${series}[$__range])`, labels);
}

/** A histogram's series, each with the dashboard's filters and `extra`. */
function hist(metric: MetricDefinition, extra: Record<string, string> = {}): HistogramSelector {
  if (metric.kind !== 'histogram') throw new Error(`${metric.name} is not a histogram`);
  return (series) => sel(metric, series, extra);
}

const RATE_INTERVAL = '$__rate_interval';

// ---------------------------------------------------------------------------------------------
// Panels

interface Query {
  readonly expr: string;
  readonly legend: string;
  /** Instant query: for stats that show one number over the dashboard range. */
  readonly instant?: boolean;
  readonly format?: prometheus.PromQueryFormat;
  /** Ask the data source for exemplars too (Grafana draws them on the panel, linked to traces). */
  readonly exemplar?: boolean;
}

interface Layout {
  readonly w: number;
  readonly h: number;
}

function target(query: Query, index: number): prometheus.DataqueryBuilder {
  const builder = new prometheus.DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(String.fromCharCode(65 + index))
    .expr(query.expr)
    .legendFormat(query.legend)
    .format(query.format ?? prometheus.PromQueryFormat.TimeSeries);
  if (query.exemplar) builder.exemplar(true);
  return query.instant ? builder.instant() : builder.range();
}

function statPanel(title: string, description: string, unit: Unit, queries: Query[], layout: Layout) {
  const panel = new stat.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .span(layout.w)
    .height(layout.h)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    // Explicit thresholds: Grafana's default (red from 80) would paint $80 of spend or 80 tokens red.
    .thresholds(thresholds())
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(queries.every((q) => q.instant) ? common.BigValueGraphMode.None : common.BigValueGraphMode.Area);
  queries.forEach((q, i) => panel.withTarget(target(q, i)));
  return panel;
}

function timeseriesPanel(
  title: string,
  description: string,
  unit: Unit,
  queries: Query[],
  layout: Layout,
  stacked = false,
) {
  const panel = new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .min(0)
    .span(layout.w)
    .height(layout.h)
    .fillOpacity(stacked ? 30 : 10)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom)
        .calcs([]),
    )
    .tooltip(
      new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending),
    );
  if (stacked) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  queries.forEach((q, i) => panel.withTarget(target(q, i)));
  return panel;
}

/** Green thresholds, turning red at `red` when given. */
function thresholds(red?: number) {
  const steps: dashboard.Threshold[] = [{ value: null, color: 'green' }];
  if (red !== undefined) steps.push({ value: red, color: 'red' });
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps);
}

// ---------------------------------------------------------------------------------------------
// The dashboard


/** Any of the SDK's panel builders: they all build a `Panel` and take an id. */
interface PanelBuilder {
  id(id: number): unknown;
  build(): dashboard.Panel;
}

function rows(backend: QueryBackend): { title: string; panels: PanelBuilder[] }[] {
  const prometheusBackend = backend === 'prometheus';
  // Exemplars need a store that keeps them (Prometheus with exemplar-storage); VictoriaMetrics has none.
  const exemplar = prometheusBackend;
  const pipelineRate = (extra: Record<string, string> = {}) => countRate(backend, hist(catalog.pipelineDuration, extra), RATE_INTERVAL);
  const latency = (q: number, metric: MetricDefinition, labels: readonly string[] = []) =>
    quantile(backend, q, hist(metric), RATE_INTERVAL, labels);
  const stat6 = { w: 4, h: 5 };
  const half = { w: 12, h: 8 };
  const third = { w: 8, h: 8 };
  return [
    {
      title: 'Pipeline Overview',
      panels: [
        statPanel(
          'Active pipelines',
          'Pipelines currently running (gauge).',
          'short',
          [{ expr: sum(sel(catalog.pipelinesActive)), legend: 'active' }],
          stat6,
        ),
        statPanel(
          'Completion rate',
          'Pipelines finishing per second, successful or not.',
          'reqps',
          [{ expr: pipelineRate(), legend: 'pipelines/s' }],
          stat6,
        ),
        statPanel(
          'Error rate',
          'Share of finished pipelines with status="error". Zero when nothing failed; empty when nothing finished.',
          'percentunit',
          [
            {
              // `or vector(0)`: the error series only exists after a first failure. `> 0`: no
              // traffic gives no value rather than NaN.
              expr: `(${pipelineRate({ status: ERROR })} or vector(0)) / (${pipelineRate()} > 0)`,
              legend: 'error ratio',
            },
          ],
          stat6,
        ).thresholds(thresholds(THRESHOLDS.pipelineErrorRatio)),
        statPanel(
          'p95 pipeline duration',
          '95th percentile of pipeline duration over the rate interval.',
          's',
          [{ expr: latency(0.95, catalog.pipelineDuration), legend: 'p95' }],
          stat6,
        ),
        statPanel(
          'Total cost',
          'USD spent on providers over the dashboard time range.',
          'currencyUSD',
          [{ expr: rangeTotal(sel(catalog.providerCost)), legend: 'cost', instant: true }],
          stat6,
        ),
        statPanel(
          'Total tokens',
          'Input and output tokens over the dashboard time range (cache and reasoning tokens are parts of them).',
          'short',
          [{ expr: rangeTotal(sel(catalog.providerTokens, '', { type: WHOLE_TOKENS })), legend: 'tokens', instant: true }],
          stat6,
        ),
      ],
    },
    {
      title: 'Stage Performance',
      panels: [
        timeseriesPanel(
          'Stage throughput by status',
          'Elements processed per second, by stage and status.',
          'reqps',
          [{ expr: rate(sel(catalog.stageElements), ['stage', 'status']), legend: '{{stage}} {{status}}' }],
          { w: 24, h: 8 },
        ),
        new heatmap.PanelBuilder()
          .title('Stage latency: $stage')
          .description(
            `Distribution of stage durations from the histogram buckets${prometheusBackend ? ' (native or classic)' : ''}; one panel per selected stage.`,
          )
          .datasource(DATASOURCE)
          .span(8)
          .height(8)
          .repeat('stage')
          .repeatDirection('h')
          .maxPerRow(3)
          .calculate(false)
          .unit('s')
          .yAxis(new heatmap.YAxisConfigBuilder().unit('s'))
          .withTarget(
            target(
              {
                expr: bucketHeatmap(backend, hist(catalog.stageDuration), RATE_INTERVAL),
                legend: '{{le}}',
                format: prometheus.PromQueryFormat.Heatmap,
                exemplar,
              },
              0,
            ),
          ),
      ],
    },
    {
      title: 'Provider Metrics',
      panels: [
        timeseriesPanel(
          'Provider latency percentiles',
          'p50, p95 and p99 of LLM API call duration, by provider and model.',
          's',
          [0.5, 0.95, 0.99].map((q) => ({
            expr: latency(q, catalog.providerRequestDuration, ['provider', 'model']),
            legend: `p${Math.round(q * 100)} {{provider}}/{{model}}`,
            exemplar,
          })),
          half,
        ),
        timeseriesPanel(
          'Provider request rate',
          'Provider API calls per second, by provider, model and status.',
          'reqps',
          [
            {
              expr: rate(sel(catalog.providerRequests), ['provider', 'model', 'status']),
              legend: '{{provider}}/{{model}} {{status}}',
            },
          ],
          half,
        ),
        timeseriesPanel(
          'Token consumption by type',
          'Tokens per second, by type: input (every prompt token) with its parts cached and cache_write, output (every generated token) with its part reasoning. Lines, not a stack: the parts are inside the wholes.',
          'short',
          [{ expr: rate(sel(catalog.providerTokens), ['type']), legend: '{{type}}' }],
          third,
        ),
        timeseriesPanel(
          'Cost rate by provider/model (USD/hour)',
          'Spend rate in USD per hour, by provider and model.',
          'currencyUSD',
          [{ expr: `${rate(sel(catalog.providerCost), ['provider', 'model'])} * 3600`, legend: '{{provider}}/{{model}}' }],
          third,
          true,
        ),
        statPanel(
          'Cost breakdown over range',
          'USD spent over the dashboard time range, by provider and model.',
          'currencyUSD',
          [
            {
              expr: rangeTotal(sel(catalog.providerCost), ['provider', 'model']),
              legend: '{{provider}}/{{model}}',
              instant: true,
            },
          ],
          third,
        ),
        timeseriesPanel(
          'Time to first token (streaming)',
          'p50 and p95 of the time from a streaming request to its first token, by provider and model.',
          's',
          [0.5, 0.95].map((q) => ({
            expr: latency(q, catalog.providerTimeToFirstToken, ['provider', 'model']),
            legend: `p${Math.round(q * 100)} {{provider}}/{{model}}`,
            exemplar,
          })),
          half,
        ),
        timeseriesPanel(
          'Provider errors by type',
          'Failed provider calls per second, by why they failed: rate_limit, timeout, context_length_exceeded, authentication, invalid_request, server_error, network, content_filter, cancelled, other.',
          'reqps',
          [{ expr: rate(sel(catalog.providerErrors), ['provider', 'error_type']), legend: '{{provider}} {{error_type}}' }],
          half,
          true,
        ),
        timeseriesPanel(
          'Truncated generations (finish reason length)',
          'Share of completed calls whose generation stopped at its token limit, by provider and model. Empty while a model completes no call.',
          'percentunit',
          [
            {
              expr: `${rate(sel(catalog.providerFinishReasons, '', { reason: LENGTH }), ['provider', 'model'])} / (${rate(sel(catalog.providerFinishReasons), ['provider', 'model'])} > 0)`,
              legend: '{{provider}}/{{model}}',
            },
          ],
          half,
        ),
        timeseriesPanel(
          'Unpriced provider calls',
          'Calls with tokens but no cost and no known price: their spend is missing from the cost panels. Add the model to pricing.',
          'reqps',
          [{ expr: rate(sel(catalog.providerUnpricedRequests), ['provider', 'model']), legend: '{{provider}}/{{model}}' }],
          half,
        ),
      ],
    },
    {
      title: 'Tool & Validation',
      panels: [
        timeseriesPanel(
          'Tool call duration (p95)',
          '95th percentile of tool call duration, by tool.',
          's',
          [{ expr: latency(0.95, catalog.toolCallDuration, ['tool']), legend: '{{tool}}', exemplar }],
          third,
        ),
        timeseriesPanel(
          'Tool calls by status',
          'Tool calls per second, by tool and status.',
          'reqps',
          [{ expr: rate(sel(catalog.toolCalls), ['tool', 'status']), legend: '{{tool}} {{status}}' }],
          third,
        ),
        timeseriesPanel(
          'Validation pass/fail rate',
          'Validation results per second, by validator and status (passed/failed).',
          'reqps',
          [{ expr: rate(sel(catalog.validations), ['validator', 'status']), legend: '{{validator}} {{status}}' }],
          third,
        ),
      ],
    },
  ];
}

/** `label_values()` queries of the query variables; each narrows by the variables before it. */
function variableQuery(name: Variable): string {
  switch (name) {
    // The gauge appears as soon as a first pipeline starts, before anything has finished.
    case 'job':
      return `label_values(${catalog.pipelinesActive.name}, job)`;
    case 'provider':
      return `label_values(${catalog.providerRequests.name}{job=~"$job"}, provider)`;
    case 'model':
      return `label_values(${catalog.providerRequests.name}{job=~"$job", provider=~"$provider"}, model)`;
    case 'stage':
      return `label_values(${catalog.stageElements.name}{job=~"$job"}, stage)`;
  }
}

function queryVariable(name: Variable): dashboard.QueryVariableBuilder {
  const query = variableQuery(name);
  return new dashboard.QueryVariableBuilder(name)
    .label(name.charAt(0).toUpperCase() + name.slice(1))
    .datasource(DATASOURCE)
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    // `.*` rather than Grafana's default alternation of every value: short queries, and series
    // that appeared after the variable was refreshed still match.
    .allValue('.*')
    .current({ selected: true, text: ['All'], value: ['$__all'] });
}

/** What `__requires` lists for each panel type used. */
const PANEL_NAMES: Record<string, string> = { stat: 'Stat', timeseries: 'Time series', heatmap: 'Heatmap' };

export type DashboardJson = dashboard.Dashboard & {
  __inputs: object[];
  __elements: object;
  __requires: { type: string; id: string; name: string; version: string }[];
};

/**
 * Builds the importable dashboard object, for Prometheus (every histogram mode) or VictoriaMetrics.
 * Deterministic: same catalog, same object.
 */
export function buildDashboard(backend: QueryBackend = 'prometheus'): DashboardJson {
  const vm = backend === 'victoriametrics';
  const builder = new dashboard.DashboardBuilder(vm ? 'PromptKit Pipelines (VictoriaMetrics)' : 'PromptKit Pipelines')
    .uid(vm ? `${DASHBOARD_UID}-victoriametrics` : DASHBOARD_UID)
    .id(null)
    .description(
      vm
        ? 'PromptKit pipeline, stage, provider, tool and validation metrics (OpenTelemetry), for VictoriaMetrics: MetricsQL queries without native-histogram functions.'
        : 'PromptKit pipeline, stage, provider, tool and validation metrics (OpenTelemetry, scraped by Prometheus); queries work with classic and native histograms alike.',
    )
    .tags(['promptkit', 'llm', 'opentelemetry'])
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .annotation(
      // Grafana's built-in annotation; without it older Grafana versions choke on an empty list.
      new dashboard.AnnotationQueryBuilder()
        .name('Annotations & Alerts')
        .builtIn(1)
        .datasource({ type: 'grafana', uid: '-- Grafana --' })
        .enable(true)
        .hide(true)
        .iconColor('rgba(0, 211, 255, 1)')
        .type('dashboard'),
    )
    .withVariable(
      new dashboard.DatasourceVariableBuilder('datasource')
        .label('Data source')
        .type('prometheus')
        // Grafana's import replaces ${DS_PROMETHEUS} with the datasource chosen in the dialog.
        .current({ selected: true, text: 'Prometheus', value: '${DS_PROMETHEUS}' }),
    );
  for (const name of VARIABLES) builder.withVariable(queryVariable(name));
  // Fixed ids in layout order (rows included), so the JSON is stable and links to panels survive.
  let id = 1;
  for (const row of rows(backend)) {
    builder.withRow(new dashboard.RowBuilder(row.title).id(id++));
    for (const panel of row.panels) {
      panel.id(id++);
      builder.withPanel(panel);
    }
  }
  const built = builder.build();

  const panelTypes = [...new Set(allPanels(built).map((p) => p.type))].filter((t) => t !== 'row').sort();
  return {
    // Grafana's "export for sharing externally" shape: import asks for DS_PROMETHEUS.
    __inputs: [
      {
        name: 'DS_PROMETHEUS',
        label: 'Prometheus',
        description: 'Prometheus that scrapes PromptKit metrics',
        type: 'datasource',
        pluginId: 'prometheus',
        pluginName: 'Prometheus',
      },
    ],
    __elements: {},
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: '11.0.0' },
      { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
      ...panelTypes.map((id) => ({ type: 'panel', id, name: PANEL_NAMES[id] ?? id, version: '' })),
    ],
    ...built,
  };
}

/** The dashboard file's text: pretty JSON with a trailing newline. */
export function renderDashboard(backend: QueryBackend = 'prometheus'): string {
  return `${JSON.stringify(buildDashboard(backend), null, 2)}\n`;
}

/**
 * The part of a dashboard that `allPanels` and `dashboardQueries` walk: met by the built object
 * and by the dashboard JSON read back from its file. A row's `panels` are the ones it collapses.
 */
export interface PanelNode {
  type: string;
  title?: string;
  panels?: readonly PanelNode[];
  targets?: readonly unknown[];
}

/** Every panel, rows included, with panels nested in collapsed rows flattened in. */
export function allPanels<P extends { type: string; panels?: readonly P[] }>(d: { panels?: readonly P[] }): P[] {
  const out: P[] = [];
  for (const p of d.panels ?? []) {
    out.push(p);
    if (p.type === 'row') out.push(...(p.panels ?? []));
  }
  return out;
}

/** Every PromQL expression in the dashboard, read from the built object (not a second list). */
export function dashboardQueries(d: { panels?: readonly PanelNode[] } = buildDashboard()): { panel: string; expr: string }[] {
  const out: { panel: string; expr: string }[] = [];
  for (const p of allPanels(d)) {
    if (p.type === 'row') continue;
    for (const t of p.targets ?? []) {
      if (typeof t === 'object' && t !== null && 'expr' in t && typeof t.expr === 'string' && t.expr) out.push({ panel: p.title ?? '', expr: t.expr });
    }
  }
  return out;
}

export interface MacroValues {
  /** `$__range`, e.g. `5m`. */
  range: string;
  /** `$__rate_interval`, e.g. `1m`. */
  rateInterval: string;
  /** `$__interval`; defaults to `rateInterval`. */
  interval?: string;
}

/**
 * A dashboard expression made runnable against Prometheus directly: Grafana's time macros become
 * the given durations and every template variable (`$job`, `${provider}`, ...) becomes `.*`, which
 * is what "All" selects. Variables only ever appear inside `=~"..."` matchers, where `.*` is valid.
 */
export function concreteQuery(expr: string, values: MacroValues): string {
  return expr
    .replace(/\$\{?__range\}?(?![\w])/g, values.range)
    .replace(/\$\{?__rate_interval\}?(?![\w])/g, values.rateInterval)
    .replace(/\$\{?__interval\}?(?![\w])/g, values.interval ?? values.rateInterval)
    .replace(/\$\{?([a-zA-Z]\w*)\}?/g, '.*');
}

/** The markdown panel list for the README, from the built dashboard. */
export function renderPanelList(d: dashboard.Dashboard = buildDashboard()): string {
  const lines: string[] = [];
  for (const p of allPanels(d)) {
    if (p.type === 'row') lines.push(`- **${p.title}**`);
    else {
      const panel = p as dashboard.Panel;
      const unit = panel.fieldConfig?.defaults?.unit;
      lines.push(`  - ${panel.title} (${panel.type}${unit ? `, \`${unit}\`` : ''}): ${panel.description ?? ''}`);
    }
  }
  return lines.join('\n');
}

// PromQL words that look like identifiers but are not metric names.
const PROMQL_KEYWORDS = new Set([
  'and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool',
  'offset', 'inf', 'nan', 'atan2',
]);

/**
 * The metric (series) names an expression selects, e.g. `promptkit_provider_cost_total` or
 * `promptkit_stage_duration_seconds_bucket`. A small lexer, not a parser: it drops string literals,
 * label matchers, range selectors and label lists, then keeps identifiers that are neither keywords
 * nor function calls. Good enough for the expressions this repository writes; for tests.
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  // The lookbehind skips the tails of numbers such as `1e6` or durations such as `5m`.
  for (const match of stripped.matchAll(/(?<![\w.])[a-zA-Z_:][\w:]*/g)) {
    const word = match[0];
    if (PROMQL_KEYWORDS.has(word.toLowerCase())) continue;
    if (stripped.slice((match.index ?? 0) + word.length).trimStart().startsWith('(')) continue;
    names.add(word);
  }
  return [...names].sort();
}
