/**
 * PromptKit's Prometheus alert rules, as data. `scripts/generate-dashboard.ts` renders them into
 * `alerts/promptkit-alerts.yml` and the alert table of `grafana/README.md`; `test/alerts.test.ts`
 * checks the committed files still equal the rendered ones and runs promtool on them.
 *
 * Metric names and label values come from the instrument catalog, never from string literals here,
 * so a rename in the catalog cannot leave an alert silently watching a series that no longer exists.
 * Rules over histograms use the forms of grafana/histogram-queries.ts, which hold whether Prometheus
 * stored classic or native histograms or both; `promptkit-alerts-victoriametrics.yml` is the
 * flavour for vmalert, whose MetricsQL has no native-histogram functions.
 */
import { stringify } from 'yaml';
import {
  catalog,
  type FinishReason,
  type MetricDefinition,
  type ProviderErrorType,
  type Status,
  type TokenType,
  type ValidationStatus,
} from '@promptkit/metrics';
import { countIncrease, countRate, quantileForms, type HistogramSelector, type QueryBackend } from '../grafana/histogram-queries.js';

export type Severity = 'info' | 'warning' | 'critical';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold before the alert fires (Prometheus duration). */
  readonly for: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string;
  /** What the alert means, for the README table (not written to the rules file). */
  readonly meaning: string;
  /** The threshold in words, for the README table (not written to the rules file). */
  readonly threshold: string;
}

/** Thresholds, exported so the dashboard can colour its panels at the same values. */
export const THRESHOLDS = {
  /** Original Go SDK: more than 10% of pipelines failing. */
  pipelineErrorRatio: 0.1,
  /** Original Go SDK: p95 provider latency above 30 seconds. */
  providerLatencyP95Seconds: 30,
  /** Original Go SDK: more than 1M tokens in the last hour. */
  tokensPerHour: 1_000_000,
  /** Provider calls failing (rate limits, 5xx, timeouts) for more than 10% of requests. */
  providerErrorRatio: 0.1,
  /** Rate-limited calls: above 5% of a model's calls the application needs backoff or more quota. */
  rateLimitRatio: 0.05,
  /** Generations cut off at their token limit: above 20%, answers are probably incomplete. */
  truncationRatio: 0.2,
  /** Tools talk to the outside world and fail more often than providers; alert above 20%. */
  toolFailureRatio: 0.2,
  /** A validator rejecting a quarter of outputs usually means a prompt or model regression. */
  validationFailureRatio: 0.25,
  /** Spend in the last hour, USD. */
  hourlySpendUsd: 50,
  /** Burn rate: spend per hour over the last 5m is this many times the 6h average... */
  burnRateFactor: 3,
  /** ...and at least this many USD per hour, so a spike from near-zero spend does not page. */
  burnRateFloorUsdPerHour: 10,
  /** No pipeline finished (either status) for this long while some are active. */
  stuckWindow: '15m',
} as const;

// Label values, typed against the catalog's closed sets so a typo fails type checking.
const ERROR: Status = 'error';
const FAILED: ValidationStatus = 'failed';
const RATE_LIMIT: ProviderErrorType = 'rate_limit';
const LENGTH: FinishReason = 'length';
/** The token types every other type is a part of. */
const BILLED_WHOLE: readonly TokenType[] = ['input', 'output'];

/** `name{matchers}` for a counter or gauge (or a histogram's native series); `suffix` picks a classic histogram series. */
function series(metric: MetricDefinition, suffix: '' | '_bucket' | '_count' | '_sum' = '', matchers = ''): string {
  if (suffix !== '' && metric.kind !== 'histogram') throw new Error(`${metric.name} is not a histogram`);
  return matchers ? `${metric.name}${suffix}{${matchers}}` : `${metric.name}${suffix}`;
}

/** A histogram's series, each with `matchers`. */
function histogram(metric: MetricDefinition, matchers = ''): HistogramSelector {
  if (metric.kind !== 'histogram') throw new Error(`${metric.name} is not a histogram`);
  return (suffix) => series(metric, suffix, matchers);
}

