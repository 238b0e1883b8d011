import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metrics } from '@opentelemetry/api';
import {
  recordPipelineEnd,
  recordPipelineStart,
  recordProviderCost,
  recordProviderRequest,
  recordProviderTokens,
  recordStageDuration,
  recordStageElement,
  recordToolCall,
  recordValidation,
} from './record-functions.js';
import type { Status, ValidationStatus } from '../label-sets.js';
import { testProvider } from '../test-reader.js';

test("the Go SDK's recording functions record into the global MeterProvider", async () => {
  const { provider, reader } = testProvider();
  metrics.setGlobalMeterProvider(provider);
  try {
    recordPipelineStart();
    recordPipelineEnd('success', 1.25);
    recordStageDuration('my_stage', 'transform', 0.5);
    recordStageElement('my_stage', 'success');
    recordProviderRequest('anthropic', 'claude-3', 'success', 2.5);
    recordProviderTokens('anthropic', 'claude-3', 100, 50, 0);
    recordProviderCost('anthropic', 'claude-3', 0.05);
    recordToolCall('web_search', 'success', 1.25);
    recordValidation('schema_validator', 'output', 'passed', 0.01);
    // Outside the closed status sets: dropped, not recorded under a made-up label.
    recordToolCall('web_search', 'ok' as Status, 1);
    recordValidation('schema_validator', 'output', 'success' as ValidationStatus, 0.01);
    recordProviderCost('anthropic', 'claude-3', -1);
    // A pipeline that ends with a bad status still ends: the active gauge comes down.
    recordPipelineStart();
    recordPipelineEnd('ok' as Status, 1);
    assert.deepEqual(Object.fromEntries(await reader.snapshot()), {
      promptkit_pipelines_active: 0,
      'promptkit_pipeline_duration_seconds{status="success"}': { count: 1, sum: 1.25 },
      'promptkit_stage_duration_seconds{stage="my_stage",stage_type="transform"}': { count: 1, sum: 0.5 },
      'promptkit_stage_elements_total{stage="my_stage",status="success"}': 1,
      'promptkit_provider_request_duration_seconds{provider="anthropic",model="claude-3"}': { count: 1, sum: 2.5 },
      'promptkit_provider_requests_total{provider="anthropic",model="claude-3",status="success"}': 1,
      'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="input"}': 100,
      'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="output"}': 50,
      'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="cached"}': 0,
      'promptkit_provider_cost_total{provider="anthropic",model="claude-3"}': 0.05,
      'promptkit_tool_call_duration_seconds{tool="web_search"}': { count: 1, sum: 1.25 },
      'promptkit_tool_calls_total{tool="web_search",status="success"}': 1,
      'promptkit_validation_duration_seconds{validator="schema_validator",validator_type="output"}': { count: 1, sum: 0.01 },
      'promptkit_validations_total{validator="schema_validator",validator_type="output",status="passed"}': 1,
      'promptkit_dropped_records_total{reason="invalid_status"}': 3,
      'promptkit_dropped_records_total{reason="invalid_cost"}': 1,
    });
  } finally {
    metrics.disable();
  }
});
