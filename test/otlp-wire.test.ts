// The OTLP wire format of every protocol startMetrics() can push with, proved against a loopback
// receiver that decodes each request with OpenTelemetry's own protobuf definitions
// (test/support/otlp-receiver.ts): gRPC, OTLP/HTTP JSON and OTLP/HTTP protobuf. VictoriaMetrics
// (test/otlp.e2e.test.ts) only takes OTLP/HTTP protobuf, so this is where grpc and http/json are shown
// to carry the right names, units, temporality, attributes, values and headers.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import type { PromptKitEvent } from '@promptkit/events';
import { catalog, METER_NAME, METER_VERSION } from '@promptkit/metrics';
import { PRICE_DATA_AS_OF, PRICE_DATA_SOURCE, PRICE_DATA_VERSION, startMetrics, type Telemetry } from '@promptkit/sdk';
import {
  flatten,
  startOtlpReceiver,
  type FlatMetric,
  type FlatPoint,
  type OtlpReceiver,
  type OtlpWireProtocol,
  type ReceivedExport,
} from './support/otlp-receiver.js';

const PROTOCOLS: readonly OtlpWireProtocol[] = ['grpc', 'http/json', 'http/protobuf'];

const CONTENT_TYPE: Record<Exclude<OtlpWireProtocol, 'grpc'>, string> = {
  'http/json': 'application/json',
  'http/protobuf': 'application/x-protobuf',
};

function endpointFor(r: Pick<OtlpReceiver, 'grpcUrl' | 'httpUrl'>, protocol: OtlpWireProtocol): string {
  return protocol === 'grpc' ? r.grpcUrl : r.httpUrl;
}

/**
 * startMetrics() pushing to `endpoint` only, with PromptKit's test settings. The caller stops it
 * (shutdown is idempotent, so a test may shut it down itself first).
 */
function startTelemetry(
  endpoint: string,
  protocol: OtlpWireProtocol,
  otlp: { temporality?: 'cumulative' | 'delta'; timeoutMs?: number } = {},
): Promise<Telemetry> {
  return startMetrics({
    prometheus: false,
    registerGlobal: false,
    serviceName: 'wire-test',
    serviceVersion: '1.2.3',
    otlp: { endpoint, protocol, headers: { 'x-api-key': 'k1' }, intervalMs: 60_000, ...otlp },
  });
}

/**
 * A receiver and a startMetrics() pushing to it. When the test ends, the telemetry is shut down
 * first (its final push still reaches the receiver), then the receiver is stopped.
 */
async function setup(
  t: TestContext,
  protocol: OtlpWireProtocol,
  otlp: { temporality?: 'cumulative' | 'delta' } = {},
): Promise<{ r: OtlpReceiver; telemetry: Telemetry }> {
  const r = await startOtlpReceiver();
  let telemetry: Telemetry;
  try {
    telemetry = await startTelemetry(endpointFor(r, protocol), protocol, otlp);
  } catch (error) {
    await r.stop();
    throw error;
  }
  t.after(async () => {
    try {
      await telemetry.shutdown();
    } finally {
      await r.stop();
    }
  });
  return { r, telemetry };
}

const at = Date.now();

/** Known events: two successful OpenAI calls and one failed Anthropic call. */
const EVENTS: PromptKitEvent[] = [
  {
    type: 'provider.call.completed',
    timestamp: at,
    data: { provider: 'openai', model: 'gpt-4o', durationMs: 1500, inputTokens: 100, outputTokens: 40, cachedTokens: 10, cost: 0.25 },
  },
  {
    type: 'provider.call.completed',
    timestamp: at,
    data: { provider: 'openai', model: 'gpt-4o', durationMs: 500, inputTokens: 50, outputTokens: 20, cost: 0.125 },
  },
  { type: 'provider.call.failed', timestamp: at, data: { provider: 'anthropic', model: 'claude-3-5-sonnet', durationMs: 2000, error: 'overloaded' } },
];

const OPENAI = { provider: 'openai', model: 'gpt-4o' };
const ANTHROPIC = { provider: 'anthropic', model: 'claude-3-5-sonnet' };
const PROVIDER_METRICS = [catalog.providerRequests, catalog.providerTokens, catalog.providerCost, catalog.providerErrors, catalog.providerRequestDuration];

