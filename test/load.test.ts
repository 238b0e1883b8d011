// Load and soak: a million events through a bus with a throwing listener, concurrent scrapes while
// recording, the OTLP receiver killed and restarted mid-recording, and memory under a label flood.
// Each test stays well under a minute on a 2-core machine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { EventBus, type PromptKitEvent } from '@promptkit/events';
import { DEFAULT_LABEL_LIMITS, OVERFLOW_VALUE } from '@promptkit/metrics';
import { MetricsListener, PrometheusExporter, promptkitViews } from '@promptkit/prometheus';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { repoRoot, requireBackend } from './support/backends.js';
import { sleep } from './support/ports.js';
import { samples } from './support/scrape.js';
import { startVictoria, type VictoriaServer } from './support/victoria.js';

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** An exporter on its own MeterProvider (never the global one), a bus and the metrics listener. */
function pipeline(): { exporter: PrometheusExporter; bus: EventBus; meterProvider: MeterProvider } {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false, maxConcurrentScrapes: 64 });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  const bus = new EventBus();
  cleanups.push(() => exporter.shutdown(), () => meterProvider.shutdown());
  return { exporter, bus, meterProvider };
}

const value = (text: string, series: string): number | undefined => samples(text).get(series);

/** `promtool check metrics` without blocking the event loop (checkMetrics, asynchronously). */
function promtoolCheck(promtool: string, exposition: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(promtool, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
    child.stdin.end(exposition);
  });
}

test('1M events with a throwing listener: every event counted exactly, 1M listener errors, nothing thrown', async () => {
  const { exporter, bus, meterProvider } = pipeline();
  // The throwing listener comes first: if its error escaped, the metrics listener would never run.
  bus.subscribeAll(() => {
    throw new Error('listener bug');
  });
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());

  const N = 1_000_000;
  const stages = ['retrieve', 'rank', 'generate', 'format', 'store'];
  const models = ['gpt-4o', 'claude-3', 'llama-3'];
  const tools = ['search', 'calc', 'fetch', 'sql', 'shell', 'math', 'code'];
  const at = Date.now();
  // Events are built up front per kind and reused, so the loop measures the bus, not allocation.
  const stageEvents = stages.map((name): PromptKitEvent => ({ type: 'stage.completed', timestamp: at, data: { name, stageType: 'transform', durationMs: 3 } }));
  const providerEvents = models.map((model): PromptKitEvent => ({
    type: 'provider.call.completed',
    timestamp: at,
    data: { provider: 'openai', model, durationMs: 800, inputTokens: 10, outputTokens: 3, cost: 0.5 },
  }));
  const toolEvents = tools.map((toolName): PromptKitEvent => ({ type: 'tool.call.failed', timestamp: at, data: { toolName, durationMs: 40, error: 'x' } }));
  const validationEvent: PromptKitEvent = { type: 'validation.passed', timestamp: at, data: { validatorName: 'schema', validatorType: 'output', durationMs: 1 } };

  const expectStage = new Array<number>(stages.length).fill(0);
  const expectModel = new Array<number>(models.length).fill(0);
  const expectTool = new Array<number>(tools.length).fill(0);
  let expectValidation = 0;
  const began = Date.now();
  assert.doesNotThrow(() => {
    for (let i = 0; i < N; i++) {
      switch (i & 3) {
        case 0:
          expectStage[i % 5]!++;
          bus.publish(stageEvents[i % 5]!);
          break;
        case 1:
          expectModel[i % 3]!++;
          bus.publish(providerEvents[i % 3]!);
          break;
        case 2:
          expectTool[i % 7]!++;
          bus.publish(toolEvents[i % 7]!);
          break;
        default:
          expectValidation++;
          bus.publish(validationEvent);
      }
    }
  });
  const publishMs = Date.now() - began;

  assert.deepEqual(bus.stats(), { published: N, listenerErrors: N });
  const text = await exporter.render();
  stages.forEach((stage, k) => {
    assert.equal(value(text, `promptkit_stage_elements_total{stage="${stage}",status="success"}`), expectStage[k], stage);
    assert.equal(value(text, `promptkit_stage_duration_seconds_count{stage="${stage}",stage_type="transform"}`), expectStage[k], stage);
  });
  models.forEach((model, k) => {
    const n = expectModel[k]!;
    assert.equal(value(text, `promptkit_provider_requests_total{provider="openai",model="${model}",status="success"}`), n, model);
    assert.equal(value(text, `promptkit_provider_tokens_total{provider="openai",model="${model}",type="input"}`), 10 * n, model);
    assert.equal(value(text, `promptkit_provider_tokens_total{provider="openai",model="${model}",type="output"}`), 3 * n, model);
    assert.equal(value(text, `promptkit_provider_cost_total{provider="openai",model="${model}"}`), 0.5 * n, model);
    assert.equal(value(text, `promptkit_provider_request_duration_seconds_count{provider="openai",model="${model}"}`), n, model);
  });
  tools.forEach((tool, k) => {
    assert.equal(value(text, `promptkit_tool_calls_total{tool="${tool}",status="error"}`), expectTool[k], tool);
  });
  assert.equal(value(text, 'promptkit_validations_total{validator="schema",validator_type="output",status="passed"}'), expectValidation);
  // Every event of the run is one of these four kinds, so the served counts must add up to N.
  const served = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
  const counted =
    served(/^promptkit_stage_duration_seconds_count\{[^}]*\} (\S+)$/gm) +
    served(/^promptkit_provider_requests_total\{[^}]*\} (\S+)$/gm) +
    served(/^promptkit_tool_calls_total\{[^}]*\} (\S+)$/gm) +
    served(/^promptkit_validations_total\{[^}]*\} (\S+)$/gm);
  assert.equal(counted, N);
  assert.doesNotMatch(text, /promptkit_dropped_records_total\{/, 'valid events must not be dropped');
  console.log(`# 1M events with a throwing listener: ${publishMs} ms (${((publishMs * 1e6) / N).toFixed(0)} ns/event)`);
});

