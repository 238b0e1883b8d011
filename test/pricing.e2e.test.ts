// End to end: events without cost → startMetrics()'s pricing (the genai-prices database under
// overrides) → /metrics over HTTP (and promtool).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { Pricing, PRICE_DATA_AS_OF, PRICE_DATA_VERSION } from '@promptkit/pricing';
import { startMetrics, type StartMetricsOptions, type Telemetry } from '@promptkit/sdk';
import { requireBackend } from './support/backends.js';
import { checkMetrics } from './support/promtool.js';
import { samples, scrape } from './support/scrape.js';

const dir = mkdtempSync(join(tmpdir(), 'promptkit-pricing-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const call = (data: Partial<Extract<PromptKitEvent, { type: 'provider.call.completed' }>['data']>): PromptKitEvent => ({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'openai', model: 'gpt-4o', durationMs: 1200, inputTokens: 1000, cachedTokens: 200, outputTokens: 500, ...data },
});

/** Starts metrics on an ephemeral loopback port, publishes, waits for the costs, scrapes /metrics over HTTP, stops. */
async function scrapeAfter(options: StartMetricsOptions, events: PromptKitEvent[]): Promise<{ body: string; values: Map<string, number> }> {
  const telemetry: Telemetry = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false, ...options });
  try {
    for (const event of events) telemetry.eventBus.publish(event);
    // The database loads on the first call that needs it: forceFlush records the costs priced meanwhile.
    await telemetry.forceFlush();
    const { status, body } = await scrape(telemetry.prometheus!.url);
    assert.equal(status, 200);
    return { body, values: samples(body) };
  } finally {
    await telemetry.shutdown();
  }
}

const cost = (provider: string, model: string) => `promptkit_provider_cost_total{provider="${provider}",model="${model}"}`;
const unpriced = (provider: string, model: string) => `promptkit_provider_unpriced_requests_total{provider="${provider}",model="${model}"}`;
const info = `promptkit_pricing_info{source="@pydantic/genai-prices",version="${PRICE_DATA_VERSION}",as_of="${PRICE_DATA_AS_OF}"}`;