const sumBy = (by: readonly string[], inner: string) => (by.length > 0 ? `sum by (${by.join(', ')}) (${inner})` : `sum(${inner})`);

/**
 * `errors / total > threshold` of per-second rates over 5m, grouped by `by`. The denominator is
 * filtered with `> 0` so that a group with no traffic in the window yields no sample at all
 * (instead of NaN from 0/0): a ratio over no traffic must never fire, and must not depend on how
 * NaN compares. Each side is a whole sum (a histogram's count rate is an `or` inside its sum), so
 * `/` never splits an `or`.
 */
function ratioAbove(errors: string, total: string, threshold: number): string {
  return [errors, '/', `(${total} > 0)`, `> ${threshold}`].join('\n');
}

/** Counter rate over 5m, summed by `by`. */
const counterRate = (counter: string, by: readonly string[]) => sumBy(by, `rate(${counter}[5m])`);

// Human-readable thresholds for annotations and the README, from the same numbers as the exprs.
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
const T = THRESHOLDS;

/**
 * The rules, with histogram expressions for `backend`: Prometheus in any histogram mode, or
 * VictoriaMetrics (classic forms only).
 */
export function alertRulesFor(backend: QueryBackend): readonly AlertRule[] {
  const pipelines = (matchers = '') => countRate(backend, histogram(catalog.pipelineDuration, matchers), '5m');
  const latencyP95 = quantileForms(backend, 0.95, histogram(catalog.providerRequestDuration), '5m', ['provider', 'model']);
  return [
    // --- The original Go SDK's three alerts: same names, thresholds and semantics (plus the zero-traffic guard),
    // with histogram counts and quantiles read from classic or native series.
    {
      alert: 'HighPipelineErrorRate',
      expr: ratioAbove(pipelines(`status="${ERROR}"`), pipelines(), THRESHOLDS.pipelineErrorRatio),
      for: '5m',
      severity: 'warning',
      summary: 'High pipeline error rate',
      description:
        `More than ${pct(T.pipelineErrorRatio)} of pipelines are failing ({{ $value | humanizePercentage }} of pipelines ended with status="error" over the last 5m).`,
      meaning: 'Share of pipelines that ended in error over 5m, across all pipelines',
      threshold: `> ${pct(T.pipelineErrorRatio)} for 5m`,
    },
    {
      alert: 'HighProviderLatency',
      // `or` binds loosest of all PromQL operators: without the parentheses `> 30` would only apply
      // to the classic side and every native quantile would fire.
      expr:
        latencyP95.length === 1
          ? `${latencyP95[0]} > ${THRESHOLDS.providerLatencyP95Seconds}`
          : ['(', ...latencyP95.map((form) => `  ${form}`).join('\nor\n').split('\n'), `) > ${THRESHOLDS.providerLatencyP95Seconds}`].join('\n'),
      for: '5m',
      severity: 'warning',
      summary: 'High provider latency',
      description:
        `p95 provider latency exceeds ${T.providerLatencyP95Seconds} seconds for {{ $labels.provider }}/{{ $labels.model }} (p95 is {{ $value | humanizeDuration }}).`,
      meaning: 'p95 LLM API call duration per provider/model over 5m',
      threshold: `> ${T.providerLatencyP95Seconds} s for 5m`,
    },
    {
      alert: 'HighTokenConsumption',
      // Only the wholes: cached, cache_write and reasoning are parts of input and output.
      expr: `sum(increase(${series(catalog.providerTokens, '', `type=~"${BILLED_WHOLE.join('|')}"`)}[1h])) > ${THRESHOLDS.tokensPerHour}`,
      for: '1m',
      severity: 'info',
      summary: 'High token consumption',
      description: `Over ${T.tokensPerHour.toLocaleString('en-US')} tokens consumed in the last hour ({{ $value | humanize }} tokens).`,
      meaning: 'Tokens consumed in the last hour (input and output; cache and reasoning tokens are parts of them)',
      threshold: `> ${T.tokensPerHour.toLocaleString('en-US')} for 1m`,
    },

    // --- Error ratios per dimension.
    {
      alert: 'HighProviderErrorRatio',
      expr: ratioAbove(
        counterRate(series(catalog.providerRequests, '', `status="${ERROR}"`), ['provider', 'model']),
        counterRate(series(catalog.providerRequests), ['provider', 'model']),
        THRESHOLDS.providerErrorRatio,
      ),
      for: '5m',
      severity: 'warning',
      summary: 'Provider {{ $labels.provider }}/{{ $labels.model }} is failing requests',
      description:
        `{{ $value | humanizePercentage }} of requests to {{ $labels.provider }}/{{ $labels.model }} failed over the last 5m (threshold ${pct(T.providerErrorRatio)}).`,
      meaning: 'Share of provider API calls with status="error", per provider/model, over 5m',
      threshold: `> ${pct(T.providerErrorRatio)} for 5m`,
    },
    {
      alert: 'ProviderRateLimited',
      expr: ratioAbove(
        counterRate(series(catalog.providerErrors, '', `error_type="${RATE_LIMIT}"`), ['provider', 'model']),
        counterRate(series(catalog.providerRequests), ['provider', 'model']),
        THRESHOLDS.rateLimitRatio,
      ),
      for: '5m',
      severity: 'warning',
      summary: 'Provider {{ $labels.provider }}/{{ $labels.model }} is rate limiting',
      description:
        `{{ $value | humanizePercentage }} of calls to {{ $labels.provider }}/{{ $labels.model }} were rate limited over the last 5m (threshold ${pct(T.rateLimitRatio)}): back off, spread the load or raise the quota.`,
      meaning: 'Share of provider API calls failing with error_type="rate_limit", per provider/model, over 5m',
      threshold: `> ${pct(T.rateLimitRatio)} for 5m`,
    },
    {
      alert: 'HighTruncationRatio',
      expr: ratioAbove(
        counterRate(series(catalog.providerFinishReasons, '', `reason="${LENGTH}"`), ['provider', 'model']),
        counterRate(series(catalog.providerFinishReasons), ['provider', 'model']),
        THRESHOLDS.truncationRatio,
      ),
      for: '15m',
      severity: 'info',
      summary: 'Generations of {{ $labels.provider }}/{{ $labels.model }} are being cut off',
      description:
        `{{ $value | humanizePercentage }} of generations by {{ $labels.provider }}/{{ $labels.model }} stopped at their token limit over the last 5m (threshold ${pct(T.truncationRatio)}): raise max tokens or shorten the task.`,
      meaning: 'Share of completed calls whose generation stopped at the token limit (reason="length"), per provider/model, over 5m',
      threshold: `> ${pct(T.truncationRatio)} for 15m`,
    },
    {
      alert: 'HighToolFailureRatio',
      expr: ratioAbove(
        counterRate(series(catalog.toolCalls, '', `status="${ERROR}"`), ['tool']),
        counterRate(series(catalog.toolCalls), ['tool']),
        THRESHOLDS.toolFailureRatio,
      ),
      for: '10m',
      severity: 'warning',
      summary: 'Tool {{ $labels.tool }} is failing',
      description:
        `{{ $value | humanizePercentage }} of calls to tool {{ $labels.tool }} failed over the last 5m (threshold ${pct(T.toolFailureRatio)}).`,
      meaning: 'Share of tool calls with status="error", per tool, over 5m',
      threshold: `> ${pct(T.toolFailureRatio)} for 10m`,
    },
    {
      alert: 'HighValidationFailureRatio',
      expr: ratioAbove(
        counterRate(series(catalog.validations, '', `status="${FAILED}"`), ['validator']),
        counterRate(series(catalog.validations), ['validator']),
        THRESHOLDS.validationFailureRatio,
      ),
      for: '10m',
      severity: 'warning',
      summary: 'Validator {{ $labels.validator }} is rejecting outputs',
      description:
        `{{ $value | humanizePercentage }} of checks by validator {{ $labels.validator }} failed over the last 5m (threshold ${pct(T.validationFailureRatio)}).`,
      meaning: 'Share of validations with status="failed", per validator, over 5m',
      threshold: `> ${pct(T.validationFailureRatio)} for 10m`,
    },

    // --- Spend.
    {
      alert: 'HighHourlySpend',
      expr: `sum(increase(${series(catalog.providerCost)}[1h])) > ${THRESHOLDS.hourlySpendUsd}`,
      for: '5m',
      severity: 'warning',
      summary: `LLM spend above $${T.hourlySpendUsd} in the last hour`,
      description: `Providers cost $\{{ $value | printf "%.2f" }} in the last hour (threshold $${T.hourlySpendUsd}).`,
      meaning: 'USD spent on all providers in the last hour',
      threshold: `> $${T.hourlySpendUsd} for 5m`,
    },
    {
      // Spend alerts are blind to calls PromptKit could not price (a self-hosted or new model with no
      // price and no cost on the event): say so rather than let a dollar total look complete.
      alert: 'UnpricedModelCalls',
      expr: `sum by (provider, model) (increase(${series(catalog.providerUnpricedRequests)}[1h])) > 0`,
      for: '15m',
      severity: 'info',
      summary: 'Calls to {{ $labels.provider }}/{{ $labels.model }} have no price',
      description:
        '{{ $value | printf "%.0f" }} calls to {{ $labels.provider }}/{{ $labels.model }} in the last hour carried tokens but no cost, and the model has no price: their spend is missing from the cost metrics and spend alerts. Add the model to startMetrics({ pricing }).',
      meaning: 'Calls in the last hour whose cost could not be computed (no price for the model)',
      threshold: '> 0 for 15m',
    },
    {
      // A burn-rate rule catches a runaway loop long before the hourly total crosses its threshold:
      // the spend rate of the last 5m, projected per hour, against the 6h average. The floor keeps
      // a jump from $0.10/h to $0.50/h from paging anyone.
      alert: 'HighCostBurnRate',
      expr: [
        `sum(rate(${series(catalog.providerCost)}[5m])) * 3600`,
        `  > ${THRESHOLDS.burnRateFactor} * sum(rate(${series(catalog.providerCost)}[6h])) * 3600`,
        'and',
        `sum(rate(${series(catalog.providerCost)}[5m])) * 3600 > ${THRESHOLDS.burnRateFloorUsdPerHour}`,
      ].join('\n'),
      for: '10m',
      severity: 'critical',
      summary: 'LLM spend is burning much faster than usual',
      description:
        `Spend over the last 5m projects to $\{{ $value | printf "%.2f" }}/hour, more than ${T.burnRateFactor}x the 6h average and above $${T.burnRateFloorUsdPerHour}/hour.`,
      meaning: 'Spend rate of the last 5m (per hour) against the 6h average',
      threshold: `> ${T.burnRateFactor}x the 6h average and > $${T.burnRateFloorUsdPerHour}/hour, for 10m`,
    },

    // --- Liveness.
    {
      // `unless ... > 0` rather than `increase(...) == 0`: the `_count` series does not exist until a
      // first pipeline finishes, and a process whose very first pipelines hang must alert too.
      alert: 'PipelinesStuck',
      expr: [
        `sum by (job) (${series(catalog.pipelinesActive)}) > 0`,
        'unless on (job)',
        `${countIncrease(backend, histogram(catalog.pipelineDuration), THRESHOLDS.stuckWindow, ['job'])} > 0`,
      ].join('\n'),
      for: '15m',
      severity: 'warning',
      summary: 'Pipelines in job {{ $labels.job }} appear stuck',
      description:
        `{{ $value }} pipelines are active in job {{ $labels.job }} but none completed or failed in the last ${T.stuckWindow}.`,
      meaning: `Active pipelines > 0 while no pipeline finished (either status) in ${T.stuckWindow}`,
      threshold: `no completions for ${T.stuckWindow} while active, for 15m`,
    },
  ];
}

