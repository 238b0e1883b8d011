import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPipelineConfig } from './config.js';
import { resolveConfig } from './resolve.js';

test('defaults: Prometheus on :9464 on every interface, no OTLP, a generated instance id', () => {
  const resolved = resolveConfig({}, {});
  assert.equal(resolved.metrics, true);
  assert.deepEqual({ host: resolved.prometheus?.host, port: resolved.prometheus?.port }, { host: undefined, port: 9464 });
  assert.equal(resolved.otlp, undefined);
  assert.match(String(resolved.resource['service.instance.id']), /^[0-9a-f-]{36}$/);
});

test("the seed's fluent config", () => {
  const resolved = resolveConfig(defaultPipelineConfig().withMetrics(true).withPrometheusExporter(':9090').options, {});
  assert.equal(resolved.prometheus?.port, 9090);
  assert.equal(resolved.prometheus?.host, undefined);
  const both = resolveConfig(defaultPipelineConfig().withPrometheusExporter('127.0.0.1:0').withOtlpExporter('http://collector:4318').options, {});
  assert.equal(both.prometheus?.host, '127.0.0.1');
  assert.equal(both.otlp?.url, 'http://collector:4318/v1/metrics');
  assert.equal(both.otlp?.protocol, 'http/protobuf');
  assert.equal(both.otlp?.temporality, 'cumulative');
  assert.equal(both.otlp?.intervalMs, 60_000);
  assert.equal(resolveConfig(defaultPipelineConfig().withMetrics(false).options, {}).metrics, false);
});

test('environment fills what code leaves open; code wins', () => {
  const env = {
    OTEL_METRICS_EXPORTER: 'otlp,prometheus',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318/',
    OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%20def,x-tenant=t1',
    OTEL_METRIC_EXPORT_INTERVAL: '15000',
    OTEL_METRIC_EXPORT_TIMEOUT: '5000',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: '9999',
    OTEL_SERVICE_NAME: 'from-env',
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=2.0,deployment.environment=prod,service.name=ignored',
  };
  const fromEnv = resolveConfig({}, env);
  assert.deepEqual(fromEnv.otlp, {
    url: 'http://env:4318/v1/metrics',
    protocol: 'http/json',
    headers: { 'api-key': 'abc def', 'x-tenant': 't1' },
    intervalMs: 15_000,
    timeoutMs: 5_000,
    temporality: 'cumulative',
  });
  assert.equal(fromEnv.prometheus?.host, '127.0.0.1');
  assert.equal(fromEnv.prometheus?.port, 9999);
  assert.equal(fromEnv.resource['service.name'], 'from-env');
  assert.equal(fromEnv.resource['service.version'], '2.0');
  assert.equal(fromEnv.resource['deployment.environment'], 'prod');

  const code = resolveConfig(
    {
      serviceName: 'from-code',
      prometheus: ':7000',
      otlp: { endpoint: 'http://code:4317', protocol: 'grpc', headers: { 'x-tenant': 'code' }, intervalMs: 10_000 },
    },
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
  const r = resolveConfig({}, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://x:1/custom/path', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://y:2' });
  assert.equal(r.otlp?.url, 'http://x:1/custom/path');
  assert.equal(r.prometheus, undefined);
});

test('OTEL_METRICS_EXPORTER=none turns both off; code choosing one exporter leaves the other off', () => {
  const none = resolveConfig({}, { OTEL_METRICS_EXPORTER: 'none' });
  assert.equal(none.prometheus, undefined);
  assert.equal(none.otlp, undefined);
  const otlpOnly = resolveConfig({ otlp: 'http://c:4318' }, {});
  assert.equal(otlpOnly.prometheus, undefined);
  assert.equal(resolveConfig({ prometheus: false }, {}).prometheus, undefined);
});

test('a short interval shrinks the default timeout to fit', () => {
  const r = resolveConfig({ otlp: { endpoint: 'http://c:4318', intervalMs: 500 } }, {});
  assert.equal(r.otlp?.timeoutMs, 500);
});

test('invalid values get clear errors that name the setting', () => {
  const cases: [Parameters<typeof resolveConfig>[0], Record<string, string>, RegExp][] = [
    [{}, { OTEL_METRICS_EXPORTER: 'zipkin' }, /OTEL_METRICS_EXPORTER='zipkin' is invalid: 'zipkin' is not one of prometheus, otlp, none/],
    [{}, { OTEL_METRICS_EXPORTER: 'none,otlp' }, /'none' cannot be combined/],
    [{}, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http' }, /OTEL_EXPORTER_OTLP_METRICS_PROTOCOL='http' is invalid: expected one of http\/protobuf, http\/json, grpc/],
    [{}, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '10s' }, /OTEL_METRIC_EXPORT_INTERVAL='10s' is invalid/],
    [{}, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_TIMEOUT: '-1' }, /OTEL_METRIC_EXPORT_TIMEOUT='-1' is invalid/],
    [{}, { OTEL_EXPORTER_PROMETHEUS_PORT: '70000' }, /OTEL_EXPORTER_PROMETHEUS_PORT='70000' is invalid/],
    [{}, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT 'localhost:4318' (must use http|is not a URL)/],
    [{}, { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'novalue' }, /OTEL_EXPORTER_OTLP_HEADERS is invalid at 'novalue'/],
    [{}, { OTEL_RESOURCE_ATTRIBUTES: 'a=%zz' }, /OTEL_RESOURCE_ATTRIBUTES is invalid at 'a=%zz'/],
    [{ otlp: { endpoint: 'http://c', intervalMs: 1000 } }, { OTEL_METRIC_EXPORT_TIMEOUT: '5000' }, /timeout \(5000 ms\) is longer than the export interval \(1000 ms\)/],
    [{ otlp: { endpoint: 'http://c', protocol: 'udp' as never } }, {}, /otlp.protocol 'udp' is invalid/],
    [{ prometheus: 'nonsense' }, {}, /invalid listen address 'nonsense'/],
  ];
  for (const [options, env, message] of cases) assert.throws(() => resolveConfig(options, env), message, JSON.stringify(env));
});