/** Bucket counts for `seconds` over explicit `bounds` (OTel buckets include their upper bound). */
function bucketCounts(bounds: readonly number[], seconds: number[]): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const s of seconds) {
    const i = bounds.findIndex((b) => s <= b);
    counts[i === -1 ? bounds.length : i]! += 1;
  }
  return counts;
}

const key = (attributes: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))));

/** Points of a metric by their sorted attributes. */
function byAttributes(metric: FlatMetric): Map<string, FlatPoint> {
  const out = new Map<string, FlatPoint>();
  for (const p of metric.points) {
    assert.ok(!out.has(key(p.attributes)), `${metric.name}: two points with ${key(p.attributes)}`);
    out.set(key(p.attributes), p);
  }
  return out;
}

function values(metric: FlatMetric): Map<string, number | undefined> {
  return new Map([...byAttributes(metric)].map(([k, p]) => [k, p.value]));
}

function metricNamed(metrics: FlatMetric[], name: string): FlatMetric {
  const found = metrics.filter((m) => m.name === name);
  assert.equal(found.length, 1, `expected one metric ${name}, got ${found.length} (metrics: ${metrics.map((m) => m.name).join(', ')})`);
  return found[0]!;
}

/** Asserts the receiver decoded every request, and returns the requests of `protocol`. */
function decodedRequests(r: OtlpReceiver, protocol: OtlpWireProtocol): ReceivedExport[] {
  assert.deepEqual(r.errors, [], 'the receiver rejected a request it could not decode with the official definitions');
  for (const received of r.requests) {
    assert.equal(received.protocol, protocol, 'the request arrived over another protocol');
    assert.deepEqual(received.unknownFields, [], 'OTLP/JSON field names the official definitions do not have');
  }
  return r.requests;
}

/** The custom header, the resource and the scope of one request. */
function assertEnvelope(received: ReceivedExport, protocol: OtlpWireProtocol): void {
  assert.equal(received.headers['x-api-key'], 'k1', `the x-api-key ${protocol === 'grpc' ? 'metadata' : 'header'} did not arrive`);
  if (protocol !== 'grpc') assert.equal(received.headers['content-type']?.split(';')[0], CONTENT_TYPE[protocol]);

  const { resource, metrics } = flatten(received.request);
  assert.equal(resource['service.name'], 'wire-test');
  assert.equal(resource['service.version'], '1.2.3');
  assert.equal(typeof resource['service.instance.id'], 'string');
  assert.notEqual(resource['service.instance.id'], '');
  assert.equal(resource['telemetry.sdk.language'], 'nodejs');
  assert.equal(resource['telemetry.sdk.name'], 'opentelemetry');
  const sdkVersion = resource['telemetry.sdk.version'];
  assert.ok(typeof sdkVersion === 'string', `telemetry.sdk.version is a string: ${JSON.stringify(sdkVersion)}`);
  assert.match(sdkVersion, /^\d+\.\d+\.\d+/);

  for (const m of metrics) assert.deepEqual(m.scope, { name: METER_NAME, version: METER_VERSION }, `${m.name}: instrumentation scope`);
}

