import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { PromptKitEvent } from '@promptkit/events';
import { MetricsListener } from '../record/metrics-listener.js';
import { testProvider } from '../test-reader.js';
import type { PriceSource, PriceUsage } from './price-source.js';
import { MAX_WARNED_MODELS } from './warn-unpriced.js';

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

/** A price source for these tests: $1 per million input tokens and $2 per million output tokens, for models starting with `gpt`. */
function tableSource(): PriceSource & { calls: [string, string, PriceUsage][] } {
  const calls: [string, string, PriceUsage][] = [];
  return {
    calls,
    info: { source: 'test-prices', version: '1.2.3', asOf: '2026-01-02' },
    price(provider, model, usage) {
      calls.push([provider, model, { ...usage }]);
      if (!model.startsWith('gpt')) return undefined;
      return ((usage.inputTokens ?? 0) * 1 + (usage.outputTokens ?? 0) * 2) / 1e6;
    },
  };
}

function setup(pricing: PriceSource | false = tableSource()) {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, ...(pricing ? { pricing } : {}) });
  return { listener, snapshot: () => reader.snapshot() };
}

const cost = (provider: string, model: string) => `promptkit_provider_cost_total{provider="${provider}",model="${model}"}`;
const unpriced = (provider: string, model: string) => `promptkit_provider_unpriced_requests_total{provider="${provider}",model="${model}"}`;

test('a call with tokens and no cost is priced by the source; pricing info is set from the start', async () => {
  const source = tableSource();
  const { listener, snapshot } = setup(source);
  assert.equal((await snapshot()).get('promptkit_pricing_info{source="test-prices",version="1.2.3",as_of="2026-01-02"}'), 1);
  listener.handle(completed({ cachedTokens: 200, cacheWriteTokens: 10, reasoningTokens: 7 }));
  listener.handle(completed({ model: 'gpt-4o-mini', inputTokens: 1_000_000, outputTokens: 1_000_000 }));
  // Absent counts are absent: a call with input only is priced on its input.
  listener.handle(completed({ model: 'gpt-input-only', outputTokens: undefined }));
  const s = await snapshot();
  assert.equal(s.get(cost('openai', 'gpt-4o')), 0.002);
  assert.equal(s.get(cost('openai', 'gpt-4o-mini')), 3);
  assert.equal(s.get(cost('openai', 'gpt-input-only')), 0.001);
  assert.deepEqual(source.calls[0]![2], { provider: 'openai', model: 'gpt-4o', durationMs: 1000, inputTokens: 1000, outputTokens: 500, cachedTokens: 200, cacheWriteTokens: 10, reasoningTokens: 7 });
  assert.equal([...s.keys()].some((k) => k.startsWith('promptkit_provider_unpriced')), false);
  assert.equal(s.get('promptkit_pricing_info{source="test-prices",version="1.2.3",as_of="2026-01-02"}'), 1);
  assert.deepEqual(warnings, []);
});

test("an event's own cost always wins, even for a priced model, and even when it is invalid", async () => {
  const source = tableSource();
  const { listener, snapshot } = setup(source);
  listener.handle(completed({ cost: 0.5 }));
  listener.handle(completed({ model: 'unknown-model', cost: 0.25 }));
  listener.handle(completed({ model: 'gpt-4o-mini', cost: Number.NaN }));
  const s = await snapshot();
  assert.equal(s.get(cost('openai', 'gpt-4o')), 0.5);
  assert.equal(s.get(cost('openai', 'unknown-model')), 0.25);
  assert.equal(s.get(cost('openai', 'gpt-4o-mini')), undefined);
  assert.equal(s.get('promptkit_dropped_records_total{reason="invalid_cost"}'), 1);
  assert.equal(s.get(unpriced('openai', 'unknown-model')), undefined);
  assert.equal(source.calls.length, 0);
});

test('a call with no price records no cost, is counted as unpriced, and is warned about once', async () => {
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
  const source = tableSource();
  const { listener, snapshot } = setup(source);
  listener.handle(completed({ model: 'mystery', inputTokens: 0, outputTokens: 0 }));
  listener.handle(completed({ model: 'mystery', inputTokens: undefined, outputTokens: undefined }));
  listener.handle(completed({ model: 'mystery', inputTokens: -1 }));
  listener.handle(completed({ model: 'gpt-4o', outputTokens: Number.NaN }));
  listener.handle(completed({ model: 'gpt-4o', cachedTokens: -3 }));
  const s = await snapshot();
  assert.equal(s.get(unpriced('openai', 'mystery')), undefined);
  assert.equal(s.get(cost('openai', 'gpt-4o')), undefined);
  assert.equal(s.get('promptkit_dropped_records_total{reason="invalid_tokens"}'), 3);
  assert.equal(source.calls.length, 0);
  assert.deepEqual(warnings.filter((w) => /no price/.test(w)), []);

  const off = setup(false);
  off.listener.handle(completed({}));
  off.listener.handle(completed({ model: 'mystery' }));
  const t = await off.snapshot();
  assert.equal(t.get(cost('openai', 'gpt-4o')), undefined);
  assert.equal(t.get(unpriced('openai', 'mystery')), undefined);
  assert.equal([...t.keys()].some((k) => k.startsWith('promptkit_pricing_info')), false);
  assert.deepEqual(warnings.filter((w) => /no price/.test(w)), []);
});

test('warnings are bounded: past the cap of warned models, one last line and then silence', async () => {
  const source = tableSource();
  const { listener, snapshot } = setup(source);
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
  // The same source on another listener does not warn again.
  const other = setup(source);
  other.listener.handle(completed({ provider: 'acme', model: 'm-0' }));
  assert.equal(warnings.length, MAX_WARNED_MODELS + 1);
});
