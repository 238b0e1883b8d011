// Property-based: random OpenTelemetry instruments (any name, unit, description, scope, kind,
// attributes and values) beside PromptKit's metrics on one MeterProvider. Every /metrics answer must
// parse strictly, keep the structure Prometheus relies on, pass promtool (naming-style hints aside),
// keep PromptKit's families PromptKit's own with the exact values recorded, and — in a few rounds — be
// scraped by a real Prometheus with `up` 1, every sample ingested and no duplicate dropped.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { diag, DiagLogLevel, type Attributes, type Meter } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationType, InstrumentType, MeterProvider } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { EventBus } from '@promptkit/events';
import { catalog } from '@promptkit/metrics';
import { MetricsListener, PrometheusExporter, promptkitViews } from '@promptkit/prometheus';
import { requireBackend } from './support/backends.js';
import { parseExposition, promtoolProblems, structuralProblems, type ParsedFamily } from './support/exposition-check.js';
import { startPrometheus, type PrometheusServer } from './support/prometheus.js';
import { eventsOf, expectedPromptKitSeries, promptKitProblems, scenarioArbitrary, SCOPES, type InstrumentSpec, type Scenario } from './support/instrument-scenarios.js';

const diagLines: string[] = [];
const capture = (...args: unknown[]) => void diagLines.push(args.map(String).join(' '));
diag.setLogger({ error: capture, warn: capture, info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);
after(() => diag.disable());

function record(meter: Meter, spec: InstrumentSpec): void {
  const options = { unit: spec.unit, description: spec.description, ...(spec.boundaries ? { advice: { explicitBucketBoundaries: spec.boundaries } } : {}) };
  const observe = (observer: { observe(value: number, attributes?: Attributes): void }) => {
    for (const r of spec.records) observer.observe(r.value, r.attributes);
  };
  switch (spec.kind) {
    case 'counter': {
      const counter = meter.createCounter(spec.name, options);
      for (const r of spec.records) counter.add(r.value, r.attributes);
      return;
    }
    case 'updowncounter': {
      const counter = meter.createUpDownCounter(spec.name, options);
      for (const r of spec.records) counter.add(r.value, r.attributes);
      return;
    }
    case 'histogram': {
      const histogram = meter.createHistogram(spec.name, options);
      for (const r of spec.records) histogram.record(r.value, r.attributes);
      return;
    }
    case 'gauge': {
      const gauge = meter.createGauge(spec.name, options);
      for (const r of spec.records) gauge.record(r.value, r.attributes);
      return;
    }
    case 'observableGauge':
      return meter.createObservableGauge(spec.name, options).addCallback(observe);
    case 'observableCounter':
      return meter.createObservableCounter(spec.name, options).addCallback(observe);
    case 'observableUpDownCounter':
      return meter.createObservableUpDownCounter(spec.name, options).addCallback(observe);
  }
}

/** An exporter (not started) with PromptKit's listener and the scenario's instruments on one provider. */
function build(scenario: Scenario): { exporter: PrometheusExporter; meterProvider: MeterProvider } {
  const { withScopeLabels, withTargetInfo } = scenario;
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false, withScopeLabels, withTargetInfo });
  const meterProvider = new MeterProvider({
    resource: resourceFromAttributes(scenario.resource),
    readers: [exporter.reader],
    // Histograms of scope `expo` are exponential: served as their count, sum and +Inf bucket.
    views: [...promptkitViews(), { instrumentType: InstrumentType.HISTOGRAM, meterName: 'expo', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  exporter.bindMeterProvider(meterProvider);
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
  // PromptKit records before and after the random instruments are created, so neither order wins.
  const half = Math.floor(scenario.instruments.length / 2);
  scenario.instruments.slice(0, half).forEach((spec) => record(meterProvider.getMeter(...SCOPES[spec.scope]!), spec));
  for (const event of eventsOf(scenario)) bus.publish(event);
  scenario.instruments.slice(half).forEach((spec) => record(meterProvider.getMeter(...SCOPES[spec.scope]!), spec));
  assert.equal(bus.stats().listenerErrors, 0);
  return { exporter, meterProvider };
}

async function fetchBody(url: string, gzip: boolean): Promise<string> {
  const res = await fetch(url, { headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' }, signal: AbortSignal.timeout(10_000) });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const bytes = Buffer.from(await res.arrayBuffer());
  // fetch decompresses; the length header counts the bytes on the wire.
  if (!gzip) assert.equal(Number(res.headers.get('content-length')), bytes.length);
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** Every check of one exposition; the scenario is named in the message when one fails. */
function verify(promtool: string, text: string, scenario: Scenario): ParsedFamily[] {
  const families = parseExposition(text);
  assert.deepEqual(structuralProblems(families), [], 'structure');
  assert.deepEqual(promptKitProblems(families, scenario), [], "PromptKit's families");
  assert.deepEqual(promtoolProblems(promtool, text, families.map((f) => f.name)), [], 'promtool');
  // PromptKit never reports leaving out or repairing one of its own metrics.
  assert.deepEqual(diagLines.filter((line) => line.includes("of scope '@promptkit/metrics")), []);
  return families;
}

/**
 * OpenTelemetry's cumulative sums of observable instruments subtract the previous observation, so
 * an observed ±Infinity reads NaN from the second collection on (its arithmetic, not the exporter's).
 */
function nonFiniteAlike(text: string): string {
  return text.replace(/ (?:NaN|[+-]Inf)$/gm, ' <non-finite>');
}

const FC_LIMITS = { interruptAfterTimeLimit: 25_000, markInterruptAsFailure: false } as const;

test('property: random instruments beside PromptKit’s never make /metrics invalid (strict parse, structure, promtool, exact PromptKit series)', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary, async (scenario) => {
      runs++;
      const { exporter, meterProvider } = build(scenario);
      await exporter.start();
      try {
        const text = await fetchBody(exporter.url, false);
        verify(promtool, text, scenario);
        const reports = diagLines.length;
        // The same data gives the same exposition, gzipped or not, and no instrument is reported twice.
        assert.equal(nonFiniteAlike(await fetchBody(exporter.url, true)), nonFiniteAlike(text));
        assert.equal(nonFiniteAlike(await exporter.render()), nonFiniteAlike(text));
        assert.deepEqual(diagLines.slice(reports).filter((line) => line.startsWith('promptkit:')), []);
      } finally {
        await exporter.shutdown();
        await meterProvider.shutdown();
      }
    }),
    { numRuns: 60, ...FC_LIMITS },
  );
  assert.ok(runs >= 20, `only ${runs} runs in the time limit`);
});

async function prometheusMetric(prometheus: PrometheusServer, name: string): Promise<number> {
  const text = await (await fetch(`${prometheus.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

test('property: a real Prometheus scrapes every round (up 1, every sample ingested, no duplicate dropped, PromptKit values exact)', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  const binary = requireBackend(t, 'prometheus');
  if (!promtool || !binary) return;
  // One Prometheus for every round: a loopback server hands each scrape to the round's exporter.
  let current: PrometheusExporter | undefined;
  const server = createServer((req, res) => {
    if (current !== undefined) current.handler()(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const prometheus = await startPrometheus(binary, { targets: [`127.0.0.1:${(server.address() as AddressInfo).port}`] });
  // Few rounds (each waits for a scrape); PROPERTY_SEED=<seed> replays a failed run's scenarios.
  const seed = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
  const scenarios = fc.sample(scenarioArbitrary, { numRuns: 5, seed });
  try {
    for (const [round, generated] of scenarios.entries()) {
      // A tool call named after the round tells when Prometheus has scraped this round's exporter.
      const marker = `round${round}`;
      const scenario: Scenario = { ...generated, tools: [...generated.tools, { name: marker, durationMs: 1 }] };
      const { exporter, meterProvider } = build(scenario);
      const text = await exporter.render();
      const context = `PROPERTY_SEED=${seed} round ${round}, scenario ${JSON.stringify(scenario).slice(0, 4000)}`;
      const families = (() => {
        try {
          return verify(promtool, text, scenario);
        } catch (error) {
          throw new Error(context, { cause: error });
        }
      })();
      current = exporter;
      await prometheus.waitForValue(`${catalog.toolCalls.name}{tool="${marker}",status="success"}`, 1, 30_000);
      assert.equal(await prometheus.value('up{job="promptkit"}'), 1, context);
      const samples = families.reduce((n, f) => n + f.samples.length, 0);
      await prometheus.waitForValue('scrape_samples_scraped{job="promptkit"}', samples, 5_000).catch((error: unknown) => assert.fail(`${String(error)}; ${context}`));
      for (const [selector, value] of expectedPromptKitSeries(scenario)) {
        const got = await prometheus.value(selector);
        assert.ok(got !== undefined && Math.abs(got - value) <= 1e-9 * Math.max(1, Math.abs(value)), `${selector}: Prometheus has ${got}, recorded ${value}; ${context}`);
      }
      for (const counter of ['prometheus_target_scrapes_sample_duplicate_timestamp_total', 'prometheus_target_scrapes_sample_out_of_order_total', 'prometheus_target_scrapes_sample_out_of_bounds_total']) {
        assert.equal(await prometheusMetric(prometheus, counter), 0, `${counter}; ${context}`);
      }
      await meterProvider.shutdown();
    }
  } finally {
    current = undefined;
    await prometheus.stop();
    await new Promise((resolve) => server.close(resolve));
  }
});
