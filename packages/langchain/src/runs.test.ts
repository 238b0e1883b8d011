import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { EventBus, type PromptKitEvent } from '@promptkit/events';
import { Runs } from './runs.js';

let events: PromptKitEvent[];
let bus: EventBus;

beforeEach(() => {
  events = [];
  bus = new EventBus();
  bus.subscribeAll((event) => events.push(event));
});

const summary = () => events.map((event) => `${event.type} ${JSON.stringify({ ...event.data, durationMs: undefined })}`);

test('the outermost chain is a pipeline, chains inside it stages, each ended once by its runId', () => {
  const runs = new Runs(bus, 100);
  runs.chainStarted('root', undefined, 'RunnableSequence', 'chain');
  runs.chainStarted('p', 'root', 'ChatPromptTemplate', 'prompt');
  runs.chainEnded('p');
  runs.chainStarted('x', 'root', 'RunnableLambda', 'chain');
  runs.chainEnded('x', { value: new Error('nope') });
  runs.chainEnded('x', { value: new Error('nope') });
  runs.chainEnded('root', { value: new Error('nope') });
  assert.deepEqual(summary(), [
    'pipeline.started {}',
    'stage.started {"name":"ChatPromptTemplate","stageType":"prompt"}',
    'stage.completed {"name":"ChatPromptTemplate","stageType":"prompt"}',
    'stage.started {"name":"RunnableLambda","stageType":"chain"}',
    'stage.failed {"name":"RunnableLambda","stageType":"chain","error":{}}',
    'pipeline.failed {"error":{}}',
  ]);
  assert.deepEqual(runs.counts(), { openRuns: 0, evictedRuns: 0 });
});

test('tools carry their call id when they have one', () => {
  const runs = new Runs(bus, 100);
  runs.toolStarted('t1', 'lookup', 'call_1');
  runs.toolEnded('t1');
  runs.toolStarted('t2', 'bad', undefined);
  runs.toolEnded('t2', { value: new Error('boom') });
  assert.deepEqual(summary(), [
    'tool.call.started {"toolName":"lookup","callId":"call_1"}',
    'tool.call.completed {"toolName":"lookup","callId":"call_1"}',
    'tool.call.started {"toolName":"bad"}',
    'tool.call.failed {"toolName":"bad","error":{}}',
  ]);
  const completed = events[1]!.data as { durationMs: number };
  assert.ok(completed.durationMs >= 0 && completed.durationMs < 1000);
});

test('a model run ends once, with its outcome read only then', () => {
  const runs = new Runs(bus, 100);
  runs.modelStarted('m', 'openai', 'gpt-4o', 'chat');
  runs.modelToken('m');
  let reads = 0;
  const outcome = () => {
    reads++;
    return { model: 'gpt-4o-2024-08-06', inputTokens: 5 };
  };
  runs.modelEnded('m', outcome);
  runs.modelEnded('m', outcome);
  runs.modelFailed('m', new Error('late'));
  assert.equal(reads, 1);
  assert.deepEqual(
    events.map((event) => event.type),
    ['provider.call.started', 'provider.call.completed'],
  );
  const data = events[1]!.data as Record<string, unknown>;
  assert.deepEqual([data.model, data.requestModel, data.operation, data.inputTokens], ['gpt-4o-2024-08-06', 'gpt-4o', 'chat', 5]);
  assert.equal(typeof data.timeToFirstTokenMs, 'number');
});

test('ends of runs never seen, or of another kind, publish nothing', () => {
  const runs = new Runs(bus, 100);
  runs.toolStarted('t', 'lookup', undefined);
  runs.chainEnded('t');
  runs.modelEnded('t', () => ({}));
  runs.modelToken('nope');
  runs.toolEnded('nope');
  runs.chainEnded('nope');
  assert.deepEqual(summary(), ['tool.call.started {"toolName":"lookup"}']);
  assert.deepEqual(runs.counts(), { openRuns: 1, evictedRuns: 0 });
});

test('past maxOpenRuns the oldest open run is dropped and counted; the map never grows past the cap', () => {
  const runs = new Runs(bus, 3);
  for (let i = 0; i < 10; i++) runs.toolStarted(`t${i}`, 'lookup', undefined);
  assert.deepEqual(runs.counts(), { openRuns: 3, evictedRuns: 7 });
  events.length = 0;
  runs.toolEnded('t0');
  assert.deepEqual(events, [], 'an evicted run ends unrecorded');
  runs.toolEnded('t9');
  assert.equal(events.length, 1);
  assert.deepEqual(runs.counts(), { openRuns: 2, evictedRuns: 7 });
});

test('a publisher that throws does not stop the runs', () => {
  const runs = new Runs(
    {
      publish() {
        throw new Error('broken publisher');
      },
    },
    100,
  );
  runs.chainStarted('root', undefined, 'RunnableSequence', 'chain');
  runs.toolStarted('t', 'lookup', undefined);
  runs.toolEnded('t');
  runs.chainEnded('root');
  assert.deepEqual(runs.counts(), { openRuns: 0, evictedRuns: 0 });
});