/** The rules for Prometheus, in any histogram mode. */
export const alertRules: readonly AlertRule[] = alertRulesFor('prometheus');

/** Every alert's name and expression, for end-to-end tests that evaluate them against a backend. */
export function alertExpressions(backend: QueryBackend = 'prometheus'): { alert: string; expr: string }[] {
  return alertRulesFor(backend).map(({ alert, expr }) => ({ alert, expr }));
}

export const ALERTS_PATH = 'alerts/promptkit-alerts.yml';
/** The flavour for vmalert with VictoriaMetrics. */
export const VICTORIAMETRICS_ALERTS_PATH = 'alerts/promptkit-alerts-victoriametrics.yml';
export const ALERTS_PATHS: Record<QueryBackend, string> = { prometheus: ALERTS_PATH, victoriametrics: VICTORIAMETRICS_ALERTS_PATH };
/** The hand-written promtool cases over classic series (every rule has cases there). */
export const ALERTS_TEST_PATH = 'alerts/promptkit-alerts.test.yml';
/** The same cases for the VictoriaMetrics flavour (vmalert-tool), generated from ALERTS_TEST_PATH. */
export const VICTORIAMETRICS_ALERTS_TEST_PATH = 'alerts/promptkit-alerts-victoriametrics.test.yml';

