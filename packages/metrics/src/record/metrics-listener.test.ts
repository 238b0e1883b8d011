import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metrics } from '@opentelemetry/api';
import type { PromptKitEvent } from '@promptkit/events';
import { MetricsListener } from './metrics-listener.js';
import { testProvider } from '../test-reader.js';

const at = 1_700_000_000_000;
const ev = (type: string, data: unknown): PromptKitEvent => ({ type, timestamp: at, data }) as PromptKitEvent;

// Table: one event → exactly the series it must produce (histograms as count/sum).
const cases: { before?: PromptKitEvent[]; event: PromptKitEvent; expect: Record<string, number | { count: number; sum: number }> }[] = [
  { event: ev('pipeline.started', {}), expect: { promptkit_pipelines_active: 1 } },
  {
    before: [ev('pipeline.started', {})],
    event: ev('pipeline.completed', { durationMs: 1500, totalCost: 1, inputTokens: 5, outputTokens: 5 }),
    expect: { promptkit_pipelines_active: 0, 'promptkit_pipeline_duration_seconds{status="success"}': { count: 1, sum: 1.5 } },
  },
  {
    before: [ev('pipeline.started', {})],
    event: ev('pipeline.failed', { durationMs: 500, error: new Error('x') }),
    expect: { promptkit_pipelines_active: 0, 'promptkit_pipeline_duration_seconds{status="error"}': { count: 1, sum: 0.5 } },
  },
  { event: ev('stage.started', { name: 's', stageType: 't' }), expect: {} },
  {
    event: ev('stage.completed', { name: 's', stageType: 't', durationMs: 250, index: 0 }),
    expect: {
      'promptkit_stage_duration_seconds{stage="s",stage_type="t"}': { count: 1, sum: 0.25 },
      'promptkit_stage_elements_total{stage="s",status="success"}': 1,
    },
  },
  {
    event: ev('stage.failed', { name: 's', stageType: 't', durationMs: 250, error: 'e' }),
    expect: {
      'promptkit_stage_duration_seconds{stage="s",stage_type="t"}': { count: 1, sum: 0.25 },
      'promptkit_stage_elements_total{stage="s",status="error"}': 1,
    },
  },
  { event: ev('provider.call.started', { provider: 'p', model: 'm' }), expect: {} },
  {
    event: ev('provider.call.completed', { provider: 'p', model: 'm', durationMs: 2000, inputTokens: 10, outputTokens: 4, cachedTokens: 2, cost: 0.5 }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 2 },
      'promptkit_provider_requests_total{provider="p",model="m",status="success"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="input"}': 10,
      'promptkit_provider_tokens_total{provider="p",model="m",type="output"}': 4,
      'promptkit_provider_tokens_total{provider="p",model="m",type="cached"}': 2,
      'promptkit_provider_cost_total{provider="p",model="m"}': 0.5,
    },
  },
  {
    // Every billed part: cache reads and writes inside input, reasoning inside output; the raw finish reason mapped.
    event: ev('provider.call.completed', { provider: 'p', model: 'm', durationMs: 500, inputTokens: 3112, cachedTokens: 3000, cacheWriteTokens: 100, outputTokens: 80, reasoningTokens: 30, finishReason: 'end_turn' }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 0.5 },
      'promptkit_provider_requests_total{provider="p",model="m",status="success"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="input"}': 3112,
      'promptkit_provider_tokens_total{provider="p",model="m",type="output"}': 80,
      'promptkit_provider_tokens_total{provider="p",model="m",type="cached"}': 3000,
      'promptkit_provider_tokens_total{provider="p",model="m",type="cache_write"}': 100,
      'promptkit_provider_tokens_total{provider="p",model="m",type="reasoning"}': 30,
      'promptkit_provider_finish_reasons_total{provider="p",model="m",reason="stop"}': 1,
    },
  },
  {
    // Input without an output count (Gemini can omit it): the input is recorded, nothing is made up.
    event: ev('provider.call.completed', { provider: 'vertex', model: 'gemini-2.0-flash', durationMs: 90, inputTokens: 800, finishReason: 'MAX_TOKENS' }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="vertex",model="gemini-2.0-flash"}': { count: 1, sum: 0.09 },
      'promptkit_provider_requests_total{provider="vertex",model="gemini-2.0-flash",status="success"}': 1,
      'promptkit_provider_tokens_total{provider="vertex",model="gemini-2.0-flash",type="input"}': 800,
      'promptkit_provider_finish_reasons_total{provider="vertex",model="gemini-2.0-flash",reason="length"}': 1,
    },
  },
  {
    event: ev('provider.call.completed', { provider: 'p', model: 'm', durationMs: 2000, inputTokens: 1, outputTokens: 1, timeToFirstTokenMs: 250 }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 2 },
      'promptkit_provider_time_to_first_token_seconds{provider="p",model="m"}': { count: 1, sum: 0.25 },
      'promptkit_provider_requests_total{provider="p",model="m",status="success"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="input"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="output"}': 1,
    },
  },
  {
    // The provider reported no usage: the call counts, with no token series and no drop.
    event: ev('provider.call.completed', { provider: 'p', model: 'm', durationMs: 1000 }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 1 },
      'promptkit_provider_requests_total{provider="p",model="m",status="success"}': 1,
    },
  },
  {
    // No cachedTokens and no cost: no cached series and no cost series.
    event: ev('provider.call.completed', { provider: 'p', model: 'm', durationMs: 1000, inputTokens: 1, outputTokens: 1 }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 1 },
      'promptkit_provider_requests_total{provider="p",model="m",status="success"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="input"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="output"}': 1,
    },
  },
  {
    event: ev('provider.call.failed', { provider: 'p', model: 'm', durationMs: 1000, error: 'e' }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 1 },
      'promptkit_provider_requests_total{provider="p",model="m",status="error"}': 1,
      'promptkit_provider_errors_total{provider="p",model="m",error_type="other"}': 1,
    },
  },
  {
    event: ev('provider.call.failed', { provider: 'p', model: 'm', durationMs: 10, error: Object.assign(new Error('slow down'), { status: 429 }) }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 0.01 },
      'promptkit_provider_requests_total{provider="p",model="m",status="error"}': 1,
      'promptkit_provider_errors_total{provider="p",model="m",error_type="rate_limit"}': 1,
    },
  },
  {
    event: ev('provider.call.failed', { provider: 'p', model: 'm', durationMs: 10, error: new Error('x'), errorType: 'context_length_exceeded' }),
    expect: {
      'promptkit_provider_request_duration_seconds{provider="p",model="m"}': { count: 1, sum: 0.01 },
      'promptkit_provider_requests_total{provider="p",model="m",status="error"}': 1,
      'promptkit_provider_errors_total{provider="p",model="m",error_type="context_length_exceeded"}': 1,
    },
  },
  { event: ev('tool.call.started', { toolName: 't' }), expect: {} },
  {
    event: ev('tool.call.completed', { toolName: 't', durationMs: 125, callId: 'c' }),
    expect: { 'promptkit_tool_call_duration_seconds{tool="t"}': { count: 1, sum: 0.125 }, 'promptkit_tool_calls_total{tool="t",status="success"}': 1 },
  },
  {
    event: ev('tool.call.failed', { toolName: 't', durationMs: 125, error: 'e' }),
    expect: { 'promptkit_tool_call_duration_seconds{tool="t"}': { count: 1, sum: 0.125 }, 'promptkit_tool_calls_total{tool="t",status="error"}': 1 },
  },
  { event: ev('validation.started', { validatorName: 'v', validatorType: 'output' }), expect: {} },
  {
    event: ev('validation.passed', { validatorName: 'v', validatorType: 'output', durationMs: 2 }),
    expect: {
      'promptkit_validation_duration_seconds{validator="v",validator_type="output"}': { count: 1, sum: 0.002 },
      'promptkit_validations_total{validator="v",validator_type="output",status="passed"}': 1,
    },
  },
  {
    event: ev('validation.failed', { validatorName: 'v', validatorType: 'output', durationMs: 2, violations: ['x'] }),
    expect: {
      'promptkit_validation_duration_seconds{validator="v",validator_type="output"}': { count: 1, sum: 0.002 },
      'promptkit_validations_total{validator="v",validator_type="output",status="failed"}': 1,
    },
  },
];

