// Dashboards and alerts that tell the truth: the demo workload feeds a real Prometheus (scraping,
// with the rules loaded) and VictoriaMetrics (over OTLP) at once; every dashboard query and every
// alert expression must then evaluate without error and return data on both, each backend with its
// flavour of the dashboard and rules. (dashboard-modes.e2e.test.ts does the same for Prometheus in
// every histogram mode.)
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { alertExpressions } from '../alerts/rules.js';
import { runWorkload } from '../examples/demo/workload.js';
import { buildDashboard, concreteQuery, dashboardQueries } from '../grafana/dashboard.js';
import type { QueryBackend } from '../grafana/histogram-queries.js';
import { backendPath, repoRoot } from './support/backends.js';
import { WINDOWS, assertData, opened } from './support/dashboard-checks.js';
import { sleep, waitFor } from './support/ports.js';
import { startPrometheus, type PromQL, type PrometheusServer } from './support/prometheus.js';
import { startVictoria, type VictoriaServer } from './support/victoria.js';

const CI = process.env.CI === 'true';
let prometheus: PrometheusServer | undefined;
let victoria: VictoriaServer | undefined;
let telemetry: Telemetry | undefined;
const workload = new AbortController();
let running: Promise<unknown> | undefined;

before(async () => {
  const promBinary = backendPath('prometheus');
  const vmBinary = backendPath('victoria-metrics');
  if (!promBinary || !vmBinary) {
    if (CI) throw new Error('prometheus and victoria-metrics must be unpacked in .backends/bin under CI');
    return;
  }
  victoria = await startVictoria(vmBinary);
  telemetry = await startMetrics({
    serviceName: 'dashboard-e2e',
    prometheus: '127.0.0.1:0',
    otlp: { endpoint: victoria.otlpEndpoint, intervalMs: 1000 },
    registerGlobal: false,
  });
  prometheus = await startPrometheus(promBinary, {
    targets: [`127.0.0.1:${telemetry.prometheus!.port}`],
    ruleFiles: [join(repoRoot, 'alerts/promptkit-alerts.yml')],
  });
  // The demo workload, 50× faster than real time, keeps running while the queries run.
  running = runWorkload(telemetry.eventBus, { signal: workload.signal, timeScale: 0.02, pipelinesPerSecond: 8, concurrency: 24, seed: 7 });
  // Enough time for rates over 30 s windows on both backends, with every kind of failure present.
  for (const backend of [prometheus, victoria] as PromQL[]) {
    await waitFor('failed pipelines, provider, tool and validation failures to be stored', async () => {
      const kinds = await backend.query(
        'count(promptkit_pipeline_duration_seconds_count{status="error"}) + count(promptkit_provider_requests_total{status="error"})' +
          ' + count(promptkit_tool_calls_total{status="error"}) + count(promptkit_validations_total{status="failed"})',
      );
      return kinds.length > 0 ? true : undefined;
    }, 60_000, 1000);
  }
  await sleep(15_000);
});

after(async () => {
  workload.abort();
  await running?.catch(() => undefined);
  await telemetry?.shutdown();
  await prometheus?.stop();
  await victoria?.stop();
});

for (const name of ['Prometheus', 'VictoriaMetrics (OTLP)'] as const) {
  const backend = () => (name === 'Prometheus' ? prometheus : victoria);
  // VictoriaMetrics gets its own flavour: MetricsQL has no histogram_count.
  const flavour: QueryBackend = name === 'Prometheus' ? 'prometheus' : 'victoriametrics';

  test(`every dashboard query returns data from ${name}`, async (t) => {
    if (!backend()) return t.skip('needs prometheus and victoria-metrics in .backends/bin');
    const queries = dashboardQueries(buildDashboard(flavour));
    assert.ok(queries.length >= 15, `only ${queries.length} dashboard queries`);
    for (const { panel, expr } of queries) await assertData(backend()!, `panel '${panel}'`, concreteQuery(expr, WINDOWS));
  });

  test(`every alert expression evaluates on ${name}, and its data is there`, async (t) => {
    if (!backend()) return t.skip('needs prometheus and victoria-metrics in .backends/bin');
    const alerts = alertExpressions(flavour);
    assert.ok(alerts.length >= 9);
    for (const { alert, expr } of alerts) {
      const body = await backend()!.raw(expr);
      assert.equal(body.status, 'success', `${alert}: ${body.error}`);
      await assertData(backend()!, `alert ${alert} (thresholds opened)`, opened(expr));
    }
  });
}

test('Prometheus loaded every rule and evaluates them without errors', async (t) => {
  if (!prometheus) return t.skip('needs prometheus in .backends/bin');
  const res = (await (await fetch(`${prometheus.baseUrl}/api/v1/rules`)).json()) as {
    data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
  };
  const rules = res.data.groups.flatMap((g) => g.rules);
  assert.deepEqual(rules.map((r) => r.name).sort(), alertExpressions().map((a) => a.alert).sort());
  for (const rule of rules) assert.equal(rule.health, 'ok', `${rule.name}: ${rule.lastError}`);
});

test('the opened-threshold rewrite keeps unless-exceptions closed', () => {
  assert.equal(opened('a > 0 unless on (job) b > 0'), 'a > -1e300  unless  on (job) b > 1e300');
  assert.equal(opened('x / (y > 0) > 0.25'), 'x / (y > -1e300) > -1e300');
});