/** The provider metrics of EVENTS, exactly, with the given temporality. */
function assertProviderMetrics(metrics: FlatMetric[], temporality: 'cumulative' | 'delta'): void {
  // Only what was recorded is sent, under the catalog's names: the provider metrics and, with
  // pricing on (the default), which price data computes costs.
  assert.deepEqual(metrics.map((m) => m.name).sort(), [...PROVIDER_METRICS, catalog.pricingInfo].map((d) => d.name).sort());
  const info = metricNamed(metrics, catalog.pricingInfo.name);
  assert.deepEqual(values(info), new Map([[key({ source: PRICE_DATA_SOURCE, version: PRICE_DATA_VERSION, as_of: PRICE_DATA_AS_OF }), 1]]));
  assert.equal(info.monotonic, false, 'pricing info is an up-down sum (a gauge of 1)');
  for (const definition of PROVIDER_METRICS) {
    const m = metricNamed(metrics, definition.name);
    assert.equal(m.unit, definition.unit, `${m.name}: unit`);
    assert.equal(m.description, definition.help, `${m.name}: description`);
    assert.equal(m.type, definition.kind === 'histogram' ? 'histogram' : 'sum', `${m.name}: type`);
    assert.equal(m.temporality, temporality, `${m.name}: aggregation temporality`);
    if (m.type === 'sum') assert.equal(m.monotonic, true, `${m.name}: a counter is a monotonic sum`);
    for (const p of m.points) {
      assert.deepEqual(Object.keys(p.attributes).sort(), [...definition.labels].sort(), `${m.name}: label names`);
      assert.ok(p.timeUnixNano > 0 && p.startTimeUnixNano > 0 && p.startTimeUnixNano <= p.timeUnixNano, `${m.name}: timestamps`);
    }
  }

  const requests = metricNamed(metrics, catalog.providerRequests.name);
  assert.deepEqual(
    values(requests),
    new Map([
      [key({ ...OPENAI, status: 'success' }), 2],
      [key({ ...ANTHROPIC, status: 'error' }), 1],
    ]),
  );

  const tokens = metricNamed(metrics, catalog.providerTokens.name);
  assert.deepEqual(
    values(tokens),
    new Map([
      [key({ ...OPENAI, type: 'input' }), 150],
      [key({ ...OPENAI, type: 'output' }), 60],
      [key({ ...OPENAI, type: 'cached' }), 10],
    ]),
  );

  const cost = metricNamed(metrics, catalog.providerCost.name);
  assert.deepEqual(values(cost), new Map([[key(OPENAI), 0.375]]));

  const errors = metricNamed(metrics, catalog.providerErrors.name);
  assert.deepEqual(values(errors), new Map([[key({ ...ANTHROPIC, error_type: 'other' }), 1]]));

  const duration = metricNamed(metrics, catalog.providerRequestDuration.name);
  const bounds = [...catalog.providerRequestDuration.buckets];
  const strip = (p: FlatPoint | undefined) =>
    p && { count: p.count, sum: p.sum, bucketCounts: p.bucketCounts, explicitBounds: p.explicitBounds };
  const points = byAttributes(duration);
  assert.equal(points.size, 2);
  assert.deepEqual(strip(points.get(key(OPENAI))), { count: 2, sum: 2, bucketCounts: bucketCounts(bounds, [1.5, 0.5]), explicitBounds: bounds });
  assert.deepEqual(strip(points.get(key(ANTHROPIC))), { count: 1, sum: 2, bucketCounts: bucketCounts(bounds, [2]), explicitBounds: bounds });
}

/** All metrics of all requests received so far (for a cumulative push, the last one is the state). */
function lastMetrics(requests: ReceivedExport[]): FlatMetric[] {
  assert.ok(requests.length > 0, 'the receiver got no request');
  return flatten(requests.at(-1)!.request).metrics;
}

for (const protocol of PROTOCOLS) {
  describe(`OTLP over ${protocol}`, () => {
    test('forceFlush pushes the catalog metrics with exact values, the resource and the custom header', async (t) => {
      const { r, telemetry } = await setup(t, protocol);
      for (const event of EVENTS) telemetry.eventBus.publish(event);
      await telemetry.forceFlush();

      const requests = decodedRequests(r, protocol);
      assert.equal(requests.length, 1, 'one forceFlush, one request');
      assertEnvelope(requests[0]!, protocol);
      assertProviderMetrics(flatten(requests[0]!.request).metrics, 'cumulative');

      // Cumulative: the next push repeats the totals, with one more call added.
      telemetry.eventBus.publish(EVENTS[0]!);
      await telemetry.forceFlush();
      const again = decodedRequests(r, protocol);
      assert.equal(again.length, 2);
      const requestsTotal = metricNamed(lastMetrics(again), catalog.providerRequests.name);
      assert.equal(values(requestsTotal).get(key({ ...OPENAI, status: 'success' })), 3);
      assert.equal(values(requestsTotal).get(key({ ...ANTHROPIC, status: 'error' })), 1);
    });

    test('shutdown() delivers the final push without a forceFlush', async (t) => {
      const { r, telemetry } = await setup(t, protocol);
      for (const event of EVENTS) telemetry.eventBus.publish(event);
      assert.equal(r.requests.length, 0, 'nothing is pushed before the 60 s interval');
      await telemetry.shutdown();

      const requests = decodedRequests(r, protocol);
      assert.equal(requests.length, 1, 'shutdown pushes once');
      assertEnvelope(requests[0]!, protocol);
      assertProviderMetrics(flatten(requests[0]!.request).metrics, 'cumulative');
    });

    test('with the receiver down (connection refused), forceFlush and shutdown resolve within their bound', async (t) => {
      const r = await startOtlpReceiver();
      await r.stop();
      const telemetry = await startTelemetry(endpointFor(r, protocol), protocol, { timeoutMs: 2_000 });
      t.after(() => telemetry.shutdown());
      for (const event of EVENTS) telemetry.eventBus.publish(event);

      let started = performance.now();
      await assert.doesNotReject(telemetry.forceFlush());
      const flushMs = performance.now() - started;
      assert.ok(flushMs < 6_000, `forceFlush took ${Math.round(flushMs)} ms`);

      started = performance.now();
      await assert.doesNotReject(telemetry.shutdown());
      const shutdownMs = performance.now() - started;
      assert.ok(shutdownMs < 6_000, `shutdown took ${Math.round(shutdownMs)} ms`);
      assert.equal(r.requests.length + r.errors.length, 0);
    });
  });
}