/**
 * The unit tests of the VictoriaMetrics flavour: the classic-input cases of ALERTS_TEST_PATH (the
 * series VictoriaMetrics stores) loading the VictoriaMetrics rules file instead. Text in, text out,
 * so the cases keep their comments.
 */
export function renderVictoriaMetricsRuleTests(classicTests: string): string {
  const ruleFiles = /^rule_files:\n {2}- promptkit-alerts\.yml\n/m;
  if (!ruleFiles.test(classicTests)) throw new Error(`${ALERTS_TEST_PATH} must load exactly promptkit-alerts.yml, as its first rule_files entry`);
  const header = [
    `# Generated by \`npm run dashboard\` from ${ALERTS_TEST_PATH}: the same cases, for the VictoriaMetrics`,
    '# flavour of the rules. Do not edit by hand.  vmalert-tool unittest --disableAlertgroupLabel --files <this file>',
  ].join('\n');
  return `${header}\n${classicTests.replace(ruleFiles, `rule_files:\n  - ${VICTORIAMETRICS_ALERTS_PATH.replace('alerts/', '')}\n`)}`;
}

/** The Prometheus rules file object (what `promtool check rules` reads). */
export function rulesFile(backend: QueryBackend = 'prometheus'): object {
  return {
    groups: [
      {
        name: 'promptkit',
        rules: alertRulesFor(backend).map((rule) => ({
          alert: rule.alert,
          expr: rule.expr,
          for: rule.for,
          labels: { severity: rule.severity },
          annotations: { summary: rule.summary, description: rule.description },
        })),
      },
    ],
  };
}

