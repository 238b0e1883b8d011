// Telemetry never throws into the application, for any value the application passes or returns:
// its own result or error always wins, and what PromptKit cannot read is dropped and counted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { samples } from './support/scrape.js';

let telemetry: Telemetry;
before(async () => {
  telemetry = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false, pricing: false });
});
after(() => telemetry.shutdown());

const value = async (series: string) => samples(await telemetry.prometheus!.render()).get(series) ?? 0;
/** Throws a value without a prototype (String() of it throws too), as hostile code might. */
function throwing(what: string): never {
  const thrown: unknown = Object.assign(Object.create(null) as object, { what });
  throw thrown;
}

test('a result whose usage getter throws is returned unchanged, and the call is still recorded', async () => {
  const result = {
    get usage(): unknown {
      return throwing('usage getter');
    },
    text: 'hello',
  };
  const before = await value('promptkit_provider_requests_total{provider="hostile",model="getter",status="success"}');
  const returned = await telemetry.pipeline((run) => run.provider({ provider: 'hostile', model: 'getter' }, () => result));
  assert.equal(returned, result);
  assert.equal(await value('promptkit_provider_requests_total{provider="hostile",model="getter",status="success"}'), before + 1);
});

test('a usage Proxy whose keys cannot be listed, and an extractor that throws a prototype-less object, change nothing for the caller', async () => {
  const usage = new Proxy({}, { ownKeys: () => throwing('ownKeys'), get: () => undefined });
  const out = await telemetry.pipeline(async (run) => {
    const a = await run.provider({ provider: 'hostile', model: 'proxy' }, () => ({ usage }));
    const b = await run.provider({ provider: 'hostile', model: 'extractor', cost: () => throwing('extractor') }, () => 'ok');
    return [a.usage === usage, b];
  });
  assert.deepEqual(out, [true, 'ok']);
});

test('stream chunks whose getters throw reach the loop unchanged, every one of them', async () => {
  const chunks = [0, 1, 2].map((i) => ({
    i,
    get usage(): unknown {
      return throwing('chunk getter');
    },
  }));
  async function* source() {
    for (const chunk of chunks) yield await Promise.resolve(chunk);
  }
  const seen: number[] = [];
  await telemetry.pipeline(async (run) => {
    for await (const chunk of run.stream({ provider: 'hostile', model: 'stream' }, source())) seen.push(chunk.i);
  });
  assert.deepEqual(seen, [0, 1, 2]);
  assert.equal(await value('promptkit_provider_requests_total{provider="hostile",model="stream",status="success"}'), 1);
});

test("bind() and add() with a label object whose getter throws do not throw; the record is dropped and counted", async () => {
  const labels = {
    get tool(): string {
      return throwing('label getter');
    },
    status: 'success',
  } as { tool: string; status: 'success' };
  const before = await value('promptkit_dropped_records_total{reason="invalid_label"}');
  telemetry.metrics.toolCalls.bind(labels).inc();
  telemetry.metrics.toolCalls.add(1, labels);
  assert.equal(await value('promptkit_dropped_records_total{reason="invalid_label"}'), before + 2);
});

test('1,000 events whose toolName getter throws are each dropped and counted', async () => {
  const before = await value('promptkit_dropped_records_total{reason="invalid_event"}');
  const event = {
    type: 'tool.call.completed',
    timestamp: Date.now(),
    data: {
      durationMs: 5,
      get toolName(): string {
        return throwing('toolName');
      },
    },
  } as PromptKitEvent;
  for (let i = 0; i < 1000; i++) telemetry.eventBus.publish(event);
  assert.equal(await value('promptkit_dropped_records_total{reason="invalid_event"}'), before + 1000);
});

test('promptkit_pipelines_active never goes below zero: an end without a start is dropped and counted', async () => {
  const at = Date.now();
  const active = () => value('promptkit_pipelines_active');
  const start = await active();
  const unmatched = await value('promptkit_dropped_records_total{reason="unmatched_end"}');
  telemetry.eventBus.publish({ type: 'pipeline.started', timestamp: at, data: {} });
  telemetry.eventBus.publish({ type: 'pipeline.completed', timestamp: at, data: { durationMs: 10 } });
  telemetry.eventBus.publish({ type: 'pipeline.completed', timestamp: at, data: { durationMs: 10 } }); // published twice
  assert.equal(await active(), start);
  assert.equal(await value('promptkit_dropped_records_total{reason="unmatched_end"}'), unmatched + 1);
  // A run that ends always leaves the gauge, even when its duration is invalid.
  telemetry.eventBus.publish({ type: 'pipeline.started', timestamp: at, data: {} });
  telemetry.eventBus.publish({ type: 'pipeline.failed', timestamp: at, data: { durationMs: Number.NaN, error: 'x' } });
  assert.equal(await active(), start);
});
