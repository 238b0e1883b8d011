// Tools, chains and the handler's safety, with real LangChain runnables and tools.
import assert from 'node:assert/strict';
import { before, describe, mock, test } from 'node:test';
import { RecordedEvents } from '../../../test/support/recorded-events.js';
import { PromptKitCallbackHandler } from './index.js';
import { VERSIONS, scriptedChatModel, type LangChain } from './test-langchain.js';

const querySchema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } as const;

/** Each event as `type name/stageType`, for comparing orders. */
function steps(r: RecordedEvents): string[] {
  return r.events.map((event) => {
    const data = event.data as { name?: string; stageType?: string; toolName?: string; provider?: string };
    const what = data.toolName ?? data.provider ?? (data.name === undefined ? '' : `${data.name}/${data.stageType}`);
    return `${event.type}${what === '' ? '' : ` ${what}`}`;
  });
}

for (const version of VERSIONS) {
  describe(`tools and chains (${version.label})`, () => {
    const r = new RecordedEvents();
    let lc: LangChain;
    before(async () => {
      lc = await version.load();
    });

    test('a tool run is a tool call; one that throws is a failed call and the caller gets its error', async () => {
      const lookup = lc.tool((input) => `found ${JSON.stringify(input)}`, { name: 'lookup', description: 'Looks a word up', schema: querySchema });
      const failure = new Error('upstream down');
      const broken = lc.tool(
        () => {
          throw failure;
        },
        { name: 'broken_lookup', description: 'Always fails', schema: querySchema },
      );
      const handler = new PromptKitCallbackHandler({ eventBus: r.eventBus });
      assert.equal(await lookup.invoke({ q: 'cat' }, { callbacks: [handler] }), 'found {"q":"cat"}');
      await assert.rejects(broken.invoke({ q: 'dog' }, { callbacks: [handler] }), (caught) => caught === failure);
      await lc.awaitAllCallbacks();
      assert.deepEqual(steps(r), ['tool.call.started lookup', 'tool.call.completed lookup', 'tool.call.started broken_lookup', 'tool.call.failed broken_lookup']);
      const failed = r.one('tool.call.failed');
      assert.equal(failed.error, failure);
      assert.ok(failed.durationMs >= 0 && r.one('tool.call.completed').durationMs >= 0);
      assert.deepEqual(handler.counts(), { openRuns: 0, evictedRuns: 0 });
    });

    test('a tool invoked with a ToolCall carries its call id where LangChain passes it (1.x)', async () => {
      const lookup = lc.tool((input) => JSON.stringify(input), { name: 'lookup', description: 'Looks a word up', schema: querySchema });
      await lookup.invoke({ id: 'call_42', name: 'lookup', args: { q: 'cat' }, type: 'tool_call' }, { callbacks: [new PromptKitCallbackHandler({ eventBus: r.eventBus })] });
      await lc.awaitAllCallbacks();
      const expected = version.label.endsWith('0.3.80') ? { toolName: 'lookup' } : { toolName: 'lookup', callId: 'call_42' };
      assert.deepEqual(r.one('tool.call.started'), expected);
    });

    test('a RunnableSequence is a pipeline: its steps are stages, its model a provider call', async () => {
      const model = scriptedChatModel(lc, { provider: 'openai', model: 'gpt-4o-mini', answers: [{ text: 'pong', usage: { input_tokens: 9, output_tokens: 1, total_tokens: 10 } }] });
      const chain = lc.RunnableSequence.from([lc.ChatPromptTemplate.fromMessages([['human', '{question}']]), model, new lc.StringOutputParser()]);
      const handler = new PromptKitCallbackHandler({ eventBus: r.eventBus });
      assert.equal(await chain.invoke({ question: 'ping' }, { callbacks: [handler] }), 'pong');
      await lc.awaitAllCallbacks();
      assert.deepEqual(steps(r), [
        'pipeline.started',
        'stage.started ChatPromptTemplate/prompt',
        'stage.completed ChatPromptTemplate/prompt',
        'provider.call.started openai',
        'provider.call.completed openai',
        'stage.started StrOutputParser/parser',
        'stage.completed StrOutputParser/parser',
        'pipeline.completed',
      ]);
      const pipeline = r.one('pipeline.completed');
      const call = r.one('provider.call.completed');
      assert.ok(pipeline.durationMs >= call.durationMs, `pipeline ${pipeline.durationMs} ms spans the call's ${call.durationMs} ms`);
      assert.deepEqual(handler.counts(), { openRuns: 0, evictedRuns: 0 });
    });

    test('a step that throws fails its stage and the pipeline; the caller gets the error', async () => {
      const failure = new Error('bad step');
      const chain = lc.RunnableSequence.from([
        lc.RunnableLambda.from((text: string) => text.trim()),
        lc.RunnableLambda.from((): string => {
          throw failure;
        }),
      ]);
      await assert.rejects(chain.invoke(' x ', { callbacks: [new PromptKitCallbackHandler({ eventBus: r.eventBus })] }), (caught) => caught === failure);
      await lc.awaitAllCallbacks();
      assert.deepEqual(steps(r), ['pipeline.started', 'stage.started RunnableLambda/chain', 'stage.completed RunnableLambda/chain', 'stage.started RunnableLambda/chain', 'stage.failed RunnableLambda/chain', 'pipeline.failed']);
      assert.equal(r.one('stage.failed').error, failure);
      assert.equal(r.one('pipeline.failed').error, failure);
    });

    test('a publisher that throws changes nothing for LangChain, which logs no handler error', async (t) => {
      const warn = t.mock.method(console, 'warn', () => {});
      const error = t.mock.method(console, 'error', () => {});
      const broken = {
        publish() {
          throw new Error('broken publisher');
        },
      };
      const handler = new PromptKitCallbackHandler({ eventBus: broken });
      const model = scriptedChatModel(lc, { provider: 'openai', model: 'gpt-4o', answers: [{ text: 'fine' }] });
      const chain = lc.RunnableSequence.from([model, new lc.StringOutputParser()]);
      assert.equal(await chain.invoke('Hi', { callbacks: [handler] }), 'fine');
      await lc.awaitAllCallbacks();
      assert.equal(warn.mock.callCount() + error.mock.callCount(), 0, 'no "Error in handler" line from LangChain');
      assert.deepEqual(handler.counts(), { openRuns: 0, evictedRuns: 0 });
      mock.restoreAll();
    });

    test('maxOpenRuns bounds the runs held; the dropped ones are counted', async () => {
      const handler = new PromptKitCallbackHandler({ eventBus: r.eventBus, maxOpenRuns: 2 });
      // Three nested chains are open at once at the innermost step.
      const inner = lc.RunnableLambda.from((x: string) => x);
      const middle = lc.RunnableLambda.from((x: string, config) => inner.invoke(x, config));
      await lc.RunnableSequence.from([middle, inner]).invoke('a', { callbacks: [handler] });
      await lc.awaitAllCallbacks();
      assert.equal(handler.counts().openRuns, 0);
      assert.ok(handler.counts().evictedRuns >= 1, JSON.stringify(handler.counts()));
      assert.equal(r.events.filter((event) => event.type === 'pipeline.completed').length, 0, 'the evicted pipeline ends unrecorded');
    });
  });
}
