import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ConfigError } from '@promptkit/meter-provider';
import { defaultPipelineConfig } from '../pipeline-config.js';
import type { StartMetricsOptions } from '../options.js';
import { resolveWith } from '../test-resolve.js';

test('cluster: true, a mode, options, PipelineConfig.withCluster and PROMPTKIT_CLUSTER settle to one shape', () => {
  const prometheus = { host: '127.0.0.1', port: 9464 };
  const cases: [StartMetricsOptions, Record<string, string>, unknown][] = [
    [{}, {}, undefined],
    [{ cluster: false }, { PROMPTKIT_CLUSTER: 'true' }, undefined],
    [{ cluster: true }, {}, { mode: 'primary', answerTimeoutMs: 1000, peerPort: undefined }],
    [{ cluster: 'peers', prometheus }, {}, { mode: 'peers', answerTimeoutMs: 1000, peerPort: 9465 }],
    [{ cluster: { mode: 'peers', peerPort: 7000, answerTimeoutMs: 250 } }, {}, { mode: 'peers', answerTimeoutMs: 250, peerPort: 7000 }],
    [defaultPipelineConfig().withCluster().options, {}, { mode: 'primary', answerTimeoutMs: 1000, peerPort: undefined }],
    [{ prometheus }, { PROMPTKIT_CLUSTER: 'peers' }, { mode: 'peers', answerTimeoutMs: 1000, peerPort: 9465 }],
    [{}, { PROMPTKIT_CLUSTER: 'true' }, { mode: 'primary', answerTimeoutMs: 1000, peerPort: undefined }],
  ];
  for (const [options, env, expected] of cases) assert.deepEqual(resolveWith(options, env).config.cluster, expected, JSON.stringify([options, env]));
});

test('cluster options given in code are checked: a ConfigError names the option and what to pass', () => {
  const bad: [unknown, RegExp][] = [
    [3, /cluster 3 is invalid: expected true, false, 'primary', 'peers'/],
    ['workers', /cluster "workers" is invalid: expected one of 'primary', 'peers'/],
    [{ mode: 'peers', port: 1 }, /cluster has an unknown option 'port'/],
    [{ answerTimeoutMs: 0 }, /cluster.answerTimeoutMs 0 is invalid/],
    [{ mode: 'peers', peerPort: 70_000 }, /cluster.peerPort 70000 is invalid/],
    [{ mode: 'peers' }, /cluster 'peers' needs a fixed port/],
  ];
  for (const [cluster, message] of bad) {
    assert.throws(() => resolveWith({ cluster, prometheus: { host: '127.0.0.1', port: 0 } } as StartMetricsOptions), (e: unknown) => e instanceof ConfigError && message.test(e.message), String(message));
  }
});

test("delta OTLP cannot serve an aggregate: in code it is a ConfigError that says why, from the environment it gives way to cumulative", () => {
  for (const temporality of ['delta', 'lowmemory'] as const) {
    assert.throws(
      () => resolveWith({ cluster: true, otlp: { endpoint: 'http://127.0.0.1:4318', temporality } }),
      (e: unknown) => e instanceof ConfigError && new RegExp(`otlp.temporality '${temporality}' cannot be combined with cluster: .*cumulative totals.*cumulativetodelta`).test(e.message),
    );
  }
  const { config, lines } = resolveWith({ cluster: true, otlp: 'http://127.0.0.1:4318' }, { OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta' });
  assert.equal(config.otlp?.temporality, 'cumulative');
  assert.equal(lines.filter((l) => /TEMPORALITY_PREFERENCE=delta is ignored: cluster aggregation merges the cumulative totals/.test(l)).length, 1, lines.join('\n'));
});

test('cluster and meterProvider exclude each other: a ConfigError in code, reported and off from the environment', () => {
  const meterProvider = new MeterProvider();
  assert.throws(() => resolveWith({ cluster: true, meterProvider }), (e: unknown) => e instanceof ConfigError && /cluster cannot be combined with meterProvider/.test(e.message));
  const { config, lines } = resolveWith({ meterProvider }, { PROMPTKIT_CLUSTER: 'true' });
  assert.equal(config.cluster, undefined);
  assert.ok(lines.some((l) => /PROMPTKIT_CLUSTER is ignored: cluster cannot be combined with meterProvider/.test(l)), lines.join('\n'));
});
