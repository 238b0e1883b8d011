import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withEnv } from '../../../test/support/env.js';
import { defaultPipelineConfig } from './pipeline-config.js';
import { resolveConfig } from './resolve.js';

const resolve = (options: Parameters<typeof resolveConfig>[0], env: Record<string, string> = {}) => withEnv(env, () => resolveConfig(options));

test('defaults: Prometheus on :9464 on every interface, no OTLP', () => {
  const resolved = resolve({});
  assert.equal(resolved.metrics, true);
  assert.deepEqual({ host: resolved.prometheus?.host, port: resolved.prometheus?.port }, { host: undefined, port: 9464 });
  assert.equal(resolved.otlp, undefined);
  assert.equal(resolved.console, undefined);
});

test("the Go SDK's fluent config; a number is a port", () => {
  const resolved = resolve(defaultPipelineConfig().withMetrics(true).withPrometheusExporter(':9090').options);
  assert.equal(resolved.prometheus?.port, 9090);
  assert.equal(resolved.prometheus?.host, undefined);
  assert.equal(resolve({ prometheus: 19092 }).prometheus?.port, 19092);
  assert.equal(resolve(defaultPipelineConfig().withPrometheusExporter(19093).options).prometheus?.port, 19093);
  const both = resolve(defaultPipelineConfig().withPrometheusExporter('127.0.0.1:0').withOtlpExporter('http://collector:4318').options);
  assert.equal(both.prometheus?.host, '127.0.0.1');
  assert.equal(both.otlp?.url, 'http://collector:4318/v1/metrics');
  assert.equal(both.otlp?.protocol, 'http/protobuf');
  assert.equal(both.otlp?.temporality, 'cumulative');
  assert.equal(both.otlp?.intervalMs, 60_000);
  assert.equal(resolve(defaultPipelineConfig().withMetrics(false).options).metrics, false);
});

test('environment fills what code leaves open; code wins', () => {
  const env = {
    OTEL_METRICS_EXPORTER: 'otlp,prometheus',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318/',
    OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%20def,x-tenant=t1',
    OTEL_METRIC_EXPORT_INTERVAL: '15000',
    OTEL_METRIC_EXPORT_TIMEOUT: '5000',
    OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: '9999',
  };
  const fromEnv = resolve({}, env);
  assert.deepEqual(fromEnv.otlp, {
    url: 'http://env:4318/v1/metrics',
    protocol: 'http/json',
    headers: { 'api-key': 'abc def', 'x-tenant': 't1' },
    intervalMs: 15_000,
    timeoutMs: 5_000,
    exporterTimeoutMs: 2_000,
    temporality: 'cumulative',
    compression: undefined,
  });
  assert.equal(fromEnv.prometheus?.host, '127.0.0.1');
  assert.equal(fromEnv.prometheus?.port, 9999);

  const code = resolve(
    { serviceName: 'from-code', prometheus: ':7000', otlp: { endpoint: 'http://code:4317', protocol: 'grpc', headers: { 'x-tenant': 'code' }, intervalMs: 10_000 } },
    env,
  );
  assert.equal(code.resource['service.name'], 'from-code');
  assert.equal(code.prometheus?.host, undefined); // ':7000' means every interface, whatever the env says
  assert.equal(code.prometheus?.port, 7000);
  assert.equal(code.otlp?.url, 'http://code:4317'); // gRPC takes the endpoint as is
  assert.deepEqual(code.otlp?.headers, { 'api-key': 'abc def', 'x-tenant': 'code' });
  assert.equal(code.otlp?.intervalMs, 10_000);
  assert.equal(code.otlp?.timeoutMs, 5000); // from the environment
});

test('the signal-specific endpoint is used as given', () => {
  const r = resolve({}, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://x:1/custom/path', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://y:2' });
  assert.equal(r.otlp?.url, 'http://x:1/custom/path');
  assert.equal(r.prometheus, undefined);
});

test('OTEL_METRICS_EXPORTER=none turns both off; code choosing one exporter leaves the other off', () => {
  const none = resolve({}, { OTEL_METRICS_EXPORTER: 'none' });
  assert.equal(none.prometheus, undefined);
  assert.equal(none.otlp, undefined);
  assert.equal(resolve({ otlp: 'http://c:4318' }).prometheus, undefined);
  assert.equal(resolve({ prometheus: false }).prometheus, undefined);
});

test('a short interval shrinks the default timeout to fit; 0 means no limit of its own (the interval)', () => {
  assert.equal(resolve({ otlp: { endpoint: 'http://c:4318', intervalMs: 500 } }).otlp?.timeoutMs, 500);
  assert.equal(resolve({ otlp: { endpoint: 'http://c:4318', intervalMs: 9_000, timeoutMs: 0 } }).otlp?.timeoutMs, 9_000);
  const fromEnv = resolve({ otlp: 'http://c:4318' }, { OTEL_METRIC_EXPORT_TIMEOUT: '0', OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '0' }).otlp;
  assert.equal(fromEnv?.timeoutMs, 60_000);
  assert.equal(fromEnv?.exporterTimeoutMs, 60_000);
});

test('with meterProvider, PromptKit adds no reader of its own, from code or the environment', () => {
  const provider = { getMeter: () => ({}) } as never;
  const attached = resolve({ meterProvider: provider }, { OTEL_METRICS_EXPORTER: 'otlp,prometheus' });
  assert.equal(attached.prometheus, undefined);
  assert.equal(attached.otlp, undefined);
  assert.throws(() => resolve({ meterProvider: provider, prometheus: ':9090' }), { name: 'ConfigError', message: /cannot be combined with meterProvider/ });
});

test('/v1/metrics is appended to the base path, before a query, from code and from the environment; gRPC and full URLs are used as given', () => {
  const cases: [Parameters<typeof resolveConfig>[0], Record<string, string>, string][] = [
    [{ otlp: { endpoint: 'https://c.example/otlp?tenant=a' } }, {}, 'https://c.example/otlp/v1/metrics?tenant=a'],
    [{ otlp: { endpoint: 'https://c.example/otlp/' } }, {}, 'https://c.example/otlp/v1/metrics'],
    [{ otlp: { endpoint: 'https://c.example:4318/v1/metrics?x=1' } }, {}, 'https://c.example:4318/v1/metrics?x=1'],
    [{ prometheus: false }, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318/base?k=v' }, 'http://env:4318/base/v1/metrics?k=v'],
    [{ prometheus: false }, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://env:4318/custom?k=v' }, 'http://env:4318/custom?k=v'],
    [{ otlp: { endpoint: 'http://grpc.example:4317', protocol: 'grpc' } }, {}, 'http://grpc.example:4317'],
  ];
  for (const [options, env, url] of cases) assert.equal(resolve({ pricing: false, ...options }, env).otlp?.url, url, JSON.stringify([options, env]));
});