test('temporality delta: DELTA on the wire, and an idle interval carries no counts', async (t) => {
  const protocol: OtlpWireProtocol = 'grpc';
  const { r, telemetry } = await setup(t, protocol, { temporality: 'delta' });
  for (const event of EVENTS) telemetry.eventBus.publish(event);
  await telemetry.forceFlush();

  const first = decodedRequests(r, protocol);
  assert.equal(first.length, 1);
  assertEnvelope(first[0]!, protocol);
  assertProviderMetrics(flatten(first[0]!.request).metrics, 'delta');

  // No new events: the next push has no point for the counter, or only zeros.
  await telemetry.forceFlush();
  const idle = decodedRequests(r, protocol).slice(1);
  for (const received of idle) {
    const counter = flatten(received.request).metrics.find((m) => m.name === catalog.providerRequests.name);
    for (const p of counter?.points ?? []) assert.equal(p.value, 0, `an idle delta interval carried ${key(p.attributes)} = ${p.value}`);
  }

  // One more call: the delta is 1, not the running total of 3.
  telemetry.eventBus.publish(EVENTS[0]!);
  await telemetry.forceFlush();
  const all = decodedRequests(r, protocol);
  const counter = metricNamed(lastMetrics(all), catalog.providerRequests.name);
  assert.equal(counter.temporality, 'delta');
  assert.equal(values(counter).get(key({ ...OPENAI, status: 'success' })), 1);
  assert.ok(!values(counter).has(key({ ...ANTHROPIC, status: 'error' })) || values(counter).get(key({ ...ANTHROPIC, status: 'error' })) === 0);
});

test('the receiver rejects what the official definitions cannot decode, and reports unknown JSON fields', async (t) => {
  const r = await startOtlpReceiver();
  t.after(() => r.stop());
  const post = (contentType: string, body: string | Uint8Array) =>
    fetch(`${r.httpUrl}/v1/metrics`, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(5_000) });

  // Field 1 (resource_metrics) announcing more bytes than there are.
  const truncated = Uint8Array.from([0x0a, 0xff, 0xff, 0x03, 0x0a]);
  assert.equal((await post('application/x-protobuf', truncated)).status, 400);
  assert.equal((await post('application/json', '{"resourceMetrics": {"not": "a list"}}')).status, 400);
  assert.equal((await post('application/json', 'not json')).status, 400);
  assert.equal((await post('text/plain', 'hello')).status, 415);
  assert.deepEqual(
    r.errors.map((e) => e.protocol),
    ['http/protobuf', 'http/json', 'http/json', 'http'],
  );

  const grpcCode = await new Promise<number>((resolve) => {
    const client = new grpc.Client(r.grpcUrl.replace('http://', ''), grpc.credentials.createInsecure());
    client.makeUnaryRequest(
      '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.from(truncated),
      (error) => {
        client.close();
        resolve(error?.code ?? grpc.status.OK);
      },
    );
  });
  assert.equal(grpcCode, grpc.status.INVALID_ARGUMENT);
  assert.equal(r.errors.at(-1)?.protocol, 'grpc');

  // OTLP/JSON names fields in lowerCamelCase; a snake_case name is not silently accepted.
  assert.equal((await post('application/json', '{"resource_metrics": []}')).status, 200);
  assert.deepEqual(r.requests.at(-1)?.unknownFields, ['resource_metrics']);
  assert.equal(r.requests.length, 1);
});
