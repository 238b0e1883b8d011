// One provider scraped in the three exposition formats (text 0.0.4, OpenMetrics 1.0.0, Prometheus
// protobuf): the same series and values in each, exemplars of a sampled span in the two that carry
// them, and a real Prometheus that scrapes each format (scrape_protocols one at a time) storing the
// same series with the same values.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { requireBackend } from './support/backends.js';
import { fetchFormat, readProtobuf, readText, seriesKey, type ReadExemplar } from './support/formats.js';
import { waitFor } from './support/ports.js';
import { startPrometheus, type PrometheusServer } from './support/prometheus.js';
import { enableTracing, withSampledSpan } from './support/tracing.js';

let tracing: { disable: () => void } | undefined;
let telemetry: Telemetry;
let prometheus: PrometheusServer | undefined;
let slowTrace = '';
let slowSpan = '';

const completed = (durationMs: number, model = 'gpt-4o'): PromptKitEvent => ({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'openai', model, durationMs, inputTokens: 120, outputTokens: 30, cachedTokens: 20, finishReason: 'stop' },
});

before(async () => {
  tracing = enableTracing();
  telemetry = await startMetrics({
    prometheus: { host: '127.0.0.1', port: 0, openMetricsCreatedSamples: true },
    histograms: 'both',
    registerGlobal: false,
    pricing: false,
  });
  const bus = telemetry.eventBus;
  bus.publish({ type: 'pipeline.started', timestamp: Date.now(), data: {} });
  for (const ms of [80, 450, 2_500]) bus.publish(completed(ms));
  bus.publish(completed(900, 'gpt-4o "mini"\nline'));
  bus.publish({ type: 'provider.call.failed', timestamp: Date.now(), data: { provider: 'openai', model: 'gpt-4o', durationMs: 300, error: new Error('429'), errorType: 'rate_limit' } });
  // The slow call runs inside a sampled span: its bucket and counters keep that span as exemplar.
  withSampledSpan((span) => {
    slowTrace = span.traceId;
    slowSpan = span.spanId;
    bus.publish(completed(42_000));
  });
  const meter = telemetry.meterProvider.getMeter('app', '1.2.3');
  meter.createCounter('app.jobs', { unit: '{job}', description: 'Jobs done' }).add(7, { queue: 'default' });
  meter.createUpDownCounter('app.queue.depth', { description: 'Waiting jobs' }).add(-3, { queue: 'default' });
  const latency = meter.createHistogram('app.latency', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1, 10] } });
  for (const v of [0.05, 0.5, 5, 50]) latency.record(v, { route: '/chat' });
  meter.createObservableGauge('app.temperature', { unit: 'Cel' }).addCallback((r) => r.observe(21.5, { room: 'lab' }));
});

after(async () => {
  await prometheus?.stop();
  await telemetry.shutdown();
  tracing?.disable();
});

const exemplarSet = (list: ReadExemplar[]) => new Set(list.map((e) => `${e.series} ${e.traceId} ${e.spanId} ${e.value}`));

test('text, OpenMetrics and protobuf carry the same series and values; exemplars and start times agree', async () => {
  const url = telemetry.prometheus!.url;
  const text = await fetchFormat(url, 'text');
  const om = await fetchFormat(url, 'openmetrics');
  const pb = await fetchFormat(url, 'protobuf');
  assert.match(text.contentType, /^text\/plain; version=0\.0\.4/);
  assert.match(om.contentType, /^application\/openmetrics-text; version=1\.0\.0/);
  assert.match(pb.contentType, /^application\/vnd\.google\.protobuf; proto=io\.prometheus\.client\.MetricFamily; encoding=delimited/);
  const fromText = readText(Buffer.from(text.bytes).toString('utf8'));
  const omBody = Buffer.from(om.bytes).toString('utf8');
  assert.ok(omBody.endsWith('# EOF\n'));
  const fromOm = readText(omBody);
  const fromPb = readProtobuf(pb.bytes);

  assert.ok(fromText.samples.size > 40, `${fromText.samples.size} samples`);
  assert.deepEqual(fromOm.samples, fromText.samples);
  assert.deepEqual(fromPb.samples, fromText.samples);
  assert.equal(fromText.exemplars.length, 0, 'text 0.0.4 has no exemplars');

  // The slow call's span, on its bucket (30, 45] and on the counters it increased.
  const bucket = seriesKey('promptkit_provider_request_duration_seconds_bucket', { provider: 'openai', model: 'gpt-4o', le: '45' });
  const requests = seriesKey('promptkit_provider_requests_total', { provider: 'openai', model: 'gpt-4o', status: 'success' });
  for (const read of [fromOm, fromPb]) {
    assert.ok(read.exemplars.some((e) => e.series === bucket && e.traceId === slowTrace && e.spanId === slowSpan && e.value === 42), `bucket exemplar in ${[...exemplarSet(read.exemplars)].join('\n')}`);
    assert.ok(read.exemplars.some((e) => e.series === requests && e.traceId === slowTrace && e.value === 1));
  }
  assert.deepEqual(exemplarSet(fromOm.exemplars), exemplarSet(fromPb.exemplars));
  // Only calls inside a sampled span have exemplars: the 80 ms call made outside one has none.
  assert.ok(!fromOm.exemplars.some((e) => e.value === 0.08));

  assert.ok(fromOm.created.size > 10);
  for (const [series, seconds] of fromOm.created) assert.ok(Math.abs((fromPb.created.get(series) ?? 0) - seconds) < 0.002, `start time of ${series}`);

  // Histograms recorded both ways: classic buckets and a native histogram in one protobuf message.
  const duration = fromPb.families.find((f) => f.name === 'promptkit_provider_request_duration_seconds')!;
  const h = duration.metric.find((m) => m.label.some((l) => l.value === 'gpt-4o'))!.histogram!;
  assert.ok(h.bucket.length > 5 && h.positiveSpan.length > 0 && h.schema <= 8 && h.schema >= -4);
  assert.equal(h.sampleCount, 5n);
  assert.ok(!fromPb.families.some((f) => f.name.includes('native')), 'the :native stream is not a family of its own');
});

