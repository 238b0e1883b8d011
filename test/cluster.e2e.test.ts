// The proof against a real Prometheus: a cluster primary serving four workers under load, one of
// them SIGKILLed and replaced halfway. Prometheus' increase() over the run equals the calls
// published (within one scrape interval's worth) and no stored counter sample ever decreases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog } from '@promptkit/metrics';
import { requireBackend } from './support/backends.js';
import { drive } from './support/fixture.js';
import { freePort, sleep, waitFor } from './support/ports.js';
import { startPrometheus, type PromQL } from './support/prometheus.js';

const SCRAPE_S = 0.5;
const RUN_MS = 8_000;
const REQUESTS = `${catalog.providerRequests.name}{provider="openai",model="gpt-4o",status="success"}`;
const DURATION_COUNT = `${catalog.providerRequestDuration.name}_count{provider="openai",model="gpt-4o"}`;

/** The stored samples of one series over the last `range`, as [seconds, value]. */
async function stored(prom: PromQL, selector: string, range = '5m'): Promise<[number, number][]> {
  const body = await prom.raw(`${selector}[${range}]`);
  const result = body.data?.result as { values: [number, string][] }[] | undefined;
  assert.equal(result?.length, 1, `one series for ${selector}: ${JSON.stringify(body).slice(0, 300)}`);
  return result[0]!.values.map(([t, v]) => [t, Number(v)]);
}

test('four workers, one SIGKILLed and replaced halfway: increase() equals the calls published and no stored counter sample decreases', async (t) => {
  const binary = requireBackend(t, 'prometheus');
  if (binary === undefined) return;
  const port = await freePort();
  const primary = drive('cluster/load.ts', { PORT: String(port), RUN_MS: String(RUN_MS) });
  let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
  try {
    await primary.next('ready');
    prometheus = await startPrometheus(binary, { targets: [`127.0.0.1:${port}`], scrapeInterval: `${SCRAPE_S * 1000}ms` });
    const prom = prometheus;
    // Two samples of the quiet cluster (the primary's one call) before the load.
    await waitFor('two samples before the run', async () => ((await prom.value(`count_over_time(${REQUESTS}[1m])`)) ?? 0) >= 2 || undefined);
    primary.send('go');
    await primary.next('killed', 20_000);
    const done = await primary.next('done', 20_000);
    const published = done.published as number;
    assert.equal(done.workers, 5, 'four workers and the replacement published');
    // The last collections reach Prometheus within a few scrapes.
    await sleep(4 * SCRAPE_S * 1000);

    for (const selector of [REQUESTS, DURATION_COUNT]) {
      const samples = await stored(prom, selector);
      for (let i = 1; i < samples.length; i++) {
        assert.ok(samples[i]![1] >= samples[i - 1]![1], `${selector}: sample ${i} (${samples[i]![1]}) is below sample ${i - 1} (${samples[i - 1]![1]})`);
      }
      const [first, last] = [samples[0]!, samples.at(-1)!];
      assert.equal(first[1], 1, "the first sample holds the primary's own call only");
      assert.equal(await prom.value(`resets(${selector}[5m])`), 0, `${selector}: no reset`);
      // Over exactly the stored run: from the first sample to the last, so nothing is extrapolated.
      const windowMs = Math.round((last[0] - first[0]) * 1000) + 1;
      const body = await prom.raw(`increase(${selector}[${windowMs}ms])`, last[0]);
      const increase = Number((body.data?.result as { value: [number, string] }[])[0]!.value[1]);
      const perInterval = (published / (RUN_MS / 1000)) * SCRAPE_S;
      t.diagnostic(`${selector}: ${samples.length} samples, increase ${increase.toFixed(1)} for ${published} calls published (allowed difference ${perInterval.toFixed(0)})`);
      assert.ok(Math.abs(increase - published) <= perInterval, `${selector}: increase ${increase} differs from ${published} published by more than one scrape interval's worth (${perInterval})`);
    }
  } finally {
    await prometheus?.stop();
    await primary.stop();
  }
});
