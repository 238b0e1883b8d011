// Native histograms against a real Prometheus: call durations spread from 50 ms to 600 s, recorded
// both ways and scraped as protobuf by a Prometheus with native histograms on. The p95 from the
// native series is within 5 % of the true p95 of the recorded values; the classic buckets' answer
// is reported beside it.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { requireBackend } from './support/backends.js';
import { waitFor } from './support/ports.js';
import { startPrometheus, type PrometheusServer } from './support/prometheus.js';

let telemetry: Telemetry | undefined;
let prometheus: PrometheusServer | undefined;

after(async () => {
  await prometheus?.stop();
  await telemetry?.shutdown();
});

function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

const logUniform = (random: () => number, lowMs: number, highMs: number) => Math.exp(Math.log(lowMs) + random() * (Math.log(highMs) - Math.log(lowMs)));

/** Two workloads (ms): log-uniform from 50 ms to 600 s, and a mix of cached embeddings, chat and long reasoning calls. */
const WORKLOADS: Record<string, number[]> = (() => {
  const random = generator(20_261_130);
  const spread = Array.from({ length: 4_000 }, () => logUniform(random, 50, 600_000));
  const mixed = Array.from({ length: 4_000 }, () => {
    const kind = random();
    return kind < 0.6 ? logUniform(random, 50, 200) : kind < 0.94 ? logUniform(random, 2_000, 20_000) : logUniform(random, 60_000, 600_000);
  });
  return { spread, mixed };
})();

/** The q-quantile of values, interpolated between the two closest ranks. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const below = Math.floor(rank);
  return sorted[below]! + (sorted[Math.min(below + 1, sorted.length - 1)]! - sorted[below]!) * (rank - below);
}

test('quantiles of durations from 50 ms to 600 s: native within 5 % of the truth; classic buckets reported beside', async (t) => {
  const binary = requireBackend(t, 'prometheus');
  if (!binary) return;
  telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, histograms: 'both', registerGlobal: false, pricing: false });
  for (const [model, values] of Object.entries(WORKLOADS)) {
    for (const durationMs of values) {
      const event: PromptKitEvent = { type: 'provider.call.completed', timestamp: Date.now(), data: { provider: 'anthropic', model, durationMs, inputTokens: 1, outputTokens: 1 } };
      telemetry.eventBus.publish(event);
    }
  }
  prometheus = await startPrometheus(binary, {
    targets: [],
    jobs: [{ name: 'native', targets: [`127.0.0.1:${telemetry.prometheus!.port}`], settings: ['scrape_protocols: [PrometheusProto]', 'always_scrape_classic_histograms: true'] }],
    features: ['native-histograms'],
  });
  const name = 'promptkit_provider_request_duration_seconds';
  const total = Object.values(WORKLOADS).reduce((n, v) => n + v.length, 0);
  await waitFor('the native histograms and their classic buckets to be stored', async () => {
    const native = await prometheus!.value(`histogram_count(sum(${name}))`);
    const classic = await prometheus!.value(`sum(${name}_count)`);
    return native === total && classic === total ? true : undefined;
  }, 30_000);
  let worstNative = 0;
  let worstClassic = 0;
  for (const [model, values] of Object.entries(WORKLOADS)) {
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const truth = quantile(values, q) / 1000;
      const native = (await prometheus.value(`histogram_quantile(${q}, sum(${name}{model="${model}"}))`))!;
      const classic = (await prometheus.value(`histogram_quantile(${q}, sum by (le) (${name}_bucket{model="${model}"}))`))!;
      const nativeError = Math.abs(native - truth) / truth;
      const classicError = Math.abs(classic - truth) / truth;
      t.diagnostic(`${model} p${q * 100}: true ${truth.toFixed(3)} s; native ${native.toFixed(3)} s (${(nativeError * 100).toFixed(2)} % off); classic ${classic.toFixed(3)} s (${(classicError * 100).toFixed(1)} % off)`);
      assert.ok(nativeError <= 0.05, `${model} p${q * 100}: native ${native} vs true ${truth}`);
      worstNative = Math.max(worstNative, nativeError);
      worstClassic = Math.max(worstClassic, classicError);
    }
    // The native histogram's sum is the recorded sum.
    const sum = (await prometheus.value(`histogram_sum(sum(${name}{model="${model}"}))`))!;
    const recordedSum = values.reduce((a, b) => a + b, 0) / 1000;
    assert.ok(Math.abs(sum - recordedSum) / recordedSum < 1e-9, `${model} sum ${sum} vs ${recordedSum}`);
  }
  t.diagnostic(`worst error: native ${(worstNative * 100).toFixed(2)} %, classic ${(worstClassic * 100).toFixed(1)} %`);
  assert.ok(worstClassic > worstNative, 'the classic buckets are coarser than the native ones somewhere');
});
