import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { resolveConfig } from './resolve.js';
import { resolveWith as resolveWithOptions } from './test-resolve.js';

/** Resolves with `env`, returning the config and every diag line written meanwhile. */
const resolveWith = (env: Record<string, string>, options: Parameters<typeof resolveConfig>[0] = {}) => resolveWithOptions(options, env);

// The specification: an unknown or unparsable value is reported and the default used, never thrown.
const lenient: [env: Record<string, string>, check: (c: ReturnType<typeof resolveConfig>) => void, reported: RegExp | undefined][] = [
  [{ OTEL_METRICS_EXPORTER: 'console' }, (c) => assert.deepEqual([c.console?.intervalMs, c.prometheus, c.otlp], [60_000, undefined, undefined]), undefined],
  [{ OTEL_METRICS_EXPORTER: 'statsd' }, (c) => assert.equal(c.prometheus?.port, 9464), /OTEL_METRICS_EXPORTER="statsd" is not one of otlp, prometheus, console, none/],
  [{ OTEL_METRICS_EXPORTER: 'graphite,otlp' }, (c) => assert.deepEqual([c.prometheus, c.otlp?.protocol], [undefined, 'http/protobuf']), /graphite/],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/proto' }, (c) => assert.equal(c.otlp?.protocol, 'http/protobuf'), /OTEL_EXPORTER_OTLP_PROTOCOL="http\/proto" is not one of/],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '5s' }, (c) => assert.equal(c.otlp?.intervalMs, 60_000), undefined],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '-5' }, (c) => assert.equal(c.otlp?.intervalMs, 60_000), /OTEL_METRIC_EXPORT_INTERVAL="-5" is not a whole number/],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_TIMEOUT: '0' }, (c) => assert.equal(c.otlp?.timeoutMs, 60_000), undefined],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TIMEOUT: '1234' }, (c) => assert.equal(c.otlp?.exporterTimeoutMs, 1234), undefined],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TIMEOUT: '1234', OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '4321' }, (c) => assert.equal(c.otlp?.exporterTimeoutMs, 4321), undefined],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' }, (c) => assert.equal(c.otlp?.compression, 'gzip'), undefined],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip', OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'none' }, (c) => assert.equal(c.otlp?.compression, 'none'), undefined],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' }, (c) => assert.equal(c.otlp?.compression, undefined), /OTEL_EXPORTER_OTLP_COMPRESSION="zstd"/],
  [{ PROMPTKIT_HISTOGRAMS: 'native' }, (c) => assert.equal(c.histograms, 'native'), undefined],
  [{ PROMPTKIT_HISTOGRAMS: 'both' }, (c) => assert.equal(c.histograms, 'both'), undefined],
  [{ PROMPTKIT_HISTOGRAMS: 'sparse' }, (c) => assert.equal(c.histograms, 'classic'), /PROMPTKIT_HISTOGRAMS="sparse"/],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'LowMemory' }, (c) => assert.equal(c.otlp?.temporality, 'lowmemory'), undefined],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'sometimes' }, (c) => assert.equal(c.otlp?.temporality, 'cumulative'), /TEMPORALITY_PREFERENCE="sometimes"/],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' }, (c) => assert.equal(c.otlp?.url, 'http://localhost:4318/v1/metrics'), /OTEL_EXPORTER_OTLP_ENDPOINT="localhost:4318" is not an http/],
  [{ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'novalue,ok=1' }, (c) => assert.deepEqual(c.otlp?.headers, { ok: '1' }), /OTEL_EXPORTER_OTLP_HEADERS has entries that are not key=value/],
  [{ OTEL_EXPORTER_PROMETHEUS_PORT: '70000' }, (c) => assert.equal(c.prometheus?.port, 9464), /OTEL_EXPORTER_PROMETHEUS_PORT="70000" is not a port/],
  [{ OTEL_SDK_DISABLED: 'true' }, (c) => assert.equal(c.metrics, false), undefined],
  [{ OTEL_SDK_DISABLED: 'false' }, (c) => assert.equal(c.metrics, true), undefined],
  [{}, (c) => assert.equal(c.exemplarFilter, 'trace_based'), undefined],
  [{ OTEL_METRICS_EXEMPLAR_FILTER: 'ALWAYS_OFF' }, (c) => assert.equal(c.exemplarFilter, 'always_off'), undefined],
  [{ OTEL_METRICS_EXEMPLAR_FILTER: 'always_on' }, (c) => assert.equal(c.exemplarFilter, 'trace_based'), /always_on is read as trace_based/],
  [{ OTEL_METRICS_EXEMPLAR_FILTER: 'sometimes' }, (c) => assert.equal(c.exemplarFilter, 'trace_based'), /OTEL_METRICS_EXEMPLAR_FILTER="sometimes" is not one of trace_based, always_off, always_on/],
];

for (const [env, check, reported] of lenient) {
  test(`environment ${JSON.stringify(env)} is read as the specification says`, () => {
    const { config, lines } = resolveWith(env);
    check(config);
    if (reported !== undefined) assert.match(lines.join('\n'), reported);
  });
}

test('OTEL_SDK_DISABLED=true wins over metrics: true in code (an operator switch)', () => {
  assert.equal(resolveWith({ OTEL_SDK_DISABLED: 'true' }, { metrics: true }).config.metrics, false);
});

test('an endpoint with credentials is never written whole in a report', () => {
  const { lines } = resolveWith({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://user:hunter2@collector:4318' });
  assert.match(lines.join('\n'), /ftp:\/\/\*\*\*@collector/);
  assert.doesNotMatch(lines.join('\n'), /hunter2/);
});
