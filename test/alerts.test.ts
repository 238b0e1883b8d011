// The Prometheus alert rules and scrape config: promtool accepts them and their unit tests pass,
// every rule is complete and only names catalog metrics, and the committed YAML is the generated one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { parse } from 'yaml';
import { metricDefinitions } from '@promptkit/metrics';
import {
  ALERTS_PATH,
  ALERTS_TEST_PATH,
  VICTORIAMETRICS_ALERTS_PATH,
  VICTORIAMETRICS_ALERTS_TEST_PATH,
  alertExpressions,
  alertRules,
  alertRulesFor,
  renderAlertsYaml,
  renderVictoriaMetricsRuleTests,
} from '../alerts/rules.js';
import { metricNamesIn } from '../grafana/dashboard.js';
import { README_PATH } from '../scripts/generate-dashboard.js';
import { repoRoot, requireBackend } from './support/backends.js';

// The YAML files as Prometheus and promtool read them: only the fields these tests look at.
interface AlertRuleYaml {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

interface RulesFile {
  groups: { rules: AlertRuleYaml[] }[];
}

interface RuleTestsFile {
  rule_files: string[];
  tests: { input_series: { series: string }[]; alert_rule_test: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

interface PrometheusConfig {
  scrape_configs: { job_name: string; scrape_interval?: string; static_configs?: unknown }[];
  rule_files?: string[];
}

/** The rules over histograms on native input, and on native and classic input at once. */
const HISTOGRAM_ALERTS_TEST_PATH = 'alerts/promptkit-alerts-histograms.test.yml';
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
/** A list whose every element is an object that has every one of `keys`. */
const isListOf = (value: unknown, ...keys: string[]): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.every((item) => isObject(item) && keys.every((key) => key in item));

/** Parses `path` as YAML and checks the top of its shape with `is`; the tests check the rest. */
function readYaml<T>(path: string, is: (value: unknown) => value is T): T {
  const parsed = parse(read(path)) as unknown;
  assert.ok(is(parsed), `${path} does not have the expected shape`);
  return parsed;
}

const isRulesFile = (value: unknown): value is RulesFile =>
  isObject(value) && isListOf(value.groups, 'rules') && value.groups.every((g) => isListOf(g.rules, 'alert', 'expr'));
const isRuleTestsFile = (value: unknown): value is RuleTestsFile =>
  isObject(value) &&
  Array.isArray(value.rule_files) &&
  isListOf(value.tests, 'input_series', 'alert_rule_test') &&
  value.tests.every((t) => isListOf(t.input_series, 'series') && isListOf(t.alert_rule_test, 'alertname'));
const isPrometheusConfig = (value: unknown): value is PrometheusConfig => isObject(value) && isListOf(value.scrape_configs, 'job_name');

const committedRules = readYaml(ALERTS_PATH, isRulesFile).groups.flatMap((g) => g.rules);

const histograms = metricDefinitions.filter((m) => m.kind === 'histogram').map((m) => m.name);
/** Every series name Prometheus can hold for the catalog's instruments; a histogram's own name is its native series. */
const catalogSeries = new Set(
  metricDefinitions.flatMap((m) =>
    m.kind === 'histogram' ? [m.name, `${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`] : [m.name],
  ),
);

/** What a test group's input holds of the histograms: classic series, native ones, both, or none. */
type HistogramInput = 'classic' | 'native' | 'both' | 'none';

function histogramInput(series: string[]): HistogramInput {
  const native = series.some((name) => histograms.includes(name));
  const classic = series.some((name) => histograms.some((h) => name.startsWith(`${h}_`)));
  return native && classic ? 'both' : native ? 'native' : classic ? 'classic' : 'none';
}

/** The name of a series in promtool's notation, `name{labels}`. */
const seriesName = (series: string) => /^([a-zA-Z_:][\w:]*)\{/.exec(series)?.[1] ?? '';

/** Runs promtool with the repository root as working directory; asserts exit code 0. */
function promtool(t: TestContext, args: string[]): string | undefined {
  const bin = requireBackend(t, 'promtool');
  if (!bin) return undefined;
  const r = spawnSync(bin, args, { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `promtool ${args.join(' ')} exited ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r.stdout;
}

describe('promtool', () => {
  test('check rules alerts/promptkit-alerts.yml', (t) => {
    const out = promtool(t, ['check', 'rules', ALERTS_PATH]);
    if (out !== undefined) assert.match(out, new RegExp(`SUCCESS: ${alertRules.length} rules found`));
  });

  test('test rules alerts/promptkit-alerts.test.yml (classic input)', (t) => {
    promtool(t, ['test', 'rules', ALERTS_TEST_PATH]);
  });

  test('test rules alerts/promptkit-alerts-histograms.test.yml (native input, and native with classic)', (t) => {
    promtool(t, ['test', 'rules', HISTOGRAM_ALERTS_TEST_PATH]);
  });

  test(`check rules ${VICTORIAMETRICS_ALERTS_PATH}`, (t) => {
    const out = promtool(t, ['check', 'rules', VICTORIAMETRICS_ALERTS_PATH]);
    if (out !== undefined) assert.match(out, new RegExp(`SUCCESS: ${alertRules.length} rules found`));
  });

  // VictoriaMetrics stores every PromptKit histogram as classic-shaped series, so the classic cases
  // are the ones that apply; PromQL and MetricsQL agree on these expressions (vmalert-tool runs the
  // same file in push-path-alerts.e2e.test.ts).
  test(`test rules ${VICTORIAMETRICS_ALERTS_TEST_PATH} (the classic cases, VictoriaMetrics flavour)`, (t) => {
    promtool(t, ['test', 'rules', VICTORIAMETRICS_ALERTS_TEST_PATH]);
  });

  test('check config prometheus.yml (loads the rules too)', (t) => {
    const out = promtool(t, ['check', 'config', 'prometheus.yml']);
    if (out !== undefined) assert.match(out, /SUCCESS: 1 rule files found/);
  });
});

describe('rules', () => {
  test(`${ALERTS_PATH} and ${VICTORIAMETRICS_ALERTS_PATH} are up to date (npm run dashboard)`, () => {
    assert.equal(read(ALERTS_PATH), renderAlertsYaml(), `${ALERTS_PATH} is stale: run npm run dashboard`);
    assert.equal(read(VICTORIAMETRICS_ALERTS_PATH), renderAlertsYaml('victoriametrics'), `${VICTORIAMETRICS_ALERTS_PATH} is stale: run npm run dashboard`);
    assert.equal(read(VICTORIAMETRICS_ALERTS_TEST_PATH), renderVictoriaMetricsRuleTests(read(ALERTS_TEST_PATH)), `${VICTORIAMETRICS_ALERTS_TEST_PATH} is stale: run npm run dashboard`);
  });

  test('the VictoriaMetrics flavour: same alerts, no native-histogram functions, no native series', () => {
    const vm = alertRulesFor('victoriametrics');
    assert.deepEqual(vm.map((r) => r.alert), alertRules.map((r) => r.alert));
    for (const rule of vm) {
      assert.doesNotMatch(rule.expr, /histogram_count|histogram_sum/, rule.alert);
      for (const name of metricNamesIn(rule.expr)) assert.ok(!histograms.includes(name), `${rule.alert} reads the native series ${name}`);
    }
    // Rules without histograms are the same text in both flavours.
    for (const [i, rule] of vm.entries()) {
      if (!histograms.some((h) => rule.expr.includes(h))) assert.equal(rule.expr, alertRules[i]!.expr, rule.alert);
    }
  });

  test('rules over a histogram read both its native series and its classic ones', () => {
    for (const rule of alertRules) {
      const names = metricNamesIn(rule.expr);
      for (const h of histograms) {
        const classic = names.filter((n) => n.startsWith(`${h}_`));
        if (classic.length === 0 && !names.includes(h)) continue;
        assert.ok(names.includes(h), `${rule.alert} reads ${classic.join(', ')} but not the native ${h}`);
        assert.ok(classic.length > 0, `${rule.alert} reads the native ${h} but no classic series`);
      }
    }
  });

  test("the Go SDK's three and the PromptKit additions, no others", () => {
    assert.deepEqual(
      committedRules.map((r) => r.alert),
      [
        'HighPipelineErrorRate',
        'HighProviderLatency',
        'HighTokenConsumption',
        'HighProviderErrorRatio',
        'ProviderRateLimited',
        'HighTruncationRatio',
        'HighToolFailureRatio',
        'HighValidationFailureRatio',
        'HighHourlySpend',
        'UnpricedModelCalls',
        'HighCostBurnRate',
        'PipelinesStuck',
      ],
    );
  });

  test("the Go SDK's alerts keep their for, severity and summary", () => {
    const goSdkAlerts: Record<string, [string, string, string]> = {
      HighPipelineErrorRate: ['5m', 'warning', 'High pipeline error rate'],
      HighProviderLatency: ['5m', 'warning', 'High provider latency'],
      HighTokenConsumption: ['1m', 'info', 'High token consumption'],
    };
    for (const [name, [forDuration, severity, summary]] of Object.entries(goSdkAlerts)) {
      const rule = committedRules.find((r) => r.alert === name);
      assert.ok(rule, `no rule ${name}`);
      assert.deepEqual([rule.for, rule.labels?.severity, rule.annotations?.summary], [forDuration, severity, summary], name);
    }
  });

  for (const rule of committedRules) {
    test(`${rule.alert}: for, severity, summary, description; catalog metrics only`, () => {
      assert.match(rule.for ?? '', /^\d+[smh]$/, 'for');
      assert.ok(['info', 'warning', 'critical'].includes(rule.labels?.severity ?? ''), 'severity');
      assert.ok(rule.annotations?.summary, 'summary');
      assert.ok(rule.annotations?.description, 'description');
      const names = metricNamesIn(rule.expr);
      assert.ok(names.length > 0, `no metric found in ${rule.expr}`);
      for (const name of names) assert.ok(catalogSeries.has(name), `${name} is not a catalog series`);
    });
  }

  test('ratios only divide by a total filtered to be above zero', () => {
    for (const rule of committedRules) {
      if (!/(^|\s)\/(\s|$)/.test(rule.expr)) continue;
      assert.match(rule.expr, /\/\s*\(.*\) > 0\)/s, `${rule.alert} guards its denominator`);
    }
  });

  test('alertExpressions() lists every rule with its expression', () => {
    assert.deepEqual(
      alertExpressions(),
      committedRules.map((r) => ({ alert: r.alert, expr: r.expr })),
    );
  });

  test('the README alert table names every alert', () => {
    const readme = read(README_PATH);
    for (const { alert } of alertRules) assert.match(readme, new RegExp(`^\\| ${alert} \\|`, 'm'), alert);
  });
});

describe('unit tests files', () => {
  const files = [ALERTS_TEST_PATH, HISTOGRAM_ALERTS_TEST_PATH].map((path) => ({ path, file: readYaml(path, isRuleTestsFile) }));
  const cases: { alertname: string; fires: boolean; input: HistogramInput }[] = files.flatMap(({ file }) =>
    file.tests.flatMap((t) => {
      const input = histogramInput(t.input_series.map((s) => seriesName(s.series)));
      return t.alert_rule_test.map((c) => ({ alertname: c.alertname, fires: (c.exp_alerts ?? []).length > 0, input }));
    }),
  );

  for (const { path, file } of files) {
    test(`${path} loads the generated rules file`, () => {
      assert.deepEqual(file.rule_files, ['promptkit-alerts.yml']);
    });

    test(`${path}: input series are catalog series`, () => {
      for (const t of file.tests) {
        for (const s of t.input_series) {
          const name = seriesName(s.series);
          assert.ok(name && catalogSeries.has(name), `${s.series} is not a catalog series`);
        }
      }
    });
  }

  test(`${ALERTS_TEST_PATH} has classic input only, ${HISTOGRAM_ALERTS_TEST_PATH} native input in every group`, () => {
    const inputOf = (t: { input_series: { series: string }[] }) => histogramInput(t.input_series.map((s) => seriesName(s.series)));
    for (const t of files[0]!.file.tests) assert.match(inputOf(t), /^(classic|none)$/);
    for (const t of files[1]!.file.tests) assert.match(inputOf(t), /^(native|both)$/);
  });

  for (const { alert, expr } of alertRules) {
    // Rules over histograms need their cases in every shape a Prometheus may store; the others read
    // counters and gauges only, which are the same series in every histogram mode.
    const inputs: HistogramInput[] = histograms.some((h) => metricNamesIn(expr).includes(h)) ? ['classic', 'native', 'both'] : ['none'];
    for (const input of inputs) {
      test(`${alert}: a firing and a non-firing case${input === 'none' ? '' : ` on ${input} input`}`, () => {
        const mine = cases.filter((c) => c.alertname === alert && (input === 'none' || c.input === input));
        assert.ok(mine.some((c) => c.fires), `no case where ${alert} fires`);
        assert.ok(mine.some((c) => !c.fires), `no case where ${alert} stays silent`);
      });
    }
  }
});

describe('prometheus.yml', () => {
  const config = readYaml('prometheus.yml', isPrometheusConfig);

  test('scrapes job promptkit on the demo port every 15s and loads the alert rules', () => {
    const job = config.scrape_configs.find((c) => c.job_name === 'promptkit');
    assert.ok(job, 'promptkit job');
    assert.equal(job.scrape_interval, '15s');
    assert.deepEqual(job.static_configs, [{ targets: ['localhost:9464'] }]);
    assert.deepEqual(config.rule_files, [ALERTS_PATH]);
  });
});
