import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { PrometheusReader } from './reader.js';
import { serialize } from './serializer.js';

async function render(record: (provider: MeterProvider) => void, options = {}): Promise<string> {
  const reader = new PrometheusReader();
  const provider = new MeterProvider({ readers: [reader], resource: resourceFromAttributes({ 'service.name': 'svc' }) });
  record(provider);
  const { resourceMetrics } = await reader.collect();
  return serialize(resourceMetrics, options);
}

test('label values are escaped; HELP is escaped; Unicode passes through', async () => {
  const text = await render((p) =>
    p.getMeter('m').createCounter('c_total', { description: 'line\nbreak \\ help' }).add(1, { v: 'a"b\\c\nd ✓' }),
  );
  assert.equal(
    text,
    '# HELP c_total line\\nbreak \\\\ help\n# TYPE c_total counter\nc_total{v="a\\"b\\\\c\\nd ✓"} 1\n',
  );
});

test('names follow the Prometheus OTLP translation: _total for counters, unit suffixes when missing', async () => {
  const text = await render((p) => {
    const m = p.getMeter('m');
    m.createCounter('requests', { unit: '{request}' }).add(2);
    m.createHistogram('latency', { unit: 's', advice: { explicitBucketBoundaries: [1, 2] } }).record(1.5, { k: 'v' });
    m.createUpDownCounter('queue.depth', { unit: 'By' }).add(-3);
    m.createCounter('already_seconds_total', { unit: 's' }).add(1);
  });
  assert.match(text, /^# TYPE requests_total counter\nrequests_total 2$/m);
  assert.match(text, /^# TYPE latency_seconds histogram$/m);
  assert.match(text, /^latency_seconds_bucket\{k="v",le="1"\} 0\nlatency_seconds_bucket\{k="v",le="2"\} 1\nlatency_seconds_bucket\{k="v",le="\+Inf"\} 1\nlatency_seconds_sum\{k="v"\} 1.5\nlatency_seconds_count\{k="v"\} 1$/m);
  assert.match(text, /^queue_depth_bytes -3$/m);
  assert.match(text, /^already_seconds_total 1$/m);
});

test('histogram buckets are cumulative', async () => {
  const text = await render((p) => {
    const h = p.getMeter('m').createHistogram('h_seconds', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1, 10] } });
    for (const v of [0.05, 0.5, 0.6, 5, 50]) h.record(v);
  });
  assert.match(text, /h_seconds_bucket\{le="0.1"\} 1\nh_seconds_bucket\{le="1"\} 3\nh_seconds_bucket\{le="10"\} 4\nh_seconds_bucket\{le="\+Inf"\} 5\nh_seconds_sum 56.15\nh_seconds_count 5\n/);
});

test('scope labels and target_info only on request', async () => {
  const record = (p: MeterProvider) => p.getMeter('scope-a', '1.2.3').createCounter('x_total').add(1);
  const plain = await render(record);
  assert.doesNotMatch(plain, /otel_scope|target_info/);
  const rich = await render(record, { withScopeLabels: true, withTargetInfo: true });
  assert.match(rich, /^x_total\{otel_scope_name="scope-a",otel_scope_version="1.2.3"\} 1$/m);
  assert.match(rich, /^target_info\{service_name="svc"\} 1$/m);
});

test('series from two meters with one name share one family', async () => {
  const text = await render((p) => {
    p.getMeter('a').createCounter('shared_total').add(1, { from: 'a' });
    p.getMeter('b').createCounter('shared_total').add(2, { from: 'b' });
  });
  assert.equal(text.match(/# TYPE shared_total/g)?.length, 1);
  assert.match(text, /shared_total\{from="a"\} 1\nshared_total\{from="b"\} 2\n/);
});