test('40 concurrent scrapes over HTTP while recording: all 200, promtool-valid, counters monotonic and exact', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  const { exporter, bus, meterProvider } = pipeline();
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
  await exporter.start();

  const series = 'promptkit_tool_calls_total{tool="scrape-load",status="success"}';
  const event: PromptKitEvent = { type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 'scrape-load', durationMs: 12 } };
  // A few hundred series beside it, so a scrape has something to render.
  for (let i = 0; i < 40; i++) {
    bus.publish({ type: 'provider.call.completed', timestamp: Date.now(), data: { provider: 'p', model: `m${i}`, durationMs: 100 * i, inputTokens: i, outputTokens: 1 } });
    bus.publish({ type: 'stage.failed', timestamp: Date.now(), data: { name: `s${i}`, stageType: 'llm', durationMs: i, error: 'x' } });
  }

  let recorded = 0;
  let recording = true;
  // Recording continues in the same process between scrapes: batches yielded with setImmediate.
  const recorder = (async () => {
    while (recording) {
      for (let i = 0; i < 500; i++) {
        bus.publish(event);
        recorded++;
      }
      await new Promise(setImmediate);
    }
  })();

  const ROUNDS = 3;
  const CONCURRENT = 40;
  let previousMax = 0;
  let interleaved = 0;
  const bodies: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const replies = await Promise.all(
        Array.from({ length: CONCURRENT }, async () => {
          const before = recorded;
          const res = await fetch(exporter.url, { signal: AbortSignal.timeout(20_000) });
          const body = await res.text();
          return { status: res.status, type: res.headers.get('content-type'), body, before, after: recorded };
        }),
      );
      let roundMin = Infinity;
      let roundMax = 0;
      for (const reply of replies) {
        assert.equal(reply.status, 200);
        assert.match(String(reply.type), /^text\/plain; version=0\.0\.4/);
        const n = value(reply.body, series);
        assert.ok(n !== undefined, `${series} missing from a scrape`);
        // The value was read at some moment between sending the request and getting the answer.
        assert.ok(n >= reply.before && n <= reply.after, `scrape value ${n} outside [${reply.before}, ${reply.after}]`);
        if (reply.after > reply.before) interleaved++;
        roundMin = Math.min(roundMin, n);
        roundMax = Math.max(roundMax, n);
        bodies.push(reply.body);
      }
      // Every scrape of this round started after the whole previous round was answered.
      assert.ok(roundMin >= previousMax, `round ${round}: a counter went back from ${previousMax} to ${roundMin}`);
      previousMax = roundMax;
    }
  } finally {
    recording = false;
    await recorder;
  }
  assert.ok(recorded > 0 && previousMax > 0);
  assert.ok(interleaved > 0, 'recording never ran while a scrape was in flight');
  const final = await fetch(exporter.url).then((r) => r.text());
  assert.equal(value(final, series), recorded, 'after recording stopped the scrape shows exactly what was recorded');

  // promtool on every body: one promtool process per body, four at a time.
  const problems: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const { status, output } = await promtoolCheck(promtool, bodies[i]!);
        if (status !== 0) problems.push(`scrape ${i}: ${output.slice(0, 500)}`);
      }
    }),
  );
  assert.deepEqual(problems, []);
});