/** GET with node:http, which (unlike fetch) hands back the body as sent. */
function getRaw(url: string, headers: Record<string, string>): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

test('gzip when accepted, for every format; identity when not', async () => {
  const url = telemetry.prometheus!.url;
  for (const accept of ['text/plain;version=0.0.4', 'application/openmetrics-text;version=1.0.0', 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited']) {
    const zipped = await getRaw(url, { accept, 'accept-encoding': 'gzip' });
    assert.equal(zipped.encoding, 'gzip');
    const plain = await getRaw(url, { accept, 'accept-encoding': 'identity' });
    assert.equal(plain.encoding, undefined);
    assert.ok(zipped.body.length < plain.body.length / 2, `${accept}: ${zipped.body.length} gzipped vs ${plain.body.length}`);
    assert.deepEqual(gunzipSync(zipped.body), plain.body);
  }
});

test('a real Prometheus scraping each format stores the same series, values and exemplars', async (t) => {
  const binary = requireBackend(t, 'prometheus');
  if (!binary) return;
  const target = `127.0.0.1:${telemetry.prometheus!.port}`;
  const job = (name: string, protocol: string, extra: string[] = []) => ({ name, targets: [target], settings: [`scrape_protocols: [${protocol}]`, ...extra] });
  prometheus = await startPrometheus(binary, {
    targets: [],
    jobs: [job('text', 'PrometheusText0.0.4'), job('openmetrics', 'OpenMetricsText1.0.0'), job('protobuf', 'PrometheusProto', ['always_scrape_classic_histograms: true'])],
    features: ['native-histograms', 'exemplar-storage'],
  });
  const stored = async (name: string) => {
    // OpenMetrics _created samples are series of their own to a Prometheus without
    // created-timestamp-zero-ingestion (why they are off by default); they are checked below.
    const body = await prometheus!.raw(`{job="${name}", __name__=~"promptkit_.+|app_.+", __name__!~".+_created"}`);
    const out = new Map<string, number>();
    for (const r of body.data!.result as { metric: Record<string, string>; value?: [number, string] }[]) {
      if (r.value === undefined) continue; // a native histogram sample: compared below
      const { __name__: metric, job: _job, instance: _instance, ...labels } = r.metric;
      out.set(seriesKey(metric!, labels), Number(r.value[1]));
    }
    return out;
  };
  let last = new Map<string, Map<string, number>>();
  await waitFor('three jobs to store the same samples', async () => {
    last = new Map([['text', await stored('text')], ['openmetrics', await stored('openmetrics')], ['protobuf', await stored('protobuf')]]);
    return last.get('text')!.size > 40 && last.get('openmetrics')!.size === last.get('text')!.size && last.get('protobuf')!.size === last.get('text')!.size ? true : undefined;
  }, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}: ${[...last].map(([j, m]) => `${j} ${m.size}`).join(', ')}; text only: ${[...last.get('text')!.keys()].filter((k) => !last.get('protobuf')!.has(k)).slice(0, 5).join(' ')}`);
  });
  assert.deepEqual(last.get('openmetrics'), last.get('text'));
  assert.ok((await prometheus.query('promptkit_provider_requests_created{job="openmetrics"}')).length > 0, 'the _created samples were stored as series');
  assert.deepEqual(last.get('protobuf'), last.get('text'));
  // Queries a dashboard makes give the same answer whichever format was scraped.
  for (const expr of ['sum by (model) (promptkit_provider_tokens_total{job="J"})', 'histogram_quantile(0.5, sum by (le) (promptkit_provider_request_duration_seconds_bucket{job="J"}))', 'sum(app_latency_seconds_count{job="J"})']) {
    const values = await Promise.all(['text', 'openmetrics', 'protobuf'].map(async (j) => JSON.stringify((await prometheus!.query(expr.replace('"J"', `"${j}"`))).map((s) => s.value))));
    assert.equal(new Set(values).size, 1, `${expr}: ${values.join(' / ')}`);
  }
  // The protobuf job also stored the native histogram.
  assert.equal(await prometheus.value('histogram_count(sum(promptkit_provider_request_duration_seconds{job="protobuf", model="gpt-4o"}))'), 5);
  // Exemplar storage: the slow bucket leads to the slow call's trace, from OpenMetrics and from protobuf.
  for (const j of ['openmetrics', 'protobuf']) {
    const params = new URLSearchParams({ query: `promptkit_provider_request_duration_seconds_bucket{job="${j}"}`, start: String(Date.now() / 1000 - 600), end: String(Date.now() / 1000 + 60) });
    const body = (await (await fetch(`${prometheus.baseUrl}/api/v1/query_exemplars?${params.toString()}`)).json()) as { data: { seriesLabels: Record<string, string>; exemplars: { labels: Record<string, string>; value: string }[] }[] };
    const slow = body.data.flatMap((s) => s.exemplars.map((e) => ({ le: s.seriesLabels.le, ...e })));
    assert.ok(slow.some((e) => e.labels.trace_id === slowTrace && e.labels.span_id === slowSpan && Number(e.value) === 42 && e.le === '45.0'), `${j}: ${JSON.stringify(slow)}`);
  }
});
