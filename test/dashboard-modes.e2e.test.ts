// Every dashboard panel and every alert rule in every histogram mode. The demo workload feeds three
// PromptKit telemetries at once (histograms 'classic', 'native' and 'both', so the same calls), each
// scraped by a real Prometheus 3.5 set up as that mode needs (MODES: no feature flag and text
// scraping; --enable-feature=native-histograms and protobuf; the same with
// always_scrape_classic_histograms; and native histograms for a Prometheus without the flag). In
// each: the histograms are stored in the promised shape, every dashboard query and alert
// expression returns data, the rules evaluate cleanly, and the latency panel's exemplars lead to
// the traces of the calls. Then the workload stops, and the latency panel gives the same p95 in
// every mode from the same calls.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EventBus, type PromptKitEvent } from '@promptkit/events';
import { catalog } from '@promptkit/metrics';
import { startMetrics, type HistogramMode, type Telemetry } from '@promptkit/sdk';
import { alertExpressions } from '../alerts/rules.js';
import { MODELS } from '../examples/demo/models.js';
import { runWorkload } from '../examples/demo/workload.js';
import { concreteQuery, dashboardQueries } from '../grafana/dashboard.js';
import { backendPath, repoRoot } from './support/backends.js';
import { WINDOWS, assertData, hasValue, opened } from './support/dashboard-checks.js';
import { MODES, storedShape, type ModeSetup } from './support/histogram-modes.js';
import { sleep, waitFor } from './support/ports.js';
import { startPrometheus, type PrometheusServer } from './support/prometheus.js';
import { enableTracing, withSampledSpan } from './support/tracing.js';

const CI = process.env.CI === 'true';
let tracing: { disable: () => void } | undefined;
const telemetries = new Map<HistogramMode, Telemetry>();
const servers = new Map<ModeSetup, PrometheusServer>();
const workload = new AbortController();
let running: Promise<unknown> | undefined;
const startedAt = Date.now() / 1000;
/** Trace ids of the spans some provider calls were published in. */
const traceIds = new Set<string>();
/** Every provider call forwarded, for the final totals. */
let providerCalls = 0;
/** The recorded call durations (seconds) by `provider/model`, for the true p95. */
const durations = new Map<string, number[]>();