test('OTLP receiver killed and restarted while recording: the receiver ends with complete totals', async (t) => {
  const binary = requireBackend(t, 'victoria-metrics');
  if (!binary) return;
  const vm: VictoriaServer = await startVictoria(binary);
  cleanups.push(() => vm.stop());
  const telemetry: Telemetry = await startMetrics({
    serviceName: 'promptkit-soak',
    prometheus: false,
    registerGlobal: false,
    otlp: { endpoint: vm.otlpEndpoint, intervalMs: 500, timeoutMs: 400 },
  });
  cleanups.push(() => telemetry.shutdown());

  let recorded = 0;
  let recording = true;
  let maxGapMs = 0;
  const recorder = (async () => {
    let last = Date.now();
    while (recording) {
      for (let i = 0; i < 20; i++) {
        telemetry.eventBus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 'soak-otlp', durationMs: 5 } });
        recorded++;
      }
      await sleep(10);
      const now = Date.now();
      maxGapMs = Math.max(maxGapMs, now - last);
      last = now;
    }
  })();

  const query = 'sum(promptkit_tool_calls_total{tool="soak-otlp"})';
  try {
    await sleep(2_000);
    const beforeKill = recorded;
    await vm.kill();
    const atKill = recorded;
    await sleep(2_500); // at least four push intervals fail
    const duringOutage = recorded - atKill;
    await vm.restart();
    await sleep(2_000);
    recording = false;
    await recorder;
    assert.ok(beforeKill > 0 && duringOutage > 0, `recording must go on through the outage (${beforeKill}, ${duringOutage})`);
  } finally {
    recording = false;
    await recorder;
  }
  const began = Date.now();
  await telemetry.forceFlush();
  assert.ok(Date.now() - began < 5_000, `forceFlush took ${Date.now() - began} ms`);
  await vm.waitForValue(query, recorded, 30_000);
  await vm.waitForValue('sum(promptkit_tool_call_duration_seconds_count{tool="soak-otlp"})', recorded, 30_000);
  // Failed pushes happen on timers and in the background: the recording loop never stalled on them.
  assert.ok(maxGapMs < 1_000, `the recording loop stalled for ${maxGapMs} ms during the outage`);
  console.log(`# OTLP outage: ${recorded} records, all delivered; longest recording gap ${maxGapMs} ms`);
});

// The flood runs in a child Node with --expose-gc, so heap numbers are taken after a full GC and
// are not disturbed by the test runner's own heap.
const FLOOD_SCRIPT = String.raw`
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter, promptkitViews } from '@promptkit/prometheus';

const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
exporter.bindMeterProvider(meterProvider);
await exporter.start();
const bus = new EventBus();
bus.subscribeAll(new MetricsListener({ meterProvider }).listener());

let seq = 0;
const unique = () => 'v' + (seq++).toString(36) + '-' + Math.random().toString(36).slice(2, 12);
const counts = { provider: 0, tool: 0, stage: 0, validation: 0 };
function flood(n) {
  const at = Date.now();
  for (let i = 0; i < n; i++) {
    switch (i & 3) {
      case 0: counts.provider++; bus.publish({ type: 'provider.call.completed', timestamp: at, data: { provider: 'openai', model: unique(), durationMs: 900, inputTokens: 7, outputTokens: 2, cost: 0.001 } }); break;
      case 1: counts.tool++; bus.publish({ type: 'tool.call.completed', timestamp: at, data: { toolName: unique(), durationMs: 30 } }); break;
      case 2: counts.stage++; bus.publish({ type: 'stage.completed', timestamp: at, data: { name: unique(), stageType: 'llm', durationMs: 30 } }); break;
      default: counts.validation++; bus.publish({ type: 'validation.failed', timestamp: at, data: { validatorName: unique(), validatorType: 'output', durationMs: 1 } });
    }
  }
}
async function scrape() {
  const res = await fetch(exporter.url);
  if (res.status !== 200) throw new Error('scrape answered ' + res.status);
  return res.text();
}
async function heap() {
  for (let i = 0; i < 3; i++) { await new Promise(setImmediate); globalThis.gc(); }
  return process.memoryUsage().heapUsed;
}
const seriesOf = (text) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;

const WARMUP = Number(process.env.FLOOD_WARMUP);
const ROUNDS = Number(process.env.FLOOD_ROUNDS);
const PER_ROUND = Number(process.env.FLOOD_PER_ROUND);
flood(WARMUP);
await scrape();
const heaps = [await heap()];
const series = [];
let text = '';
for (let r = 0; r < ROUNDS; r++) {
  flood(PER_ROUND);
  text = await scrape();
  series.push(seriesOf(text));
  heaps.push(await heap());
}
await exporter.shutdown();
await meterProvider.shutdown();
process.stdout.write(JSON.stringify({ heaps, series, counts, text }) + '\n');
`;

