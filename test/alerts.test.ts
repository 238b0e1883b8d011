// The Prometheus alert rules and scrape config: promtool accepts them and their unit tests pass,
// every rule is complete and only names catalog metrics, and the committed YAML is the generated one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { parse } from 'yaml';
import { metricDefinitions } from '@promptkit/metrics';
import { ALERTS_PATH, alertExpressions, alertRules, renderAlertsYaml } from '../alerts/rules.js';
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

const ALERTS_TEST_PATH = 'alerts/promptkit-alerts.test.yml';
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

const catalogSeries = new Set(
  metricDefinitions.flatMap((m) =>
    m.kind === 'histogram' ? [`${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`] : [m.name],
  ),
);

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

  test('test rules alerts/promptkit-alerts.test.yml', (t) => {
    promtool(t, ['test', 'rules', ALERTS_TEST_PATH]);
  });

  test('check config prometheus.yml (loads the rules too)', (t) => {
    const out = promtool(t, ['check', 'config', 'prometheus.yml']);
    if (out !== undefined) assert.match(out, /SUCCESS: 1 rule files found/);
  });
});

describe('rules', () => {
  test(`${ALERTS_PATH} is up to date (npm run dashboard)`, () => {
    assert.equal(read(ALERTS_PATH), renderAlertsYaml(), `${ALERTS_PATH} is stale: run npm run dashboard`);
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

describe('unit tests file', () => {
  const file = readYaml(ALERTS_TEST_PATH, isRuleTestsFile);
  const cases: { alertname: string; fires: boolean }[] = file.tests.flatMap((t) =>
    t.alert_rule_test.map((c) => ({ alertname: c.alertname, fires: (c.exp_alerts ?? []).length > 0 })),
  );

  test('loads the generated rules file', () => {
    assert.deepEqual(file.rule_files, ['promptkit-alerts.yml']);
  });

  for (const { alert } of alertRules) {
    test(`${alert}: a firing and a non-firing case`, () => {
      assert.ok(cases.some((c) => c.alertname === alert && c.fires), `no case where ${alert} fires`);
      assert.ok(cases.some((c) => c.alertname === alert && !c.fires), `no case where ${alert} stays silent`);
    });
  }

  test('input series are catalog series', () => {
    for (const t of file.tests) {
      for (const s of t.input_series) {
        const name = /^([a-zA-Z_:][\w:]*)\{/.exec(s.series)?.[1];
        assert.ok(name && catalogSeries.has(name), `${s.series} is not a catalog series`);
      }
    }
  });
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