/** The latency panel's p95 query. */
const latencyP95 = dashboardQueries().find((q) => q.panel === 'Provider latency percentiles' && q.expr.startsWith('histogram_quantile(0.95,'))!.expr;
const QUANTILE_PANELS = /^histogram_quantile|^sum\(rate\(promptkit_stage_duration_seconds\{/;

before(async () => {
  const binary = backendPath('prometheus');
  if (!binary) {
    if (CI) throw new Error('prometheus must be unpacked in .backends/bin under CI');
    return;
  }
  tracing = enableTracing();
  for (const histograms of ['classic', 'native', 'both'] as const) {
    telemetries.set(histograms, await startMetrics({ serviceName: `modes-${histograms}`, prometheus: '127.0.0.1:0', registerGlobal: false, histograms }));
  }
  await Promise.all(
    MODES.map(async (mode) => {
      const server = await startPrometheus(binary, {
        targets: [`127.0.0.1:${telemetries.get(mode.histograms)!.prometheus!.port}`],
        settings: [...mode.settings],
        features: [...mode.features],
        ruleFiles: [join(repoRoot, 'alerts/promptkit-alerts.yml')],
      });
      servers.set(mode, server);
    }),
  );
  // One workload, every event to each telemetry. Every tenth provider call is published inside a
  // sampled span, so its buckets carry that span as exemplar; the recorded values stay the demo's.
  const bus = new EventBus();
  const deliver = (event: PromptKitEvent) => {
    for (const telemetry of telemetries.values()) telemetry.eventBus.publish(event);
  };
  bus.subscribeAll((event) => {
    if (event.type !== 'provider.call.completed' && event.type !== 'provider.call.failed') return deliver(event);
    const group = `${event.data.provider}/${event.data.model}`;
    durations.set(group, [...(durations.get(group) ?? []), event.data.durationMs / 1000]);
    if (++providerCalls % 10 !== 0) return deliver(event);
    withSampledSpan((span) => {
      traceIds.add(span.traceId);
      deliver(event);
    });
  });
  // One call per model before the workload, stored everywhere: every provider/model series then
  // has the same first sample in every Prometheus, and a rate over the whole run covers the same
  // calls in each (the scrape manager takes a few seconds to start scraping a new target).
  for (const { provider, model } of MODELS) {
    bus.publish({ type: 'provider.call.completed', timestamp: Date.now(), data: { provider, model, durationMs: 1000, finishReason: 'stop' } });
  }
  const stored = 'count(promptkit_provider_request_duration_seconds_count or promptkit_provider_request_duration_seconds)';
  await Promise.all([...servers.values()].map((server) => server.waitForValue(stored, MODELS.length, 30_000)));
  running = runWorkload(bus, { signal: workload.signal, timeScale: 0.02, pipelinesPerSecond: 8, concurrency: 24, seed: 11 });
  // Every kind of failure stored everywhere (whatever the shape of the histogram), then enough
  // time for rates over 30 s windows.
  const failures =
    'count(promptkit_pipeline_duration_seconds_count{status="error"} or promptkit_pipeline_duration_seconds{status="error"})' +
    ' + count(promptkit_provider_requests_total{status="error"}) + count(promptkit_tool_calls_total{status="error"})' +
    ' + count(promptkit_validations_total{status="failed"})';
  await Promise.all(
    [...servers].map(([mode, server]) =>
      waitFor(`failures to be stored (${mode.name})`, async () => ((await server.query(failures)).length > 0 ? true : undefined), 60_000, 500),
    ),
  );
  await sleep(15_000);
});

after(async () => {
  workload.abort();
  await running?.catch(() => undefined);
  for (const telemetry of telemetries.values()) await telemetry.shutdown();
  await Promise.all([...servers.values()].map((s) => s.stop()));
  tracing?.disable();
});

const skipped = (t: { skip: (message: string) => void }) => (servers.size === 0 ? (t.skip('needs prometheus in .backends/bin'), true) : false);

test('each Prometheus stores the histograms in the shape its mode promises', async (t) => {
  if (skipped(t)) return;
  for (const [mode, server] of servers) {
    for (const histogram of [catalog.providerRequestDuration, catalog.pipelineDuration, catalog.stageDuration]) {
      assert.equal(await storedShape(server, histogram.name), mode.stores, `${mode.name}: ${histogram.name}`);
    }
  }
});

for (const mode of MODES) {
  test(`every dashboard query returns data (${mode.name})`, async (t) => {
    if (skipped(t)) return;
    const server = servers.get(mode)!;
    const queries = dashboardQueries();
    assert.ok(queries.length >= 15, `only ${queries.length} dashboard queries`);
    for (const { panel, expr } of queries) {
      const result = await assertData(server, `panel '${panel}'`, concreteQuery(expr, WINDOWS));
      // Quantiles need buckets, which a native-only histogram scraped as text does not have.
      const expectValue = mode.stores !== 'count only' || !QUANTILE_PANELS.test(expr);
      if (expectValue) assert.ok(result.some(hasValue), `panel '${panel}' has only NaN: ${expr}`);
      else if (expr.startsWith('histogram_quantile')) assert.ok(!result.some(hasValue), `panel '${panel}' has a value: ${expr}`);
      // The heatmap gets one kind of buckets, never both: native ones wherever they are stored.
      if (panel.startsWith('Stage latency')) {
        const native = mode.stores === 'native' || mode.stores === 'both';
        for (const r of result) assert.equal(r.histogram !== undefined, native, `${panel}: ${JSON.stringify(r.metric)}`);
        if (!native) for (const r of result) assert.ok(r.metric.le, `${panel}: ${JSON.stringify(r.metric)}`);
      }
    }
  });

  test(`every alert expression evaluates, its data is there, and the loaded rules are healthy (${mode.name})`, async (t) => {
    if (skipped(t)) return;
    const server = servers.get(mode)!;
    for (const { alert, expr } of alertExpressions()) {
      const body = await server.raw(expr);
      assert.equal(body.status, 'success', `${alert}: ${body.error}`);
      // The latency alert needs buckets: no data from a native-only histogram scraped as text.
      if (mode.stores === 'count only' && alert === 'HighProviderLatency') continue;
      await assertData(server, `alert ${alert} (thresholds opened)`, opened(expr));
    }
    const res = (await (await fetch(`${server.baseUrl}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const rules = res.data.groups.flatMap((g) => g.rules);
    assert.deepEqual(rules.map((r) => r.name).sort(), alertExpressions().map((a) => a.alert).sort());
    for (const rule of rules) assert.equal(rule.health, 'ok', `${rule.name}: ${rule.lastError}`);
  });
}

test("the latency panel's exemplars lead to the traces of the calls, in every mode", async (t) => {
  if (skipped(t)) return;
  for (const [mode, server] of servers) {
    const params = new URLSearchParams({ query: concreteQuery(latencyP95, WINDOWS), start: String(startedAt - 60), end: String(Date.now() / 1000 + 60) });
    // What Grafana asks when a target has `exemplar: true`: the panel's own expression.
    const body = (await (await fetch(`${server.baseUrl}/api/v1/query_exemplars?${params.toString()}`)).json()) as {
      status: string;
      data: { seriesLabels: Record<string, string>; exemplars: { labels: Record<string, string> }[] }[];
    };
    assert.equal(body.status, 'success', mode.name);
    const exemplars = body.data.flatMap((s) => s.exemplars.map((e) => ({ series: s.seriesLabels.__name__, traceId: e.labels.trace_id })));
    assert.ok(exemplars.length > 0, `${mode.name}: no exemplars`);
    for (const e of exemplars) assert.ok(traceIds.has(e.traceId ?? ''), `${mode.name}: exemplar of an unknown trace ${e.traceId}`);
    t.diagnostic(`${mode.name}: ${exemplars.length} exemplars on ${[...new Set(exemplars.map((e) => e.series))].join(', ')}`);
  }
});

/** p95 per `provider/model` from `expr`, evaluated at `time` on every Prometheus, by mode name. */
async function p95ByMode(expr: string, time: number): Promise<Map<string, Map<string, number>>> {
  const byMode = new Map<string, Map<string, number>>();
  for (const [mode, server] of servers) {
    const body = await server.raw(expr, time);
    assert.equal(body.status, 'success', `${mode.name}: ${body.error}`);
    const values = new Map<string, number>();
    for (const r of (body.data?.result ?? []) as { metric: Record<string, string>; value: [number, string] }[]) {
      values.set(`${r.metric.provider}/${r.metric.model}`, Number(r.value[1]));
    }
    byMode.set(mode.name, values);
  }
  return byMode;
}

/** The p95 of the recorded values (nearest rank). */
function trueP95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!;
}

/** The classic bucket `(lower, upper]` a value falls in. */
function classicBucket(value: number): [number, number] {
  const bounds = catalog.providerRequestDuration.buckets ?? [];
  return [[...bounds].reverse().find((b) => b < value) ?? 0, bounds.find((b) => b >= value) ?? Infinity];
}

test('the same calls give the same p95 latency in every mode', async (t) => {
  if (skipped(t)) return;
  workload.abort();
  await running;
  // Every Prometheus has scraped the last call.
  const total = 'sum(promptkit_provider_request_duration_seconds_count or histogram_count(promptkit_provider_request_duration_seconds))';
  for (const [mode, server] of servers) await server.waitForValue(total, providerCalls, 10_000).catch((e: Error) => assert.fail(`${mode.name}: ${e.message}`));
  const at = Date.now() / 1000;
  const name = catalog.providerRequestDuration.name;
  // Everything recorded: the histograms as they stand, no rate.
  const all = await p95ByMode(`histogram_quantile(0.95, sum by (provider, model) (${name})) or histogram_quantile(0.95, sum by (provider, model, le) (${name}_bucket))`, at);
  // The latency panel's own query, with a window that holds the whole run.
  const panel = await p95ByMode(concreteQuery(latencyP95, { range: '10m', rateInterval: '10m' }), at);
  const modes = ['classic', 'native', 'both', 'both, classic kept'];
  for (const [what, byMode] of [['all calls', all], ['latency panel', panel]] as const) {
    const [classic, native, both, bothKept] = modes.map((m) => byMode.get(m)!);
    assert.ok(native!.size >= 4, `${what}: ${native!.size} provider/model groups`);
    assert.deepEqual([...classic!.keys()].sort(), [...native!.keys()].sort(), what);
    for (const [group, value] of native!) {
      const c = classic!.get(group)!;
      const calls = durations.get(group) ?? [];
      const truth = what === 'all calls' ? `, recorded ${trueP95(calls).toFixed(3)} s of ${calls.length} calls` : '';
      t.diagnostic(`${what}, ${group}: p95 classic ${c.toFixed(3)} s, native ${value.toFixed(3)} s, both ${both!.get(group)?.toFixed(3)} s, both with classic kept ${bothKept!.get(group)?.toFixed(3)} s${truth}`);
      // The native histogram whenever there is one, and the same one: PromptKit records the same
      // calls into the same exponential buckets in 'native' and 'both', and the warm-up calls gave
      // every Prometheus the same first sample. A native quantile is scale-free, so each
      // Prometheus' own rate extrapolation leaves it exactly as it is.
      for (const other of [both!, bothKept!]) assert.ok(Math.abs(other.get(group)! - value) <= 1e-9 * value, `${what}, ${group}: ${other.get(group)} vs ${value}`);
      // The classic p95 interpolates inside the bucket holding the 95th percentile; the native one
      // lies in that bucket too, give or take its own finer resolution.
      const [lower, upper] = classicBucket(c);
      assert.ok(value > lower * 0.9 && value <= upper * 1.1, `${what}, ${group}: native ${value} outside the classic bucket (${lower}, ${upper}] of ${c}`);
    }
  }
});
