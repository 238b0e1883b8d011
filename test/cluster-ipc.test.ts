// Node's cluster module with real processes: a worker that stops answering is served from its last
// answer within the bound (and diag says so once); a worker that shuts down exits by itself with its
// last collection delivered, and PromptKit keeps no process alive.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { catalog } from '@promptkit/metrics';
import { drive } from './support/fixture.js';
import { sleep, waitFor } from './support/ports.js';
import { flatten, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.js';
import { sampleWith, scrape } from './support/scrape.js';

const receivers: OtlpReceiver[] = [];
after(async () => {
  for (const receiver of receivers) await receiver.stop();
});

const CALL_LABELS = { provider: 'openai', model: 'gpt-4o', status: 'success' };
const ANSWER_MS = 300;
const HANG_MS = 3_000;

async function timedScrape(url: string): Promise<{ ms: number; calls: number | undefined }> {
  const started = Date.now();
  const { status, body } = await scrape(url);
  assert.equal(status, 200);
  return { ms: Date.now() - started, calls: sampleWith(body, catalog.providerRequests.name, CALL_LABELS) };
}

test("a worker that stops answering is served from its last answer within the bound, and diag says so once", async () => {
  const primary = drive('cluster/hang.ts', { ANSWER_MS: String(ANSWER_MS), HANG_MS: String(HANG_MS) });
  try {
    const url = (await primary.next('ready')).url as string;
    assert.deepEqual((await timedScrape(url)).calls, 3, "the worker's calls, answered in time");
    primary.send('hang');
    await sleep(200);
    for (let i = 0; i < 3; i++) {
      const { ms, calls } = await timedScrape(url);
      assert.equal(calls, 3, `scrape ${i} during the hang: the last answer`);
      assert.ok(ms < ANSWER_MS + 700, `scrape ${i} answered in ${ms} ms, within the ${ANSWER_MS} ms bound and a margin`);
    }
    const late = primary.stderr().split('\n').filter((line) => /did not answer within 300 ms; its last answer is served/.test(line));
    assert.equal(late.length, 1, primary.stderr());
    await waitFor('the worker to answer again', () => Promise.resolve(/answers again/.test(primary.stderr()) || undefined), HANG_MS + 5_000);
  } finally {
    await primary.stop();
  }
});

test("a worker that shuts down and disconnects exits by itself with its last collection delivered to /metrics and the primary's OTLP push; then the primary exits by itself", async (t) => {
  const receiver = await startOtlpReceiver();
  receivers.push(receiver);
  const primary = drive('cluster/lifetime.ts', { RECEIVER: receiver.httpUrl });
  try {
    const exited = await primary.next('worker exited', 20_000);
    t.diagnostic(`the worker exited ${String(exited.afterMs)} ms after it was forked`);
    assert.deepEqual([exited.code, exited.calls], [0, 2], "the worker's calls reached the primary in its last collection");
    const pushed = receiver.requests
      .flatMap((r) => flatten(r.request).metrics)
      .filter((m) => m.name === catalog.providerRequests.name)
      .flatMap((m) => m.points.map((p) => p.value));
    // The forced push, and maybe the one an idle process makes before it exits: both the aggregate.
    assert.ok(pushed.length >= 1 && pushed.every((value) => value === 2), `pushes from the primary carry the aggregate: ${pushed.join(', ')}`);
    const [code] = await Promise.race([primary.exited, sleep(10_000).then(() => [-1] as const)]);
    assert.equal(code, 0, `the primary ends by itself: ${primary.stderr()}`);
  } finally {
    await primary.stop();
  }
});
