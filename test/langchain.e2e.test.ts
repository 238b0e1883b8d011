// End to end: real LangChain.js runnables, tools and models (a scripted chat model reporting usage
// as provider integrations do), observed by PromptKitCallbackHandler, recorded by startMetrics() and
// read back from a real scrape of /metrics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PromptKitCallbackHandler } from '@promptkit/langchain';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { VERSIONS, scriptedChatModel, type LangChain } from '../packages/langchain/src/test-langchain.js';
import { samples, scrape } from './support/scrape.js';

let telemetry: Telemetry;

before(async () => {
  telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, registerGlobal: false, pricing: false });
});

after(async () => {
  await telemetry.shutdown();
});

/** Every series of `name` on the scrape, as `series → value`. */
function family(all: Map<string, number>, name: string): Record<string, number> {
  return Object.fromEntries([...all].filter(([series]) => series.startsWith(`${name}{`) || series === name));
}

const querySchema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } as const;

for (const version of VERSIONS) {
  describe(`LangChain (${version.label}) → PromptKitCallbackHandler → startMetrics → /metrics`, () => {
    let lc: LangChain;
    before(async () => {
      lc = await version.load();
    });

    test('pipelines, stages, model calls and tools show on the scrape with their exact values', async () => {
      const before = samples((await scrape(telemetry.prometheus!.url)).body);
      const handler = new PromptKitCallbackHandler({ eventBus: telemetry.eventBus });
      const callbacks = [handler];

      // A pipeline: prompt → OpenAI-like model (cached prompt, reasoning) → parser.
      const gpt = scriptedChatModel(lc, {
        provider: 'openai',
        model: 'gpt-4o-mini',
        answers: [
          {
            text: 'pong',
            usage: { input_tokens: 1200, output_tokens: 480, total_tokens: 1680, input_token_details: { cache_read: 1024 }, output_token_details: { reasoning: 320 } },
            responseMetadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' },
          },
        ],
      });
      const chain = lc.RunnableSequence.from([lc.ChatPromptTemplate.fromMessages([['human', '{question}']]), gpt, new lc.StringOutputParser()]);
      assert.equal(await chain.invoke({ question: 'ping' }, { callbacks }), 'pong');

      // A streamed Anthropic-like call that read 3,000 cached tokens and wrote 200.
      const claude = scriptedChatModel(lc, {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        firstChunkDelayMs: 30,
        answers: [
          {
            text: 'Hello there',
            usage: { input_tokens: 3212, output_tokens: 50, total_tokens: 3262, input_token_details: { cache_read: 3000, cache_creation: 200 } },
            responseMetadata: { model: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn' },
          },
        ],
      });
      let streamed = '';
      for await (const chunk of await claude.stream('Hi', { callbacks })) streamed += typeof chunk.content === 'string' ? chunk.content : '';
      assert.equal(streamed, 'Hello there');

      // A rate-limited model call, a tool that works and one that throws, a pipeline that fails.
      const rateLimited = Object.assign(new Error('Rate limit reached for gpt-4o'), { status: 429 });
      await assert.rejects(scriptedChatModel(lc, { provider: 'openai', model: 'gpt-4o', answers: [{ error: rateLimited }] }).invoke('Hi', { callbacks }));
      const lookup = lc.tool((input) => JSON.stringify(input), { name: 'lookup', description: 'Looks a word up', schema: querySchema });
      const broken = lc.tool(
        () => {
          throw new Error('upstream down');
        },
        { name: 'broken_lookup', description: 'Always fails', schema: querySchema },
      );
      await lookup.invoke({ q: 'cat' }, { callbacks });
      await assert.rejects(broken.invoke({ q: 'dog' }, { callbacks }));
      const failing = lc.RunnableSequence.from([
        lc.RunnableLambda.from((text: string) => text.trim()),
        lc.RunnableLambda.from((): string => {
          throw new Error('bad step');
        }),
      ]);
      await assert.rejects(failing.invoke(' x ', { callbacks }));

      // LangChain ran the handler in its background queue.
      await lc.awaitAllCallbacks();
      assert.deepEqual(handler.counts(), { openRuns: 0, evictedRuns: 0 });
      const { status, body } = await scrape(telemetry.prometheus!.url);
      assert.equal(status, 200);
      const all = samples(body);
      // Each version's test adds to the same counters: compare what this one added.
      const added = (name: string) =>
        Object.fromEntries(
          Object.entries(family(all, name))
            .map(([series, value]) => [series, value - (before.get(series) ?? 0)] as const)
            .filter(([, value]) => value !== 0),
        );

      const gptAt = 'provider="openai",model="gpt-4o-mini-2024-07-18"';
      const claudeAt = 'provider="anthropic",model="claude-sonnet-4-5-20250929"';
      const failedAt = 'provider="openai",model="gpt-4o"';
      assert.deepEqual(added('promptkit_provider_requests_total'), {
        [`promptkit_provider_requests_total{${gptAt},status="success"}`]: 1,
        [`promptkit_provider_requests_total{${claudeAt},status="success"}`]: 1,
        [`promptkit_provider_requests_total{${failedAt},status="error"}`]: 1,
      });
      assert.deepEqual(added('promptkit_provider_tokens_total'), {
        [`promptkit_provider_tokens_total{${gptAt},type="input"}`]: 1200,
        [`promptkit_provider_tokens_total{${gptAt},type="output"}`]: 480,
        [`promptkit_provider_tokens_total{${gptAt},type="cached"}`]: 1024,
        [`promptkit_provider_tokens_total{${gptAt},type="reasoning"}`]: 320,
        [`promptkit_provider_tokens_total{${claudeAt},type="input"}`]: 3212,
        [`promptkit_provider_tokens_total{${claudeAt},type="output"}`]: 50,
        [`promptkit_provider_tokens_total{${claudeAt},type="cached"}`]: 3000,
        [`promptkit_provider_tokens_total{${claudeAt},type="cache_write"}`]: 200,
      });
      assert.deepEqual(added('promptkit_provider_finish_reasons_total'), {
        [`promptkit_provider_finish_reasons_total{${gptAt},reason="stop"}`]: 1,
        [`promptkit_provider_finish_reasons_total{${claudeAt},reason="stop"}`]: 1,
      });
      assert.deepEqual(added('promptkit_provider_errors_total'), { [`promptkit_provider_errors_total{${failedAt},error_type="rate_limit"}`]: 1 });
      assert.deepEqual(added('promptkit_provider_time_to_first_token_seconds_count'), { [`promptkit_provider_time_to_first_token_seconds_count{${claudeAt}}`]: 1 });
      const ttft = added('promptkit_provider_time_to_first_token_seconds_sum')[`promptkit_provider_time_to_first_token_seconds_sum{${claudeAt}}`]!;
      assert.ok(ttft >= 0.025 && ttft <= 5, `time to first token ${ttft} s`);

      assert.deepEqual(added('promptkit_tool_calls_total'), {
        'promptkit_tool_calls_total{tool="lookup",status="success"}': 1,
        'promptkit_tool_calls_total{tool="broken_lookup",status="error"}': 1,
      });
      assert.deepEqual(added('promptkit_pipeline_duration_seconds_count'), {
        'promptkit_pipeline_duration_seconds_count{status="success"}': 1,
        'promptkit_pipeline_duration_seconds_count{status="error"}': 1,
      });
      assert.equal(all.get('promptkit_pipelines_active'), 0);
      assert.deepEqual(added('promptkit_stage_elements_total'), {
        'promptkit_stage_elements_total{stage="ChatPromptTemplate",status="success"}': 1,
        'promptkit_stage_elements_total{stage="StrOutputParser",status="success"}': 1,
        'promptkit_stage_elements_total{stage="RunnableLambda",status="success"}': 1,
        'promptkit_stage_elements_total{stage="RunnableLambda",status="error"}': 1,
      });
      assert.deepEqual(added('promptkit_stage_duration_seconds_count'), {
        'promptkit_stage_duration_seconds_count{stage="ChatPromptTemplate",stage_type="prompt"}': 1,
        'promptkit_stage_duration_seconds_count{stage="StrOutputParser",stage_type="parser"}': 1,
        'promptkit_stage_duration_seconds_count{stage="RunnableLambda",stage_type="chain"}': 2,
      });
    });
  });
}
