import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { PromptKitEvent } from '@promptkit/events';
import { MetricsListener } from '../record/metrics-listener.js';
import { testProvider } from '../test-reader.js';
import { Pricing } from './pricing.js';
import { MAX_WARNED_MODELS } from './record.js';

let warnings: string[] = [];
beforeEach(() => {
  warnings = [];
  const keep = (message: string) => void warnings.push(message);
  const logger: DiagLogger = { error: keep, warn: keep, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});
afterEach(() => diag.disable());

type Call = Partial<Extract<PromptKitEvent, { type: 'provider.call.completed' }>['data']>;
const completed = (data: Call): PromptKitEvent =>
  ({ type: 'provider.call.completed', timestamp: 0, data: { provider: 'openai', model: 'gpt-4o', durationMs: 1000, inputTokens: 1000, outputTokens: 500, ...data } });

function setup(pricing: Pricing | false = new Pricing()) {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, ...(pricing ? { pricing } : {}) });
  return { listener, snapshot: () => reader.snapshot() };
}

const cost = (provider: string, model: string) => `promptkit_provider_cost_total{provider="${provider}",model="${model}"}`;
const unpriced = (provider: string, model: string) => `promptkit_provider_unpriced_requests_total{provider="${provider}",model="${model}"}`;

test('a call with tokens and no cost is priced from the table', async () => {
  const { listener, snapshot } = setup();
  listener.handle(completed({ cachedTokens: 200 }));
  listener.handle(completed({ model: 'gpt-4o-mini-2024-07-18', inputTokens: 1_000_000, outputTokens: 1_000_000 }));
  const s = await snapshot();
  assert.equal(s.get(cost('openai', 'gpt-4o')), 0.00725);
  assert.equal(s.get(cost('openai', 'gpt-4o-mini-2024-07-18')), 0.75);
  assert.equal([...s.keys()].some((k) => k.startsWith('promptkit_provider_unpriced')), false);
  assert.deepEqual(warnings, []);
});

test("an event's own cost always wins, even for a priced model, and even when it is invalid", async () => {
  const { listener, snapshot } = setup();
  listener.handle(completed({ cost: 0.5 }));
  listener.handle(completed({ model: 'unknown-model', cost: 0.25 }));
  listener.handle(completed({ model: 'gpt-4o-mini', cost: Number.NaN }));
  const s = await snapshot();
  assert.equal(s.get(cost('openai', 'gpt-4o')), 0.5);
  assert.equal(s.get(cost('openai', 'unknown-model')), 0.25);
  assert.equal(s.get(cost('openai', 'gpt-4o-mini')), undefined);
  assert.equal(s.get('promptkit_dropped_records_total{reason="invalid_cost"}'), 1);
  assert.equal(s.get(unpriced('openai', 'unknown-model')), undefined);
});

test('a model with no price records no cost, is counted as unpriced, and is warned about once', async () => {
  const { listener, snapshot } = setup();
  for (let i = 0; i < 3; i++) listener.handle(completed({ provider: 'acme', model: 'mystery-1' }));
  listener.handle(completed({ provider: 'acme', model: 'mystery-2' }));
  const s = await snapshot();
  assert.equal(s.get(cost('acme', 'mystery-1')), undefined);
  assert.equal(s.get(unpriced('acme', 'mystery-1')), 3);
  assert.equal(s.get(unpriced('acme', 'mystery-2')), 1);
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0]!, /promptkit: no price for model "mystery-1" \(provider "acme"\): its calls record no cost and are counted in promptkit_provider_unpriced_requests_total/);
  assert.match(warnings[0]!, /startMetrics\(\{ pricing: \{ "mystery-1": \{ input, output, cached \} \} \}\)/);
  assert.match(warnings[1]!, /"mystery-2"/);
});

test('calls without tokens, with invalid tokens, or without pricing are neither priced nor counted', async () => {
  const { listener, snapshot } = setup();
  listener.handle(completed({ model: 'mystery', inputTokens: 0, outputTokens: 0 }));
  listener.handle(completed({ model: 'mystery', inputTokens: -1 }));
  listener.handle(completed({ model: 'gpt-4o', outputTokens: Number.NaN }));
  const s = await snapshot();
  assert.equal(s.get(unpriced('openai', 'mystery')), undefined);
  assert.equal(s.get(cost('openai', 'gpt-4o')), undefined);
  assert.equal(s.get('promptkit_dropped_records_total{reason="invalid_tokens"}'), 2);
  assert.deepEqual(warnings.filter((w) => /no price/.test(w)), []);

  const off = setup(false);
  off.listener.handle(completed({}));
  off.listener.handle(completed({ model: 'mystery' }));
  const t = await off.snapshot();
  assert.equal(t.get(cost('openai', 'gpt-4o')), undefined);
  assert.equal(t.get(unpriced('openai', 'mystery')), undefined);
  assert.deepEqual(warnings.filter((w) => /no price/.test(w)), []);
});

test('warnings are bounded: past the cap of warned models, one last line and then silence', async () => {
  const pricing = new Pricing();
  const { listener, snapshot } = setup(pricing);
  const models = MAX_WARNED_MODELS + 50;
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < models; i++) listener.handle(completed({ provider: 'acme', model: `m-${i}` }));
  }
  assert.equal(warnings.length, MAX_WARNED_MODELS + 1);
  assert.match(warnings.at(-1)!, new RegExp(`more than ${MAX_WARNED_MODELS} models have no price`));
  // The counter still counts every call (model values past the label cap become _other).
  const s = await snapshot();
  const total = [...s].filter(([k]) => k.startsWith('promptkit_provider_unpriced_requests_total')).reduce((sum, [, v]) => sum + (v as number), 0);
  assert.equal(total, 2 * models);
  // The same Pricing on another listener does not warn again.
  const other = setup(pricing);
  other.listener.handle(completed({ provider: 'acme', model: 'm-0' }));
  assert.equal(warnings.length, MAX_WARNED_MODELS + 1);
});