test('by default the genai-prices database prices calls without cost: exact totals on /metrics', async () => {
  const { values } = await scrapeAfter({}, [
    call({}), // gpt-4o: (800·2.50 + 200·1.25 + 500·10) / 1e6
    // Claude Sonnet 4.5, cache write at its write price: (12·3 + 3000·0.30 + 100·3.75 + 50·15) / 1e6
    call({ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', inputTokens: 3112, cachedTokens: 3000, cacheWriteTokens: 100, outputTokens: 50 }),
    // Gemini 2.5 Pro past 200k input tokens, at the long-context prices: (250000·2.50 + 1000·15) / 1e6
    call({ provider: 'google', model: 'gemini-2.5-pro', inputTokens: 250_000, cachedTokens: undefined, outputTokens: 1000 }),
    // …and at 200k, the standard ones: (200000·1.25 + 1000·10) / 1e6
    call({ provider: 'gemini', model: 'gemini-2.5-pro', inputTokens: 200_000, cachedTokens: undefined, outputTokens: 1000 }),
    // Bedrock's hosted Claude, by the database's own provider mapping (bedrock → aws): (1000·3 + 100·15) / 1e6
    call({ provider: 'bedrock', model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', cachedTokens: undefined, outputTokens: 100 }),
    // Input only, no output count: priced on its input, 1000·0.15 / 1e6
    call({ model: 'gpt-4o-mini', cachedTokens: undefined, outputTokens: undefined }),
  ]);
  assert.equal(values.get(cost('openai', 'gpt-4o')), 0.00725);
  assert.equal(values.get(cost('anthropic', 'claude-sonnet-4-5-20250929')), 0.002061);
  assert.equal(values.get(cost('google', 'gemini-2.5-pro')), 0.64);
  assert.equal(values.get(cost('gemini', 'gemini-2.5-pro')), 0.26);
  assert.equal(values.get(cost('bedrock', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0')), 0.0045);
  assert.equal(values.get(cost('openai', 'gpt-4o-mini')), 0.00015);
  assert.equal([...values.keys()].some((k) => k.startsWith('promptkit_provider_unpriced')), false);
  assert.equal(values.get(info), 1);
});

test("an event's own cost wins over the database", async () => {
  const { values } = await scrapeAfter({}, [call({ cost: 0.5 }), call({ cost: 0.25 })]);
  assert.equal(values.get(cost('openai', 'gpt-4o')), 0.75);
});

test('overrides in code and in a JSON file win over the database', async () => {
  const file = join(dir, 'prices.json');
  writeFileSync(file, JSON.stringify({ 'gpt-4o': { input: 5, output: 20 }, 'my-finetune': { input: 1, output: 1 } }));
  const { values } = await scrapeAfter(
    { pricing: { file, 'my-finetune': { input: 3, output: 12, cached: 0.5 }, 'claude-sonnet-4-5': { input: 2, output: 10, cached: 0.2, cacheWrite: 2.5 } } },
    [
      call({}), // the file's gpt-4o: (1000·5 + 500·20) / 1e6, no cached price → cached billed as input
      call({ provider: 'acme', model: 'my-finetune-2025-01-01' }), // code wins over the file: (800·3 + 200·0.5 + 500·12) / 1e6
      call({ provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 3112, cachedTokens: 3000, cacheWriteTokens: 100, outputTokens: 50 }), // (12·2 + 3000·0.2 + 100·2.5 + 50·10) / 1e6
      call({ model: 'gpt-4o-mini' }), // another model than the key's: the database's (800·0.15 + 200·0.075 + 500·0.6) / 1e6
    ],
  );
  assert.equal(values.get(cost('openai', 'gpt-4o')), 0.015);
  assert.equal(values.get(cost('acme', 'my-finetune-2025-01-01')), 0.0085);
  assert.equal(values.get(cost('anthropic', 'claude-sonnet-4-5')), 0.001374);
  assert.equal(values.get(cost('openai', 'gpt-4o-mini')), 0.000435);
  assert.equal(values.get(info), 1);
});

test('an unknown model or provider records no cost and counts as unpriced', async () => {
  const { body, values } = await scrapeAfter({}, [
    call({ provider: 'acme', model: 'mystery-model' }),
    call({ model: 'mystery-model' }),
    call({ provider: 'ollama', model: 'llama3.1:8b' }),
    call({ provider: 'vllm', model: 'gpt-4o' }), // a cloud id served by your own server: never the cloud's price
  ]);
  for (const [provider, model] of [['acme', 'mystery-model'], ['openai', 'mystery-model'], ['ollama', 'llama3.1:8b'], ['vllm', 'gpt-4o']] as const) {
    assert.equal(values.get(cost(provider, model)), undefined, `${provider} ${model}`);
    assert.equal(values.get(unpriced(provider, model)), 1, `${provider} ${model}`);
  }
  assert.doesNotMatch(body, /^promptkit_provider_cost_total\{provider="(acme|ollama|vllm)"/m);
  assert.match(body, /^# TYPE promptkit_provider_unpriced_requests_total counter$/m);
});

test('pricing: false computes nothing; a Pricing object replaces the default', async () => {
  const off = await scrapeAfter({ pricing: false }, [call({}), call({ model: 'mystery' })]);
  assert.equal(off.values.get(cost('openai', 'gpt-4o')), undefined);
  assert.equal(off.values.get(unpriced('openai', 'mystery')), undefined);
  assert.equal([...off.values.keys()].some((k) => k.startsWith('promptkit_pricing_info')), false);
  const own = await scrapeAfter({ pricing: new Pricing({ database: false, overrides: { mystery: { input: 1, output: 2 } } }) }, [call({}), call({ model: 'mystery' })]);
  assert.equal(own.values.get(cost('openai', 'mystery')), 0.002);
  assert.equal(own.values.get(unpriced('openai', 'gpt-4o')), 1);
  assert.equal(own.values.get('promptkit_pricing_info{source="overrides",version="none",as_of="none"}'), 1);
});

test('promptkit_pricing_info is served from the start, before any call; telemetry.config says the same', async () => {
  const { values } = await scrapeAfter({}, []);
  assert.equal(values.get(info), 1);
  const telemetry = await startMetrics({ prometheus: false, registerGlobal: false });
  const off = await startMetrics({ prometheus: false, registerGlobal: false, pricing: false });
  try {
    assert.deepEqual(telemetry.config.pricing, { source: '@pydantic/genai-prices', version: PRICE_DATA_VERSION, asOf: PRICE_DATA_AS_OF });
    assert.equal(off.config.pricing, false);
  } finally {
    await telemetry.shutdown();
    await off.shutdown();
  }
});

test('an invalid pricing file or price rejects startMetrics with a ConfigError that says what is wrong', async () => {
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const broken = write('broken.json', '{ "gpt-4o": { "input": 1, ');
  const negative = write('negative.json', JSON.stringify({ 'my-model': { input: -1, output: 2 } }));
  const list = write('list.json', '[1, 2]');
  const cases: [StartMetricsOptions['pricing'], RegExp][] = [
    [{ file: join(dir, 'missing.json') }, /pricing\.file '.*missing\.json' cannot be read \(.*\): there is no such file/],
    [{ file: dir }, /pricing\.file '.*' cannot be read \(.*\): it is a directory/],
    [{ file: broken }, /pricing\.file '.*broken\.json' is not valid JSON: /],
    [{ file: negative }, /pricing\.file: .*negative\.json\["my-model"\]\.input must be a number of USD per million tokens, 0 or more; got -1/],
    [{ file: list }, /pricing\.file: .*list\.json must be an object of model ids to prices/],
    [{ file: 7 as unknown as string }, /pricing\.file 7 is invalid: expected the path of a JSON file/],
    [{ 'my-model': { input: 1 } as never }, /pricing\["my-model"\]\.output must be a number/],
    [{ 'my-model': { input: 1, output: 2, cacheWrite: -1 } }, /pricing\["my-model"\]\.cacheWrite must be a number/],
    [{ 'my-model': 'cheap' }, /pricing\["my-model"\] must be an object like/],
    ['yes' as never, /pricing "yes" is invalid: expected model prices, \{ file: 'prices.json' \}, a Pricing or false/],
  ];
  for (const [pricing, message] of cases) {
    await assert.rejects(startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false, pricing }), (error: Error) => {
      assert.equal(error.name, 'ConfigError');
      assert.match(error.message, message);
      return true;
    });
  }
});

test('promtool check metrics accepts the exposition with computed costs, unpriced calls and pricing info', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  const { body } = await scrapeAfter({}, [call({}), call({ provider: 'acme', model: 'mystery-model' })]);
  assert.match(body, /^promptkit_pricing_info\{/m);
  const { status, output } = checkMetrics(promtool, body);
  assert.equal(status, 0, output);
});
