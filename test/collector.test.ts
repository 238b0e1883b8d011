// No collector binary can be installed here, so this checks what can be checked without one.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from './support/backends.js';

// Components of the otelcol-contrib distribution that this configuration may use (by type; a
// `/name` suffix names an instance). Kept short on purpose: add a component only after checking
// it ships in otelcol-contrib.
const CONTRIB = {
  receivers: ['otlp', 'prometheus', 'hostmetrics'],
  processors: ['memory_limiter', 'batch', 'resource', 'attributes', 'filter', 'transform', 'cumulativetodelta', 'deltatocumulative'],
  exporters: ['prometheus', 'prometheusremotewrite', 'otlp', 'otlphttp', 'debug'],
  extensions: ['health_check', 'pprof', 'zpages'],
} as const;

const text = readFileSync(join(repoRoot, 'otel-collector.yaml'), 'utf8');
const config = parse(text) as {
  receivers: Record<string, { protocols?: Record<string, { endpoint: string }> }>;
  processors: Record<string, unknown>;
  exporters: Record<string, { endpoint?: string }>;
  extensions?: Record<string, unknown>;
  service: { extensions?: string[]; pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
};
const type = (id: string) => id.split('/')[0]!;

test('otel-collector.yaml parses and every component belongs to otelcol-contrib', () => {
  for (const kind of ['receivers', 'processors', 'exporters', 'extensions'] as const) {
    for (const id of Object.keys(config[kind] ?? {})) {
      assert.ok((CONTRIB[kind] as readonly string[]).includes(type(id)), `${kind}.${id} is not in the otelcol-contrib list`);
    }
  }
});

test('the pipeline uses only defined components, with memory_limiter first and batch after it', () => {
  const pipeline = config.service.pipelines.metrics!;
  assert.deepEqual(pipeline.receivers, ['otlp']);
  assert.deepEqual(pipeline.processors, ['memory_limiter', 'batch']);
  assert.ok(pipeline.exporters.includes('prometheus'));
  for (const [kind, ids] of [['receivers', pipeline.receivers], ['processors', pipeline.processors], ['exporters', pipeline.exporters]] as const) {
    for (const id of ids) assert.ok(id in config[kind], `${id} is used but not defined in ${kind}`);
  }
  for (const id of config.service.extensions ?? []) assert.ok(id in (config.extensions ?? {}), `extension ${id}`);
});

test('ports agree: OTLP gRPC 4317 and HTTP 4318, prometheus exporter 8889; README and examples say the same', () => {
  assert.equal(config.receivers.otlp!.protocols!.grpc!.endpoint, '0.0.0.0:4317');
  assert.equal(config.receivers.otlp!.protocols!.http!.endpoint, '0.0.0.0:4318');
  assert.equal(config.exporters.prometheus!.endpoint, '0.0.0.0:8889');
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const port of ['4317', '4318', '8889']) assert.match(readme, new RegExp(`\\b${port}\\b`), `README mentions ${port}`);
  assert.match(readme, /otel-collector\.yaml/);
  // Any example that names a local collector port uses the collector's ports.
  const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.ts'));
  for (const file of examples) {
    const source = readFileSync(join(repoRoot, 'examples', file), 'utf8');
    for (const m of source.matchAll(/localhost:(43\d\d)/g)) assert.ok(['4317', '4318'].includes(m[1]!), `${file} uses localhost:${m[1]}`);
  }
});
