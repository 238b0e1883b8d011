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
import { GEN_AI_METER_NAME, genAiCatalog } from './conventions.js';
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

test("the conventions' bucket boundaries, units and kinds", () => {
  const durations = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
  const tokens = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
  for (const key of ['inferenceDuration', 'timeToFirstChunk', 'embeddingsDuration'] as const) {
    assert.deepEqual([genAiCatalog[key].kind, genAiCatalog[key].unit, genAiCatalog[key].buckets], ['histogram', 's', durations], key);
  }
  for (const key of ['operationInputTokens', 'operationOutputTokens', 'embeddingsInputTokens'] as const) {
    assert.deepEqual([genAiCatalog[key].kind, genAiCatalog[key].unit, genAiCatalog[key].buckets], ['histogram', '{token}', tokens], key);
  }
  for (const key of ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'] as const) {
    assert.deepEqual([genAiCatalog[key].kind, genAiCatalog[key].unit], ['counter', '{token}'], key);
    assert.match(genAiCatalog[key].name, /^gen_ai\.client\.inference\.usage\./);
  }
});

const OPENAI = { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o' };

test('semconv gen_ai records the inference duration, usage counters and token histograms with the conventions attributes, on their own meter', async () => {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, semconv: 'gen_ai' });
  listener.handle(completed({ model: 'gpt-4o-2024-08-06', requestModel: 'gpt-4o', serverAddress: 'api.openai.com', serverPort: 443, timeToFirstTokenMs: 300, cachedTokens: 20, reasoningTokens: 8 }));
  listener.handle(completed({ provider: 'google', model: 'gemini-2.5-pro', operation: 'generate_content', inputTokens: 800, outputTokens: undefined }));
  listener.handle(completed({ model: 'text-embedding-3-small', operation: 'embeddings', inputTokens: 12, outputTokens: undefined }));
  listener.handle(failed({ error: Object.assign(new Error('rate limited'), { status: 429 }) }));
  const snapshot = await reader.snapshot();
  const served = (name: string) => [...snapshot.keys()].filter((k) => k.startsWith(`${name}{`)).sort();
  const withResponse = { ...OPENAI, 'server.address': 'api.openai.com', 'server.port': 443, 'gen_ai.response.model': 'gpt-4o-2024-08-06' };
  const key = (name: string, attributes: Record<string, unknown>) => `${name}{${Object.entries(attributes).map(([k, v]) => `${k}="${String(v)}"`).join(',')}}`;
  const usage = { ...OPENAI, 'server.address': 'api.openai.com', 'server.port': 443, 'gen_ai.response.model': 'gpt-4o-2024-08-06', 'gen_ai.token.modality': 'unknown' };
  assert.deepEqual(snapshot.get(key('gen_ai.client.inference.duration', withResponse)), { count: 1, sum: 1.5 });
  assert.equal(snapshot.get(key('gen_ai.client.inference.usage.input_tokens', usage)), 120, 'every prompt token, cache reads included');
  assert.equal(snapshot.get(key('gen_ai.client.inference.usage.output_tokens', usage)), 48);
  assert.equal(snapshot.get(key('gen_ai.client.inference.usage.cache_read.input_tokens', usage)), 20);
  assert.equal(snapshot.get(key('gen_ai.client.inference.usage.reasoning.output_tokens', usage)), 8);
  assert.deepEqual(served('gen_ai.client.inference.usage.cache_write.input_tokens'), [], 'not reported, not recorded');
  assert.deepEqual(snapshot.get(key('gen_ai.client.inference.operation.input_tokens', withResponse)), { count: 1, sum: 120 });
  assert.deepEqual(snapshot.get(key('gen_ai.client.inference.time_to_first_chunk', withResponse)), { count: 1, sum: 0.3 });
  // Gemini: generate_content; input reported without an output count records the input only.
  const gemini = { 'gen_ai.operation.name': 'generate_content', 'gen_ai.provider.name': 'gcp.gemini', 'gen_ai.request.model': 'gemini-2.5-pro', 'gen_ai.response.model': 'gemini-2.5-pro' };
  assert.equal(snapshot.get(key('gen_ai.client.inference.usage.input_tokens', { ...gemini, 'gen_ai.token.modality': 'unknown' })), 800);
  assert.equal(served('gen_ai.client.inference.usage.output_tokens').filter((k) => k.includes('gemini')).length, 0);
  // Embeddings have their own metrics.
  const embeddings = { 'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'text-embedding-3-small', 'gen_ai.response.model': 'text-embedding-3-small' };
  assert.deepEqual(snapshot.get(key('gen_ai.client.embeddings.duration', embeddings)), { count: 1, sum: 1.5 });
  assert.deepEqual(snapshot.get(key('gen_ai.client.embeddings.operation.input_tokens', embeddings)), { count: 1, sum: 12 });
  // A failed call: duration with error.type, no response model, no usage, no token histograms.
  assert.deepEqual(snapshot.get(key('gen_ai.client.inference.duration', { ...OPENAI, 'error.type': '429' })), { count: 1, sum: 0.25 });
  assert.equal(served('gen_ai.client.inference.operation.output_tokens').length, 1);
  for (const name of snapshot.keys()) assert.doesNotMatch(name, /gen_ai\.system|gen_ai\.token\.type|gen_ai\.client\.token\.usage|operation\.duration/);
  const { resourceMetrics } = await reader.collect();
  const scope = resourceMetrics.scopeMetrics.find((s) => s.scope.name === GEN_AI_METER_NAME);
  const duration = scope?.metrics.find((m) => m.descriptor.name === 'gen_ai.client.inference.duration');
  assert.deepEqual((duration?.dataPoints[0]?.value as Histogram).buckets.boundaries, genAiCatalog.inferenceDuration.buckets);
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
    .filter((k) => k.startsWith('gen_ai.client.inference.duration'))
    .map((k) => /gen_ai\.request\.model="([^"]*)"/.exec(k)![1]);
  assert.deepEqual(models, ['a', 'b', '_other']);
  assert.equal((snapshot.get('gen_ai.client.inference.duration{gen_ai.operation.name="chat",gen_ai.provider.name="openai",gen_ai.request.model="_other",gen_ai.response.model="_other"}') as { count: number }).count, 2);
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
  const types = [...snapshot.keys()].filter((k) => k.startsWith('gen_ai.client.inference.duration')).map((k) => /error\.type="([^"]*)"/.exec(k)![1]);
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
    ['google_genai', 'gcp.gemini'],
    ['google_vertexai', 'gcp.vertex_ai'],
    ['amazon_bedrock', 'aws.bedrock'],
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
