// Prices that are not at hand yet (the price database loading): recorded when they settle.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { diag, DiagLogLevel, metrics, type DiagLogger } from '@opentelemetry/api';
import type { PromptKitEvent } from '@promptkit/events';
import { MetricsListener } from '../record/metrics-listener.js';
import { testProvider } from '../test-reader.js';
import type { PriceSource } from './price-source.js';
import { MAX_PENDING_PRICES } from './record.js';

let warnings: string[] = [];
beforeEach(() => {
  warnings = [];
  const keep = (message: string) => void warnings.push(message);
  const logger: DiagLogger = { error: keep, warn: keep, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});
afterEach(() => diag.disable());

const completed = (model: string, provider = 'openai'): PromptKitEvent => ({
  type: 'provider.call.completed',
  timestamp: 0,
  data: { provider, model, durationMs: 1000, inputTokens: 1000, outputTokens: 500 },
});

/** A source whose prices arrive when `release()` is called, as Pricing's do while its database loads. */
function laterSource(price: (model: string) => unknown) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const source: PriceSource = {
    info: { source: 'later', version: '1', asOf: '2026-01-01' },
    price: (_provider, model) => gate.then(() => price(model)) as Promise<number | undefined>,
  };
  return { source, release };
}

const cost = (model: string, provider = 'openai') => `promptkit_provider_cost_total{provider="${provider}",model="${model}"}`;
const unpriced = (model: string, provider = 'openai') => `promptkit_provider_unpriced_requests_total{provider="${provider}",model="${model}"}`;

test('a price that arrives later is recorded when it settles; settled() waits for it', async () => {
  const { source, release } = laterSource((model) => (model === 'priced' ? 0.25 : model === 'rejects' ? Promise.reject(new Error('boom')) : model === 'odd' ? 'cheap' : undefined));
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, pricing: source });
  for (const model of ['priced', 'priced', 'unknown', 'rejects', 'odd']) listener.handle(completed(model));
  let settled = false;
  const waiting = listener.settled().then(() => (settled = true));
  const before = await reader.snapshot();
  assert.equal(before.get(cost('priced')), undefined);
  assert.equal(before.get(unpriced('unknown')), undefined);
  assert.equal(settled, false);
  release();
  await waiting;
  const after = await reader.snapshot();
  assert.equal(after.get(cost('priced')), 0.5);
  assert.equal(after.get(unpriced('unknown')), 1);
  assert.equal(after.get(unpriced('rejects')), 1);
  assert.equal(after.get(unpriced('odd')), 1);
  assert.ok(warnings.some((w) => /the price source failed for model "rejects": Error: boom/.test(w)), warnings.join('\n'));
  // Nothing pending: settled() resolves at once.
  await listener.settled();
});

test('past MAX_PENDING_PRICES waiting calls, further ones count as unpriced, reported once', async () => {
  const { source, release } = laterSource(() => 0.001);
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, pricing: source });
  const extra = 25;
  for (let i = 0; i < MAX_PENDING_PRICES + extra; i++) listener.handle(completed('m'));
  release();
  await listener.settled();
  const s = await reader.snapshot();
  assert.equal(s.get(unpriced('m')), extra);
  assert.ok(Math.abs(s.get(cost('m')) as number - MAX_PENDING_PRICES * 0.001) < 1e-9);
  assert.equal(warnings.filter((w) => /calls are waiting for the price database/.test(w)).length, 1, warnings.join('\n'));
});

test('a source that throws, or has no readable info, never reaches the application', async () => {
  const throwing: PriceSource = {
    get info(): never {
      throw new Error('no info');
    },
    price: () => {
      throw new Error('broken');
    },
  };
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, pricing: throwing });
  listener.handle(completed('gpt-4o'));
  const s = await reader.snapshot();
  assert.equal(s.get(unpriced('gpt-4o')), 1);
  assert.equal(s.get('promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="success"}'), 1);
  assert.equal(s.get('promptkit_pricing_info{source="[unprintable value]",version="[unprintable value]",as_of="[unprintable value]"}'), 1);
  assert.ok(warnings.some((w) => /the price source threw for model "gpt-4o": Error: broken/.test(w)), warnings.join('\n'));
});

test('on the global MeterProvider, pricing info follows it when it changes', async () => {
  const source: PriceSource = { info: { source: 's', version: 'v', asOf: 'd' }, price: () => 0.5 };
  const listener = new MetricsListener({ pricing: source });
  const { provider, reader } = testProvider();
  assert.equal(metrics.setGlobalMeterProvider(provider), true);
  try {
    listener.handle(completed('gpt-4o'));
    const s = await reader.snapshot();
    assert.equal(s.get('promptkit_pricing_info{source="s",version="v",as_of="d"}'), 1);
    assert.equal(s.get(cost('gpt-4o')), 0.5);
  } finally {
    metrics.disable();
  }
});