/** The rules file as YAML text, deterministic, with a header saying where it comes from. */
export function renderAlertsYaml(backend: QueryBackend = 'prometheus'): string {
  const header = [
    '# Generated by `npm run dashboard` (scripts/generate-dashboard.ts) from alerts/rules.ts.',
    '# Do not edit by hand: change alerts/rules.ts and regenerate. Unit tests: promptkit-alerts.test.yml',
    ...(backend === 'victoriametrics'
      ? ['# For vmalert with VictoriaMetrics: histogram counts and quantiles from classic series only (MetricsQL has no histogram_count).']
      : ['# Histogram rules work whether Prometheus stores classic or native histograms, or both.']),
  ].join('\n');
  // lineWidth 0: never fold long strings, so annotations stay on one line and diffs stay readable.
  return `${header}\n${stringify(rulesFile(backend), { lineWidth: 0 })}`;
}

/** The README's alert table (markdown). */
export function renderAlertTable(): string {
  const cell = (text: string) =>
    text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/\|/g, '\\|');
  const lines = [
    '| Alert | Severity | Expression | Meaning | Threshold |',
    '|-------|----------|------------|---------|-----------|',
    ...alertRules.map(
      (r) => `| ${r.alert} | ${r.severity} | \`${cell(r.expr)}\` | ${cell(r.meaning)} | ${cell(r.threshold)} |`,
    ),
  ];
  return lines.join('\n');
}