test('memory stays flat and series stay bounded under a flood of unique model, tool, stage and validator names', async () => {
  const WARMUP = 20_000;
  const ROUNDS = 4;
  const PER_ROUND = 70_000; // 300k events in all
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', FLOOD_SCRIPT], {
    cwd: repoRoot,
    env: { ...process.env, NODE_NO_WARNINGS: '1', FLOOD_WARMUP: String(WARMUP), FLOOD_ROUNDS: String(ROUNDS), FLOOD_PER_ROUND: String(PER_ROUND) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 55_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(killer);
  assert.equal(code, 0, `the flood child failed (exit ${code}):\n${stderr.slice(-3000)}`);
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
    heaps: number[];
    series: number[];
    counts: { provider: number; tool: number; stage: number; validation: number };
    text: string;
  };
  const { heaps, series, counts, text } = result;
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  console.log(`# label flood: heap after warm-up ${mb(heaps[0]!)} MB, then ${heaps.slice(1).map(mb).join(', ')} MB; series per scrape ${series.join(', ')}`);

  // Memory: after the warm-up (every cap already reached) the heap does not grow with more values.
  const growth = Math.max(...heaps.slice(1)) - heaps[0]!;
  assert.ok(growth < 8 * 1048576, `heap grew by ${mb(growth)} MB after the warm-up (${heaps.map(mb).join(' → ')} MB)`);

  // Series: bounded, and the same in every scrape once the caps are reached.
  assert.ok(series.every((n) => n === series[0]), `series count changed between scrapes: ${series.join(', ')}`);
  assert.ok(series[0]! < 20_000, `${series[0]} series on /metrics`);

  const all = samples(text);
  const distinct = (family: string, label: string) => {
    const values = new Set<string>();
    const re = new RegExp(`[{,]${label}="((?:[^"\\\\]|\\\\.)*)"`);
    for (const key of all.keys()) {
      if (!key.startsWith(`${family}{`)) continue;
      const m = re.exec(key);
      if (m) values.add(m[1]!);
    }
    return values;
  };
  const caps: [string, string, number, number][] = [
    ['promptkit_provider_requests_total', 'model', DEFAULT_LABEL_LIMITS.model, counts.provider],
    ['promptkit_tool_calls_total', 'tool', DEFAULT_LABEL_LIMITS.tool, counts.tool],
    ['promptkit_stage_elements_total', 'stage', DEFAULT_LABEL_LIMITS.stage, counts.stage],
    ['promptkit_validations_total', 'validator', DEFAULT_LABEL_LIMITS.validator, counts.validation],
  ];
  for (const [family, label, cap, events] of caps) {
    const values = distinct(family, label);
    assert.ok(values.size <= cap + 1, `${family}: ${values.size} distinct ${label} values, cap ${cap}`);
    assert.ok(values.has(OVERFLOW_VALUE), `${family}: no ${OVERFLOW_VALUE} series`);
    // No count lost: the capped family still adds up to every event.
    let total = 0;
    for (const [key, v] of all) if (key.startsWith(`${family}{`)) total += v;
    assert.equal(total, events, `${family}: the series add up to ${total}, ${events} events were recorded`);
    const overflow = all.get(`promptkit_label_overflow_total{label="${label}"}`);
    assert.ok(overflow !== undefined && overflow >= events - cap, `promptkit_label_overflow_total{label="${label}"} is ${overflow}, expected at least ${events - cap}`);
  }
});
