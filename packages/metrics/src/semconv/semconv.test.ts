import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
// The package is imported here, in a test, only: runtime code uses the copies in attributes.ts.
import * as semconv from '@opentelemetry/semantic-conventions/incubating';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import type { PromptKitEvent } from '@promptkit/events';
import { MetricsListener } from '../record/metrics-listener.js';
import { testProvider } from '../test-reader.js';
import * as copies from './attributes.js';
import { GEN_AI_METER_NAME, genAiCatalog } from './catalog.js';
import { errorType } from './error-type.js';
import { GEN_AI_PROVIDER_ALIASES, GEN_AI_PROVIDER_NAMES, genAiProviderName } from './providers.js';

const at = 0;
const completed = (data: Record<string, unknown>): PromptKitEvent =>
  ({ type: 'provider.call.completed', timestamp: at, data: { provider: 'openai', model: 'gpt-4o', durationMs: 1500, inputTokens: 120, outputTokens: 48, ...data } });
const failed = (data: Record<string, unknown>): PromptKitEvent =>
  ({ type: 'provider.call.failed', timestamp: at, data: { provider: 'openai', model: 'gpt-4o', durationMs: 250, error: 'boom', ...data } });

test('the copied constants equal the semantic-conventions package values', () => {
  const pkg = semconv as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(copies)) {
    assert.equal(value, pkg[name], `${name} differs from @opentelemetry/semantic-conventions`);
  }
  // Every well-known provider name of the package is known here, and nothing else.
  const known = Object.entries(pkg).filter(([k]) => k.startsWith('GEN_AI_PROVIDER_NAME_VALUE_')).map(([, v]) => v);
  assert.deepEqual([...GEN_AI_PROVIDER_NAMES].sort(), [...known].sort());
  assert.ok(!Object.values(copies).includes('gen_ai.system' as never), 'the deprecated gen_ai.system is not copied');
});

