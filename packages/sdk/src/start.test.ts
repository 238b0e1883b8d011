import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metrics } from '@opentelemetry/api';
import { catalog } from '@promptkit/metrics';
import { noopPromptKitMetrics } from '@promptkit/metrics/internal';
import { defaultPipelineConfig } from './pipeline-config.js';
import { startMetrics } from './start.js';

test('startMetrics returns the contract shape; the bus already records', async () => {
  const telemetry = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false });
  try {
    assert.ok(telemetry.prometheus);
    telemetry.eventBus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 'calc', durationMs: 5 } });
    const text = await telemetry.prometheus.render();
    assert.match(text, new RegExp(`^${catalog.toolCalls.name}\\{tool="calc",status="success"\\} 1$`, 'm'));
    // Custom instruments on the same provider appear on the same endpoint.
    telemetry.meterProvider.getMeter('app').createCounter('app_jobs').add(2);
    assert.match(await telemetry.prometheus.render(), /^app_jobs_total 2$/m);
  } finally {
    await telemetry.shutdown();
    await telemetry.shutdown(); // idempotent
  }
});

test('withMetrics(false) records nothing and serves nothing', async () => {
  const telemetry = await startMetrics(defaultPipelineConfig().withMetrics(false).withPrometheusExporter('127.0.0.1:0'));
  try {
    assert.equal(telemetry.prometheus, undefined);
    assert.equal(telemetry.config.metrics, false);
    telemetry.eventBus.publish({ type: 'pipeline.started', timestamp: Date.now(), data: {} });
    telemetry.metrics.toolCalls.bind({ tool: 't', status: 'success' }).inc();
    // The handles are the no-op ones (no cells, nothing to collect), and no listener records events.
    assert.equal(telemetry.metrics, noopPromptKitMetrics);
    // Nothing is registered globally either, so record* functions do not record into it.
    assert.notEqual(metrics.getMeterProvider(), telemetry.meterProvider);
    await telemetry.forceFlush();
  } finally {
    await telemetry.shutdown();
  }
});

test('a busy port rejects startMetrics with the address and the reason', async () => {
  const first = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false });
  try {
    await assert.rejects(
      startMetrics({ prometheus: `127.0.0.1:${first.prometheus!.port}`, registerGlobal: false }),
      /cannot listen on 127\.0\.0\.1:\d+: the port is already in use \(EADDRINUSE\)/,
    );
  } finally {
    await first.shutdown();
  }
});

test('a bad setting in code rejects with a ConfigError that names it', async () => {
  await assert.rejects(startMetrics({ prometheus: { port: 70_000 } }), { name: 'ConfigError', message: /prometheus\.port 70000 is invalid/ });
  await assert.rejects(startMetrics({ promethues: ':9090' } as never), { name: 'ConfigError', message: /unknown option 'promethues'/ });
});

test('labelLimits cap the listener and the bound handles on the telemetry provider', async () => {
  const telemetry = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false, labelLimits: { tool: 2 } });
  try {
    for (const toolName of ['a', 'b', 'c', 'd']) {
      telemetry.eventBus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName, durationMs: 1 } });
    }
    telemetry.metrics.toolCalls.bind({ tool: 'e', status: 'success' }).inc(3);
    const text = await telemetry.prometheus!.render();
    assert.match(text, /^promptkit_tool_calls_total\{tool="_other",status="success"\} 5$/m);
    assert.match(text, /^promptkit_label_overflow_total\{label="tool"\} 3$/m);
  } finally {
    await telemetry.shutdown();
  }
});
