// End to end: telemetry.pipeline(…) helpers and a wrapped stream → startMetrics()'s bus → the real
// /metrics endpoint over HTTP, with every series the runs produce checked to its exact value.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { samples, scrape } from './support/scrape.js';

let telemetry: Telemetry;
before(async () => {
  telemetry = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false });
});
after(() => telemetry.shutdown());

async function scrapeSeries(): Promise<Map<string, number>> {
  const { status, body } = await scrape(telemetry.prometheus!.url);
  assert.equal(status, 200);
  return samples(body);
}

const gpt = { provider: 'openai', model: 'gpt-4o' };
const mini = { provider: 'openai', model: 'gpt-4o-mini' };

test('telemetry.pipeline: stages, calls, a stream, tools and validations reach /metrics exactly', async () => {
  // A clock the runs advance by hand, so every duration (and so every sum and bucket) is exact.
  let ms = 0;
  const now = () => ms;
  const wait = async (by: number) => {
    await sleep(0);
    ms += by;
  };

  const answer = await telemetry.pipeline(
    async (run) => {
      const docs = await run.stage('retrieve', 'transform', async () => {
        await run.tool('vector_lookup', () => wait(250));
        return ['doc-1', 'doc-2'];
      });
      const reply = await run.stage('generate', 'llm', () =>
        run.provider(gpt, async () => {
          await wait(1500);
          return { text: `${docs.length} docs`, usage: { inputTokens: 1200, outputTokens: 300, cachedTokens: 1000 }, cost: 0.01 };
        }),
      );
      // The streamed follow-up: 400 ms to the first chunk, 1 s in all, usage in the last chunk.
      let streamed = '';
      const chunks = async function* () {
        await wait(400);
        yield { text: 'Sure' };
        await wait(600);
        yield { text: '!', usage: { inputTokens: 50, outputTokens: 10 }, cost: 0.001 };
      };
      for await (const chunk of run.stream(mini, chunks)) streamed += chunk.text;
      await run.validate('schema', 'output', async () => (await wait(125), true));
      await run.validate('toxicity', 'output', async () => (await wait(125), false));
      return `${reply.text}: ${streamed}`;
    },
    { now },
  );
  assert.equal(answer, '2 docs: Sure!');

  // A second run that fails in its provider call after a failing tool.
  const outage = new Error('503 service unavailable');
  await assert.rejects(
    telemetry.pipeline(
      async (run) => {
        await run.tool('web_search', () => wait(750).then(() => Promise.reject(new Error('timeout')))).catch(() => undefined);
        await run.stage('generate', 'llm', () => run.provider(gpt, () => wait(500).then(() => Promise.reject(outage))));
      },
      { now },
    ),
    (error) => error === outage,
  );

  const series = await scrapeSeries();
  const expected: Record<string, number> = {
    'promptkit_pipelines_active': 0,
    'promptkit_pipeline_duration_seconds_count{status="success"}': 1,
    'promptkit_pipeline_duration_seconds_sum{status="success"}': 3,
    'promptkit_pipeline_duration_seconds_count{status="error"}': 1,
    'promptkit_pipeline_duration_seconds_sum{status="error"}': 1.25,
    'promptkit_stage_duration_seconds_count{stage="retrieve",stage_type="transform"}': 1,
    'promptkit_stage_duration_seconds_sum{stage="retrieve",stage_type="transform"}': 0.25,
    'promptkit_stage_duration_seconds_count{stage="generate",stage_type="llm"}': 2,
    'promptkit_stage_duration_seconds_sum{stage="generate",stage_type="llm"}': 2,
    'promptkit_stage_elements_total{stage="retrieve",status="success"}': 1,
    'promptkit_stage_elements_total{stage="generate",status="success"}': 1,
    'promptkit_stage_elements_total{stage="generate",status="error"}': 1,
    'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="success"}': 1,
    'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="error"}': 1,
    'promptkit_provider_requests_total{provider="openai",model="gpt-4o-mini",status="success"}': 1,
    'promptkit_provider_request_duration_seconds_count{provider="openai",model="gpt-4o"}': 2,
    'promptkit_provider_request_duration_seconds_sum{provider="openai",model="gpt-4o"}': 2,
    'promptkit_provider_request_duration_seconds_count{provider="openai",model="gpt-4o-mini"}': 1,
    'promptkit_provider_request_duration_seconds_sum{provider="openai",model="gpt-4o-mini"}': 1,
    'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="input"}': 1200,
    'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="output"}': 300,
    'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="cached"}': 1000,
    'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-mini",type="input"}': 50,
    'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-mini",type="output"}': 10,
    'promptkit_provider_cost_total{provider="openai",model="gpt-4o"}': 0.01,
    'promptkit_provider_cost_total{provider="openai",model="gpt-4o-mini"}': 0.001,
    // Only the streamed call has a time to first token.
    'promptkit_provider_time_to_first_token_seconds_count{provider="openai",model="gpt-4o-mini"}': 1,
    'promptkit_provider_time_to_first_token_seconds_sum{provider="openai",model="gpt-4o-mini"}': 0.4,
    'promptkit_provider_time_to_first_token_seconds_bucket{provider="openai",model="gpt-4o-mini",le="0.25"}': 0,
    'promptkit_provider_time_to_first_token_seconds_bucket{provider="openai",model="gpt-4o-mini",le="0.5"}': 1,
    'promptkit_tool_calls_total{tool="vector_lookup",status="success"}': 1,
    'promptkit_tool_calls_total{tool="web_search",status="error"}': 1,
    'promptkit_tool_call_duration_seconds_sum{tool="vector_lookup"}': 0.25,
    'promptkit_tool_call_duration_seconds_sum{tool="web_search"}': 0.75,
    'promptkit_validations_total{validator="schema",validator_type="output",status="passed"}': 1,
    'promptkit_validations_total{validator="toxicity",validator_type="output",status="failed"}': 1,
    'promptkit_validation_duration_seconds_sum{validator="schema",validator_type="output"}': 0.125,
  };
  for (const [name, value] of Object.entries(expected)) {
    assert.equal(series.get(name), value, name);
  }
  assert.equal(series.has('promptkit_provider_time_to_first_token_seconds_count{provider="openai",model="gpt-4o"}'), false);
  assert.equal(series.has('promptkit_provider_tokens_total{provider="openai",model="gpt-4o-mini",type="cached"}'), false);
  const dropped = [...series].filter(([name, value]) => name.startsWith('promptkit_dropped_records_total') && value > 0);
  assert.deepEqual(dropped, [], 'the helpers publish nothing the listener has to drop');
});

test('with the real clock, durations and the time to first token are measured (> 0, TTFT ≤ duration)', async () => {
  const model = { provider: 'anthropic', model: 'claude-3-5-haiku' };
  await telemetry.pipeline(async (run) => {
    const chunks = async function* () {
      await sleep(20);
      yield { text: 'a' };
      await sleep(20);
      yield { usage: { inputTokens: 8, outputTokens: 2 } };
    };
    for await (const _ of run.stream(model, chunks));
  });
  const series = await scrapeSeries();
  const labels = '{provider="anthropic",model="claude-3-5-haiku"}';
  const ttft = series.get(`promptkit_provider_time_to_first_token_seconds_sum${labels}`)!;
  const duration = series.get(`promptkit_provider_request_duration_seconds_sum${labels}`)!;
  assert.equal(series.get(`promptkit_provider_time_to_first_token_seconds_count${labels}`), 1);
  assert.ok(ttft >= 0.015 && ttft <= duration, `ttft ${ttft} s, duration ${duration} s`);
  assert.ok(duration >= 0.035, `duration ${duration} s`);
});