test('no runtime file imports the semantic-conventions package', () => {
  const src = fileURLToPath(new URL('..', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
  for (const file of files(src)) assert.doesNotMatch(readFileSync(file, 'utf8'), /from '@opentelemetry\/semantic-conventions/, file);
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  assert.deepEqual(Object.keys(manifest.dependencies), ['@promptkit/events']);
});

test("the conventions' bucket boundaries and units", () => {
  const durations = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
  const tokens = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
  assert.deepEqual(genAiCatalog.operationDuration.buckets, durations);
  assert.deepEqual(genAiCatalog.timeToFirstChunk.buckets, durations);
  assert.deepEqual(genAiCatalog.tokenUsage.buckets, tokens);
  assert.equal(genAiCatalog.operationDuration.unit, 's');
  assert.equal(genAiCatalog.timeToFirstChunk.unit, 's');
  assert.equal(genAiCatalog.tokenUsage.unit, '{token}');
});

test('semconv gen_ai records the three client histograms with the conventions attributes, on their own meter', async () => {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, semconv: 'gen_ai' });
  listener.handle(completed({ timeToFirstTokenMs: 300, cachedTokens: 20 }));
  listener.handle(completed({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', durationMs: 3000 }));
  listener.handle(completed({ provider: 'google', model: 'gemini-2.0-flash' }));
  listener.handle(failed({ error: Object.assign(new Error('rate limited'), { status: 429 }) }));
  listener.handle(failed({ error: 'a message with request id 1234' }));

  const { resourceMetrics } = await reader.collect();
  const scope = resourceMetrics.scopeMetrics.find((s) => s.scope.name === GEN_AI_METER_NAME);
  assert.ok(scope, 'the gen_ai meter recorded');
  const byName = new Map(scope.metrics.map((m) => [m.descriptor.name, m]));
  assert.deepEqual([...byName.keys()].sort(), ['gen_ai.client.operation.duration', 'gen_ai.client.operation.time_to_first_chunk', 'gen_ai.client.token.usage']);

  const points = (name: string) => byName.get(name)!.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value as Histogram }));
  const duration = points('gen_ai.client.operation.duration');
  assert.deepEqual(
    duration.map((p) => [p.attributes, p.value.count, p.value.sum]),
    [
      [{ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o' }, 1, 1.5],
      [{ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': 'claude-sonnet-4-20250514' }, 1, 3],
      [{ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'gcp.gemini', 'gen_ai.request.model': 'gemini-2.0-flash' }, 1, 1.5],
      [{ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', 'error.type': '429' }, 1, 0.25],
      [{ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', 'error.type': '_OTHER' }, 1, 0.25],
    ],
  );
  assert.deepEqual(duration[0]!.value.buckets.boundaries, genAiCatalog.operationDuration.buckets);

  const tokens = points('gen_ai.client.token.usage').filter((p) => p.attributes['gen_ai.provider.name'] === 'openai');
  assert.deepEqual(
    tokens.map((p) => [p.attributes['gen_ai.token.type'], p.value.count, p.value.sum]),
    [
      ['input', 1, 120], // all prompt tokens, the cached ones included
      ['output', 1, 48],
    ],
  );
  assert.deepEqual(tokens[0]!.value.buckets.boundaries, genAiCatalog.tokenUsage.buckets);

  const firstChunk = points('gen_ai.client.operation.time_to_first_chunk');
  assert.equal(firstChunk.length, 1, 'only streaming calls (with a time to first token) record it');
  assert.equal(firstChunk[0]!.value.sum, 0.3);
  assert.deepEqual(firstChunk[0]!.value.buckets.boundaries, genAiCatalog.timeToFirstChunk.buckets);

  for (const metric of scope.metrics) {
    for (const point of metric.dataPoints) assert.ok(!('gen_ai.system' in point.attributes), 'never the deprecated gen_ai.system');
  }
});

test('off by default: no gen_ai meter, PromptKit metrics unchanged', async () => {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider });
  listener.handle(completed({}));
  const { resourceMetrics } = await reader.collect();
  assert.deepEqual(resourceMetrics.scopeMetrics.map((s) => s.scope.name), ['@promptkit/metrics']);
});

test('provider and model values go through the same label caps', async () => {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, semconv: 'gen_ai', labelLimits: { model: 2 } });
  for (const model of ['a', 'b', 'c', 'd']) listener.handle(completed({ model }));
  listener.handle(completed({ model: 42 }));
  const snapshot = await reader.snapshot();
  const models = [...snapshot.keys()]
    .filter((k) => k.startsWith('gen_ai.client.operation.duration'))
    .map((k) => /gen_ai\.request\.model="([^"]*)"/.exec(k)![1]);
  assert.deepEqual(models, ['a', 'b', '_other']);
  assert.equal((snapshot.get('gen_ai.client.operation.duration{gen_ai.operation.name="chat",gen_ai.provider.name="openai",gen_ai.request.model="_other"}') as { count: number }).count, 2);
  assert.equal(snapshot.get('promptkit_dropped_records_total{reason="invalid_label"}'), 2, 'the invalid model is dropped and counted by PromptKit (request, tokens), skipped by gen_ai');
});

test('error.type is low-cardinality: a status, a code, a class name, else _OTHER', () => {
  class RateLimitError extends Error {
    override name = 'RateLimitError';
  }
  const cases: [unknown, string][] = [
    [Object.assign(new Error('x'), { status: 503 }), '503'],
    [{ statusCode: 500 }, '500'],
    [Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    [new RateLimitError('slow down'), 'RateLimitError'],
    [new Error('plain'), '_OTHER'],
    ['a message with an id 7f3a', '_OTHER'],
    [{ code: 'has spaces in it' }, '_OTHER'],
    [{ status: 42 }, '_OTHER'],
    [null, '_OTHER'],
    [undefined, '_OTHER'],
  ];
  for (const [error, expected] of cases) assert.equal(errorType(error), expected, String(error));
});

test('error.type values are capped per provider', async () => {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, semconv: 'gen_ai' });
  for (let i = 0; i < 80; i++) listener.handle(failed({ error: { code: `E${i}` } }));
  const snapshot = await reader.snapshot();
  const types = [...snapshot.keys()].filter((k) => k.startsWith('gen_ai.client.operation.duration')).map((k) => /error\.type="([^"]*)"/.exec(k)![1]);
  assert.equal(types.length, 51);
  assert.equal(types.at(-1), '_OTHER');
});

test('provider labels map to the well-known gen_ai.provider.name values', () => {
  const cases: [string, string][] = [
    ['openai', 'openai'],
    ['OpenAI', 'openai'],
    ['anthropic', 'anthropic'],
    ['google', 'gcp.gemini'],
    ['gemini', 'gcp.gemini'],
    ['google.generative-ai', 'gcp.gemini'],
    ['vertex', 'gcp.vertex_ai'],
    ['google.vertex.chat', 'gcp.vertex_ai'],
    ['gcp.vertex_ai', 'gcp.vertex_ai'],
    ['bedrock', 'aws.bedrock'],
    ['amazon-bedrock', 'aws.bedrock'],
    ['azure', 'azure.ai.openai'],
    ['azure-openai', 'azure.ai.openai'],
    ['mistral', 'mistral_ai'],
    ['xai', 'x_ai'],
    ['openai.chat', 'openai'],
    ['openai.responses', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['groq', 'groq'],
    ['my-gateway', 'my-gateway'],
    ['constructor', 'constructor'],
  ];
  for (const [label, expected] of cases) assert.equal(genAiProviderName(label), expected, label);
  for (const value of Object.values(GEN_AI_PROVIDER_ALIASES)) assert.ok(GEN_AI_PROVIDER_NAMES.includes(value), value);
});
