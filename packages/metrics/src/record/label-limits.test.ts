import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { bindingFor } from '../provider-binding.js';
import { createPromptKitMetrics } from './bound-handles.js';
import { MetricsListener } from './metrics-listener.js';
import { testProvider } from '../test-reader.js';

const toolDone = (toolName: string): PromptKitEvent => ({ type: 'tool.call.completed', timestamp: 0, data: { toolName, durationMs: 10 } });

test('values past a label cap become _other, no count is lost, overflows are counted, across collections', async () => {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider, labelLimits: { tool: 3 } });
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 10; i++) listener.handle(toolDone(`tool-${i}`));
    const snapshot = await reader.snapshot(); // every collection, like a scrape or a push
    const calls = [...snapshot].filter(([k]) => k.startsWith('promptkit_tool_calls_total'));
    assert.deepEqual(calls.map(([k]) => k).sort(), [
      'promptkit_tool_calls_total{tool="_other",status="success"}',
      'promptkit_tool_calls_total{tool="tool-0",status="success"}',
      'promptkit_tool_calls_total{tool="tool-1",status="success"}',
      'promptkit_tool_calls_total{tool="tool-2",status="success"}',
    ]);
    assert.equal(calls.reduce((sum, [, v]) => sum + (v as number), 0), 10 * (round + 1));
    assert.equal(snapshot.get('promptkit_tool_calls_total{tool="_other",status="success"}'), 7 * (round + 1));
    assert.equal(snapshot.get('promptkit_label_overflow_total{label="tool"}'), 7 * (round + 1));
  }
});

test('the default caps bound a flood of model names', async () => {
  const { provider, reader } = testProvider();
  const listener = new MetricsListener({ meterProvider: provider });
  for (let i = 0; i < 5000; i++) {
    listener.handle({
      type: 'provider.call.completed',
      timestamp: 0,
      data: { provider: 'p', model: `model-${i}`, durationMs: 5, inputTokens: 1, outputTokens: 1 },
    });
  }
  const snapshot = await reader.snapshot();
  const requests = [...snapshot.keys()].filter((k) => k.startsWith('promptkit_provider_requests_total'));
  assert.equal(requests.length, 51); // 50 models + _other
  assert.equal(snapshot.get('promptkit_provider_tokens_total{provider="p",model="_other",type="input"}'), 4950);
});

test('label limits apply when PromptKit first binds a provider; later ones are ignored; bad ones throw', () => {
  const { provider } = testProvider();
  assert.equal(bindingFor(provider, { model: 5 }).limiter.cap('model'), 5);
  assert.equal(bindingFor(provider, { model: 6 }).limiter.cap('model'), 5);
  assert.throws(() => bindingFor(testProvider().provider, { model: 0 }), /model: 0 is not a whole number of at least 1/);
  assert.throws(() => bindingFor(testProvider().provider, { modle: 5 } as never), /'modle' is not a capped label/);
});

test('bound handles add to the same series as the listener, exactly', async () => {
  const { provider, reader } = testProvider();
  const handles = createPromptKitMetrics({ meterProvider: provider });
  const retrieved = handles.stageElements.bind({ stage: 'retrieve', status: 'success' });
  for (let i = 0; i < 1000; i++) retrieved.inc();
  retrieved.inc(5);
  new MetricsListener({ meterProvider: provider }).handle({
    type: 'stage.completed',
    timestamp: 0,
    data: { name: 'retrieve', stageType: 'transform', durationMs: 1 },
  });
  handles.providerTokens.add(42, { provider: 'p', model: 'm', type: 'cached' });
  const snapshot = await reader.snapshot();
  assert.equal(snapshot.get('promptkit_stage_elements_total{stage="retrieve",status="success"}'), 1006);
  assert.equal(snapshot.get('promptkit_provider_tokens_total{provider="p",model="m",type="cached"}'), 42);
});

test('bound handles refuse bad labels and bad increments without throwing', async () => {
  const { provider, reader } = testProvider();
  const handles = createPromptKitMetrics({ meterProvider: provider });
  const good = handles.toolCalls.bind({ tool: 'search', status: 'success' });
  for (const n of [-1, Number.NaN, Infinity, '5' as unknown as number]) assert.doesNotThrow(() => good.inc(n));
  const badStatus = handles.toolCalls.bind({ tool: 'search', status: 'ok' as never });
  assert.doesNotThrow(() => badStatus.inc());
  assert.doesNotThrow(() => handles.toolCalls.add(1, { tool: 'search', status: 'nope' as never }));
  assert.doesNotThrow(() => handles.validations.bind({ validator: 'v', validator_type: 't', status: 'success' as never }).inc());
  assert.doesNotThrow(() => handles.providerCost.bind(null as never).inc(1));
  good.inc();
  const snapshot = await reader.snapshot();
  assert.equal(snapshot.get('promptkit_tool_calls_total{tool="search",status="success"}'), 1);
  assert.equal(snapshot.get('promptkit_dropped_records_total{reason="invalid_event"}'), 4);
  // Each record on a refused binding is dropped and counted, not just the bind.
  assert.equal(snapshot.get('promptkit_dropped_records_total{reason="invalid_status"}'), 3);
  assert.equal(snapshot.get('promptkit_dropped_records_total{reason="invalid_label"}'), 1);
});
