// What a real VictoriaMetrics does with PromptKit's exponential histograms pushed over OTLP
// (`histograms: 'native'`): it stores them as `_bucket{vmrange="lower...upper"}` counts per range
// (not `le`), with `_sum` and `_count`. MetricsQL's histogram_quantile() reads vmrange buckets, so a
// quantile over `sum by (vmrange)` works and is checked against the recorded values here; a query
// `by (le)`, as written for classic buckets, finds nothing.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { requireBackend } from './support/backends.js';
import { waitFor } from './support/ports.js';
import { startVictoria, type VictoriaServer } from './support/victoria.js';

let telemetry: Telemetry | undefined;
let victoria: VictoriaServer | undefined;

after(async () => {
  await telemetry?.shutdown();
  await victoria?.stop();
});

test('VictoriaMetrics stores pushed exponential histograms as vmrange buckets; histogram_quantile over them is within 5 %', async (t) => {
  const binary = requireBackend(t, 'victoria-metrics');
  if (!binary) return;
  victoria = await startVictoria(binary);
  telemetry = await startMetrics({ prometheus: false, otlp: { endpoint: victoria.otlpEndpoint, intervalMs: 60_000 }, histograms: 'native', registerGlobal: false, pricing: false });
  let state = 7;
  const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
  const values = Array.from({ length: 3_000 }, () => Math.exp(Math.log(50) + random() * (Math.log(600_000) - Math.log(50))));
  for (const durationMs of values) {
    const event: PromptKitEvent = { type: 'provider.call.completed', timestamp: Date.now(), data: { provider: 'openai', model: 'gpt-4o', durationMs, inputTokens: 1, outputTokens: 1 } };
    telemetry.eventBus.publish(event);
  }
  await telemetry.forceFlush();
  const name = 'promptkit_provider_request_duration_seconds';
  await waitFor('the pushed histogram to be stored', async () => ((await victoria!.value(`sum(${name}_count)`)) === values.length ? true : undefined), 20_000);

  const series = await victoria.query(`${name}_bucket`);
  assert.ok(series.length > 20, `${series.length} vmrange buckets`);
  assert.ok(series.every((s) => /^\d\.\d{3}e[+-]\d{2}\.\.\.\d\.\d{3}e[+-]\d{2}$/.test(s.metric.vmrange ?? '') && s.metric.le === undefined), 'vmrange labels, no le');
  assert.equal(series.reduce((n, s) => n + s.value, 0), values.length, 'per-range counts (not cumulative) add up to the count');

  const sorted = [...values].sort((a, b) => a - b);
  for (const q of [0.5, 0.95]) {
    const truth = sorted[Math.round(q * (sorted.length - 1))]! / 1000;
    const got = (await victoria.value(`histogram_quantile(${q}, sum by (vmrange) (${name}_bucket))`))!;
    t.diagnostic(`p${q * 100}: true ${truth.toFixed(3)} s, VictoriaMetrics over vmrange ${got.toFixed(3)} s`);
    assert.ok(Math.abs(got - truth) / truth <= 0.05, `p${q * 100} ${got} vs ${truth}`);
  }
  assert.deepEqual(await victoria.query(`histogram_quantile(0.95, sum by (le) (${name}_bucket))`), [], 'a classic by (le) query finds nothing');
});
