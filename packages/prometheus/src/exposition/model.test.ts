// The exposition model with real OpenTelemetry instruments: what it leaves out or repairs so that
// every scrape parses (promtool's parser, Prometheus' own) and no series is written twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { promptkitViews } from '@promptkit/meter-provider';
import { MetricsListener } from '@promptkit/metrics';
import { EventBus } from '@promptkit/events';
import { PrometheusExporter } from '../exporter.js';

const reports: string[] = [];
diag.setLogger({ error: (m) => reports.push(m), warn: (m) => reports.push(m), info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);

function setup() {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const provider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(provider);
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider: provider }).listener());
  const toolCall = (toolName: string) => bus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName, durationMs: 1500 } });
  return { exporter, provider, meter: provider.getMeter('app', '1.0'), toolCall };
}

/** Sample lines named `family` or, for a histogram, `family_bucket|_sum|_count`. */
function lines(text: string, family: string): string[] {
  const names = [family, `${family}_bucket`, `${family}_sum`, `${family}_count`];
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#') && names.includes(l.slice(0, l.search(/[{ ]/))));
}

test('an attribute with an empty key is left out, never written as a label without a name', async () => {
  const { exporter, provider, meter } = setup();
  meter.createCounter('only_empty').add(1, { '': 'x' });
  meter.createCounter('empty_and_valid').add(2, { '': 'x', zone: 'a' });
  const text = await exporter.render();
  assert.doesNotMatch(text, /[{,]="/);
  assert.deepEqual(lines(text, 'only_empty_total'), ['only_empty_total 1']);
  assert.deepEqual(lines(text, 'empty_and_valid_total'), ['empty_and_valid_total{zone="a"} 2']);
  await provider.shutdown();
});

test('le and quantile attributes become key_le and key_quantile on every family type', async () => {
  const { exporter, provider, meter } = setup();
  const attributes = { le: '1', quantile: '0.5' };
  meter.createCounter('c').add(1, attributes);
  meter.createUpDownCounter('u').add(1, attributes);
  meter.createGauge('g').record(1, attributes);
  meter.createHistogram('h', { advice: { explicitBucketBoundaries: [1] } }).record(1, attributes);
  const text = await exporter.render();
  assert.deepEqual(lines(text, 'c_total'), ['c_total{key_le="1",key_quantile="0.5"} 1']);
  assert.deepEqual(lines(text, 'u'), ['u{key_le="1",key_quantile="0.5"} 1']);
  assert.deepEqual(lines(text, 'g'), ['g{key_le="1",key_quantile="0.5"} 1']);
  assert.deepEqual(lines(text, 'h'), [
    'h_bucket{key_le="1",key_quantile="0.5",le="1"} 1',
    'h_bucket{key_le="1",key_quantile="0.5",le="+Inf"} 1',
    'h_sum{key_le="1",key_quantile="0.5"} 1',
    'h_count{key_le="1",key_quantile="0.5"} 1',
  ]);
  await provider.shutdown();
});

test('a family named like a histogram’s _bucket, _count or _sum samples is left out and reported once', async () => {
  const { exporter, provider, meter } = setup();
  meter.createHistogram('foo', { advice: { explicitBucketBoundaries: [1] } }).record(1);
  meter.createGauge('foo_count').record(7);
  meter.createUpDownCounter('foo.sum').add(3);
  provider.getMeter('lib').createHistogram('foo_bucket').record(1);
  // Not a clash: a counter's family is named with _total.
  meter.createCounter('foo_bucket').add(1);
  reports.length = 0;
  const text = await exporter.render();
  assert.deepEqual(
    text.split('\n').filter((l) => l.startsWith('# TYPE')),
    ['# TYPE foo histogram', '# TYPE foo_bucket_total counter'],
  );
  assert.deepEqual(lines(text, 'foo').filter((l) => l.startsWith('foo_count')), ['foo_count 1']);
  for (const name of ['foo_count', 'foo.sum', 'foo_bucket']) assert.equal(reports.filter((r) => r.includes(`metric '${name}'`)).length, 1, `${name} reported once: ${reports.join(' | ')}`);
  await exporter.render();
  assert.equal(reports.filter((r) => r.includes('histogram foo')).length, 3, reports.join(' | '));
  await provider.shutdown();
});

test('PromptKit’s family names stay PromptKit’s, also before PromptKit records into them', async () => {
  const { exporter, provider, meter, toolCall } = setup();
  meter.createCounter('promptkit_tool_calls').add(5, { tool: 'evil', status: 'success' });
  meter.createGauge('promptkit_tool_call_duration_seconds').record(3);
  reports.length = 0;
  const before = await exporter.render();
  assert.doesNotMatch(before, /promptkit_tool_call/);
  assert.equal(reports.filter((r) => r.includes("would write into PromptKit's family")).length, 2, reports.join(' | '));
  toolCall('search');
  const after = await exporter.render();
  assert.deepEqual(lines(after, 'promptkit_tool_calls_total'), ['promptkit_tool_calls_total{tool="search",status="success"} 1']);
  assert.match(after, /# TYPE promptkit_tool_call_duration_seconds histogram\n/);
  assert.doesNotMatch(after, /evil/);
  await provider.shutdown();
});

test('an empty label value is left out (Prometheus reads it as no label): the series it repeats is written once', async () => {
  const { exporter, provider, meter } = setup();
  const gauge = meter.createGauge('temperature');
  gauge.record(1);
  gauge.record(2, { room: '' });
  gauge.record(3, { room: 'hall' });
  const text = await exporter.render();
  assert.deepEqual(lines(text, 'temperature'), ['temperature 1', 'temperature{room="hall"} 3']);
  await provider.shutdown();
});

test('values that print alike (1 and "1", true and "true") or keys that merge write one series, the first', async () => {
  const { exporter, provider, meter } = setup();
  const counter = meter.createCounter('jobs');
  counter.add(1, { shard: 1 });
  counter.add(10, { shard: '1' });
  counter.add(100, { ok: true });
  counter.add(1000, { ok: 'true' });
  counter.add(5, { 'queue.name': 'a' });
  counter.add(50, { queue_name: 'a' });
  const text = await exporter.render();
  const written = lines(text, 'jobs_total');
  assert.equal(written.length, new Set(written.map((l) => l.slice(0, l.lastIndexOf(' ')))).size, `no series twice:\n${written.join('\n')}`);
  assert.deepEqual(written.map((l) => l.slice(0, l.lastIndexOf(' '))).sort(), ['jobs_total{ok="true"}', 'jobs_total{queue_name="a"}', 'jobs_total{shard="1"}']);
  await provider.shutdown();
});