for (const { before = [], event, expect } of cases) {
  test(`maps ${event.type} ${JSON.stringify(event.data)}`, async () => {
    const { provider, reader } = testProvider();
    const listener = new MetricsListener({ meterProvider: provider });
    for (const earlier of before) listener.handle(earlier);
    listener.handle(event);
    assert.deepEqual(Object.fromEntries(await reader.snapshot()), expect);
  });
}

// Table: malformed input → dropped (nothing else recorded), counted by reason, never thrown.
const bad: { what: string; event: unknown; reason: string; also?: Record<string, number> }[] = [
  { what: 'null event', event: null, reason: 'invalid_event' },
  { what: 'undefined event', event: undefined, reason: 'invalid_event' },
  { what: 'missing data', event: { type: 'tool.call.completed', timestamp: at }, reason: 'invalid_event' },
  { what: 'unknown type', event: ev('made.up', {}), reason: 'unknown_event' },
  { what: 'NaN duration', event: ev('tool.call.completed', { toolName: 't', durationMs: Number.NaN }), reason: 'invalid_duration' },
  { what: 'negative duration', event: ev('stage.completed', { name: 's', stageType: 't', durationMs: -1 }), reason: 'invalid_duration', also: { 'promptkit_stage_elements_total{stage="s",status="success"}': 1 } },
  { what: 'infinite duration', event: ev('validation.passed', { validatorName: 'v', validatorType: 't', durationMs: Infinity }), reason: 'invalid_duration' },
  { what: 'string duration', event: ev('tool.call.failed', { toolName: 't', durationMs: '12', error: 'e' }), reason: 'invalid_duration' },
  { what: 'non-string label', event: ev('tool.call.completed', { toolName: 42, durationMs: 1 }), reason: 'invalid_label' },
  { what: 'missing model', event: ev('provider.call.failed', { provider: 'p', durationMs: 1, error: 'e' }), reason: 'invalid_label' },
  {
    what: 'negative tokens',
    event: ev('provider.call.completed', { provider: 'p', model: 'm', durationMs: 1000, inputTokens: -5, outputTokens: 1 }),
    reason: 'invalid_tokens',
    also: { 'promptkit_provider_requests_total{provider="p",model="m",status="success"}': 1 },
  },
  {
    what: 'NaN cost',
    event: ev('provider.call.completed', { provider: 'p', model: 'm', durationMs: 1000, inputTokens: 1, outputTokens: 1, cost: Number.NaN }),
    reason: 'invalid_cost',
    also: {
      'promptkit_provider_requests_total{provider="p",model="m",status="success"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="input"}': 1,
      'promptkit_provider_tokens_total{provider="p",model="m",type="output"}': 1,
    },
  },
];

