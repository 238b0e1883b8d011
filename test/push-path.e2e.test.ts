// The buffered push path with real components: PromptKit pushes OTLP to vmagent, which remote-writes
// into VictoriaMetrics, both run with the flags of victoriametrics/compose.yaml. Storage is stopped
// for 30 s while the application keeps recording and pushing every 500 ms, and vmagent itself is
// restarted during the outage; afterwards the store holds exactly the recorded totals, and the
// samples pushed during the outage were delivered late from vmagent's disk buffer, not lost.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { requireBackend } from './support/backends.js';
import { sleep, waitFor } from './support/ports.js';
import { PromQL } from './support/prometheus.js';
import { AGENT_TEST_FLAGS, preparePushPath, readCompose, VM_TEST_FLAGS, type PushPath } from './support/push-path.js';

const OUTAGE_MS = 30_000;
const PUSH_INTERVAL_MS = 500;

/** A gauge of vmagent's own /metrics, summed over its series. */
async function agentMetric(path: PushPath, name: string): Promise<number> {
  const text = await (await fetch(`${path.url('vmagent')}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Bytes in vmagent's persistent-queue data files (named by offset: 16 hex digits). */
function queuedBytes(tmpDataPath: string): number {
  const queues = join(tmpDataPath, 'persistent-queue');
  let bytes = 0;
  for (const queue of existsSync(queues) ? readdirSync(queues) : []) {
    for (const file of readdirSync(join(queues, queue))) if (/^[0-9A-F]{16}$/i.test(file)) bytes += statSync(join(queues, queue, file)).size;
  }
  return bytes;
}

/** Raw stored samples of one series: [timestamp ms, value] in time order. */
async function storedSamples(store: PromQL, selector: string): Promise<[number, number][]> {
  const res = await fetch(`${store.baseUrl}/api/v1/export?${new URLSearchParams({ 'match[]': selector }).toString()}`);
  const lines = (await res.text()).split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, `one series for ${selector}, got ${lines.length}`);
  const series = JSON.parse(lines[0]!) as { values: number[]; timestamps: number[] };
  return series.timestamps.map((t, i): [number, number] => [t, series.values[i]!]).sort((a, b) => a[0] - b[0]);
}

test('storage down for 30 s while the app records and pushes: vmagent buffers on disk, totals stored exactly', { timeout: 150_000 }, async (t) => {
  const vmBinary = requireBackend(t, 'victoria-metrics');
  const agentBinary = requireBackend(t, 'vmagent');
  if (!vmBinary || !agentBinary) return;
  const path = await preparePushPath(readCompose());
  let telemetry: Telemetry | undefined;
  let recorder: NodeJS.Timeout | undefined;
  try {
    await path.start('victoria-metrics', vmBinary, VM_TEST_FLAGS);
    await path.start('vmagent', agentBinary, AGENT_TEST_FLAGS);
    const store = new PromQL(path.url('victoria-metrics'));
    telemetry = await startMetrics({
      serviceName: 'push-path',
      prometheus: false,
      registerGlobal: false,
      pricing: false,
      otlp: { endpoint: `${path.url('vmagent')}/opentelemetry`, intervalMs: PUSH_INTERVAL_MS },
    });
    const recorded = { success: 0, rateLimited: 0 };
    const bus = telemetry.eventBus;
    recorder = setInterval(() => {
      const timestamp = Date.now();
      bus.publish({ type: 'provider.call.completed', timestamp, data: { provider: 'openai', model: 'gpt-4o', durationMs: 800, inputTokens: 120, outputTokens: 30 } });
      recorded.success++;
      if (recorded.success % 3 === 0) {
        bus.publish({ type: 'provider.call.failed', timestamp, data: { provider: 'openai', model: 'gpt-4o', durationMs: 50, error: '429', errorType: 'rate_limit' } });
        recorded.rateLimited++;
      }
    }, 50);
    const success = 'promptkit_provider_requests_total{job="push-path",provider="openai",model="gpt-4o",status="success"}';
    await waitFor('the first pushes in the store', async () => ((await store.value(success)) ?? 0) > 0 ? true : undefined, 20_000, 250);

    await path.stop('victoria-metrics');
    const outageStart = Date.now();
    // vmagent holds what it cannot deliver...
    await waitFor('vmagent to hold pending data', async () => ((await agentMetric(path, 'vmagent_remotewrite_pending_data_bytes')) > 0 ? true : undefined), 10_000, 250);
    // ...and keeps it on disk across its own restart, while the app's pushes fail for a moment.
    await sleep(8_000);
    await path.stop('vmagent');
    const onDisk = queuedBytes(path.run.volumes.get('vmagentdata')!);
    t.diagnostic(`vmagent stopped with ${onDisk} bytes queued in -remoteWrite.tmpDataPath`);
    assert.ok(onDisk > 0, 'vmagent keeps undelivered data in its queue files');
    await path.start('vmagent', agentBinary, AGENT_TEST_FLAGS);
    await sleep(Math.max(0, outageStart + OUTAGE_MS - Date.now()));
    const outageEnd = Date.now();
    await path.start('victoria-metrics', vmBinary, VM_TEST_FLAGS);

    await sleep(2_000);
    clearInterval(recorder);
    await telemetry.forceFlush();
    const expected: [string, number][] = [
      [success, recorded.success],
      ['promptkit_provider_requests_total{job="push-path",status="error"}', recorded.rateLimited],
      ['promptkit_provider_errors_total{job="push-path",error_type="rate_limit"}', recorded.rateLimited],
      ['promptkit_provider_tokens_total{job="push-path",type="input"}', recorded.success * 120],
      ['promptkit_provider_tokens_total{job="push-path",type="output"}', recorded.success * 30],
      ['promptkit_provider_request_duration_seconds_count{job="push-path"}', recorded.success + recorded.rateLimited],
      ['promptkit_provider_request_duration_seconds_bucket{job="push-path",le="0.1"}', recorded.rateLimited],
    ];
    const drainStart = Date.now();
    for (const [selector, value] of expected) await store.waitForValue(selector, value, 60_000);
    t.diagnostic(`${recorded.success} + ${recorded.rateLimited} calls recorded; the store had them all ${Date.now() - drainStart} ms after the last push`);

    // The outage is covered by samples that reached the store only after it ended: vmagent's buffer
    // delivered them. A push may fail while vmagent restarts (its totals come with the next one).
    const samples = await storedSamples(store, success);
    const during = samples.filter(([at]) => at > outageStart && at < outageEnd);
    assert.ok(during.length >= (OUTAGE_MS / PUSH_INTERVAL_MS) * 0.8, `${during.length} samples stored from the outage`);
    const gaps = during.slice(1).map(([at], i) => at - during[i]![0]);
    t.diagnostic(`${during.length} samples stored from the ${outageEnd - outageStart} ms outage; largest gap ${Math.max(...gaps)} ms`);
    assert.ok(Math.max(...gaps) < 3_000, `largest gap in the outage: ${Math.max(...gaps)} ms`);
    for (let i = 1; i < samples.length; i++) assert.ok(samples[i]![1] >= samples[i - 1]![1], 'the stored counter never decreases');
  } finally {
    clearInterval(recorder);
    await telemetry?.shutdown();
    await path.close();
  }
});
