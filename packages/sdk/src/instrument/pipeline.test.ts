import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBus, type EventOf, type PromptKitEvent } from '@promptkit/events';
import { instrumentPipeline } from './pipeline.js';

function recorder() {
  const events: PromptKitEvent[] = [];
  return { events, bus: { publish: (event: PromptKitEvent) => void events.push(event) }, types: () => events.map((e) => e.type) };
}

function completedData(events: PromptKitEvent[]) {
  const end = events.at(-1)!;
  assert.equal(end.type, 'pipeline.completed');
  return (end).data;
}

describe('instrumentPipeline', () => {
  test('the contract example: every event in order, one runId, the value returned', async () => {
    const { events, bus, types } = recorder();
    const answer = await instrumentPipeline(bus, async (run) => {
      const docs = await run.stage('retrieve', 'transform', () => Promise.resolve(['doc']));
      const reply = await run.provider({ provider: 'openai', model: 'gpt-4o' }, () =>
        Promise.resolve({
          text: `answer from ${docs.length} doc`,
          usage: { inputTokens: 100, outputTokens: 20, cachedTokens: 40 },
        }),
      );
      await run.tool('web_search', () => Promise.resolve('results'));
      await run.validate('schema', 'output', () => Promise.resolve(true));
      return reply.text;
    });
    assert.equal(answer, 'answer from 1 doc');
    assert.deepEqual(types(), [
      'pipeline.started',
      'stage.started',
      'stage.completed',
      'provider.call.started',
      'provider.call.completed',
      'tool.call.started',
      'tool.call.completed',
      'validation.started',
      'validation.passed',
      'pipeline.completed',
    ]);
    const runId = events[0]!.runId;
    assert.match(runId ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(events.every((e) => e.runId === runId));
    const data = completedData(events);
    assert.deepEqual({ ...data, durationMs: 0 }, { durationMs: 0, inputTokens: 100, outputTokens: 20 }, 'no cost was reported, so no total cost');
  });

  test('a throwing pipeline publishes pipeline.failed and rethrows the same error', async () => {
    const { events, bus, types } = recorder();
    const boom = new Error('stage exploded');
    await assert.rejects(
      instrumentPipeline(bus, async (run) => {
        await run.stage('generate', 'llm', () => Promise.reject(boom));
      }),
      (error) => error === boom,
    );
    assert.deepEqual(types(), ['pipeline.started', 'stage.started', 'stage.failed', 'pipeline.failed']);
    const failed = events.at(-1)!;
    assert.ok(failed.type === 'pipeline.failed' && failed.data.error === boom);
  });

  test('a failed validation (false) does not fail the pipeline by itself', async () => {
    const { bus, types } = recorder();
    const ok = await instrumentPipeline(bus, (run) => run.validate('toxicity', 'output', () => false));
    assert.equal(ok, false);
    assert.deepEqual(types(), ['pipeline.started', 'validation.started', 'validation.failed', 'pipeline.completed']);
  });

  test('duration is measured with performance.now() and covers the whole run', async () => {
    const { events, bus } = recorder();
    await instrumentPipeline(bus, (run) => run.stage('wait', 'io', () => sleep(5)));
    const stage = events[2] as EventOf<'stage.completed'>;
    const pipeline = completedData(events);
    assert.ok(pipeline.durationMs > 0 && pipeline.durationMs >= stage.data.durationMs);
  });

  test('given identifiers and clock are used', async () => {
    const { events, bus } = recorder();
    let ms = 0;
    await instrumentPipeline(bus, () => void (ms += 250), { runId: 'run-7', sessionId: 'session-1', conversationId: 'c-1', now: () => ms });
    assert.deepEqual(events.map(({ type, runId, sessionId, conversationId, data }) => ({ type, runId, sessionId, conversationId, data })), [
      { type: 'pipeline.started', runId: 'run-7', sessionId: 'session-1', conversationId: 'c-1', data: {} },
      { type: 'pipeline.completed', runId: 'run-7', sessionId: 'session-1', conversationId: 'c-1', data: { durationMs: 250 } },
    ]);
  });

  test('totals add up every completed call, streamed ones included, while each reported them', async () => {
    const { events, bus } = recorder();
    await instrumentPipeline(bus, async (run) => {
      await run.provider({ provider: 'openai', model: 'gpt-4o' }, () => Promise.resolve({ usage: { inputTokens: 10, outputTokens: 2 }, cost: 0.5 }));
      async function* chunks() {
        await sleep(1); // the chunk arrives after a while, as over a network
        yield { usage: { inputTokens: 5, outputTokens: 1 }, cost: 0.25 };
      }
      for await (const _ of run.stream({ provider: 'openai', model: 'gpt-4o' }, chunks));
      // A failed call adds nothing and does not make the totals unknown.
      await run.provider({ provider: 'openai', model: 'gpt-4o' }, () => Promise.reject(new Error('503'))).catch(() => undefined);
    });
    assert.deepEqual({ ...completedData(events), durationMs: 0 }, { durationMs: 0, inputTokens: 15, outputTokens: 3, totalCost: 0.75 });
  });

  test('one call without usage makes the token totals unknown (left out), not smaller', async () => {
    const { events, bus } = recorder();
    await instrumentPipeline(bus, async (run) => {
      await run.provider({ provider: 'openai', model: 'gpt-4o' }, () => Promise.resolve({ usage: { inputTokens: 10, outputTokens: 2 }, cost: 0.5 }));
      await run.provider({ provider: 'openai', model: 'gpt-4o' }, () => Promise.resolve({ cost: 0.1 }));
    });
    assert.deepEqual({ ...completedData(events), durationMs: 0 }, { durationMs: 0, totalCost: 0.6 });
  });

  test('works on a real EventBus with a throwing listener: the pipeline is unaffected', async () => {
    const bus = new EventBus();
    bus.subscribe('stage.completed', () => {
      throw new Error('listener bug');
    });
    const seen: string[] = [];
    bus.subscribeAll((e) => seen.push(e.type));
    assert.equal(await instrumentPipeline(bus, (run) => run.stage('s', 't', () => 'v')), 'v');
    assert.deepEqual(seen, ['pipeline.started', 'stage.started', 'stage.completed', 'pipeline.completed']);
    assert.equal(bus.stats().listenerErrors, 1);
  });
});