for (const { what, event, reason, also } of bad) {
  test(`drops and counts bad input: ${what}`, async () => {
    const { provider, reader } = testProvider();
    const listener = new MetricsListener({ meterProvider: provider });
    assert.doesNotThrow(() => listener.handle(event as PromptKitEvent));
    const snapshot = Object.fromEntries(await reader.snapshot());
    const counters = Object.fromEntries(Object.entries(snapshot).filter(([, v]) => typeof v === 'number'));
    assert.deepEqual(counters, { [`promptkit_dropped_records_total{reason="${reason}"}`]: 1, ...also });
  });
}

test('a listener created before the global MeterProvider is registered records into it', async () => {
  const listener = new MetricsListener();
  listener.handle(ev('tool.call.completed', { toolName: 'early', durationMs: 1 })); // goes nowhere: no provider yet
  const { provider, reader } = testProvider();
  assert.ok(metrics.setGlobalMeterProvider(provider));
  try {
    listener.handle(ev('tool.call.completed', { toolName: 'late', durationMs: 1 }));
    const snapshot = await reader.snapshot();
    assert.equal(snapshot.get('promptkit_tool_calls_total{tool="late",status="success"}'), 1);
    assert.equal(snapshot.has('promptkit_tool_calls_total{tool="early",status="success"}'), false);
  } finally {
    metrics.disable();
  }
});

test('a MeterProvider that throws never reaches the caller', () => {
  const broken = { getMeter: () => { throw new Error('broken provider'); } };
  const listener = new MetricsListener({ meterProvider: broken });
  assert.doesNotThrow(() => listener.handle(ev('pipeline.started', {})));
});
