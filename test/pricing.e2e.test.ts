// End to end: events without cost → startMetrics()'s pricing → /metrics over HTTP (and promtool).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { PromptKitEvent } from '@promptkit/events';
import { BUNDLED_PRICES, Pricing, PRICES_AS_OF } from '@promptkit/metrics';
import { startMetrics, type StartMetricsOptions, type Telemetry } from '@promptkit/sdk';
import { repoRoot, requireBackend } from './support/backends.js';
import { checkMetrics } from './support/promtool.js';
import { samples, scrape } from './support/scrape.js';

const dir = mkdtempSync(join(tmpdir(), 'promptkit-pricing-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const call = (data: Partial<Extract<PromptKitEvent, { type: 'provider.call.completed' }>['data']>): PromptKitEvent => ({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'openai', model: 'gpt-4o', durationMs: 1200, inputTokens: 1000, cachedTokens: 200, outputTokens: 500, ...data },
});

/** Starts metrics on an ephemeral loopback port, publishes, scrapes /metrics over HTTP, stops. */
async function scrapeAfter(options: StartMetricsOptions, events: PromptKitEvent[]): Promise<{ body: string; values: Map<string, number> }> {
  const telemetry: Telemetry = await startMetrics({ prometheus: '127.0.0.1:0', registerGlobal: false, ...options });
  try {
    for (const event of events) telemetry.eventBus.publish(event);
    const { status, body } = await scrape(telemetry.prometheus!.url);
    assert.equal(status, 200);
    return { body, values: samples(body) };
  } finally {
    await telemetry.shutdown();
  }
}

const cost = (provider: string, model: string) => `promptkit_provider_cost_total{provider="${provider}",model="${model}"}`;
const unpriced = (provider: string, model: string) => `promptkit_provider_unpriced_requests_total{provider="${provider}",model="${model}"}`;

test('by default the bundled table prices calls without cost: exact totals on /metrics', async () => {
  const { values } = await scrapeAfter({}, [
    call({}), // gpt-4o: (800·2.50 + 200·1.25 + 500·10) / 1e6 = 0.00725
    call({}),
    call({ provider: 'anthropic', model: 'claude-3-5-sonnet-20241022', inputTokens: 2000, cachedTokens: 1000, outputTokens: 100 }),
    call({ provider: 'google', model: 'models/gemini-1.5-pro-002', inputTokens: 10_000, cachedTokens: 0, outputTokens: 1000 }),
  ]);
  assert.equal(values.get(cost('openai', 'gpt-4o')), 0.0145);
  // (1000·3 + 1000·0.30 + 100·15) / 1e6
  assert.equal(values.get(cost('anthropic', 'claude-3-5-sonnet-20241022')), 0.0048);
  // (10000·1.25 + 1000·5) / 1e6
  assert.equal(values.get(cost('google', 'models/gemini-1.5-pro-002')), 0.0175);
  assert.equal([...values.keys()].some((k) => k.startsWith('promptkit_provider_unpriced')), false);
});

test("an event's own cost wins over the table", async () => {
  const { values } = await scrapeAfter({}, [call({ cost: 0.5 }), call({ cost: 0.25 })]);
  assert.equal(values.get(cost('openai', 'gpt-4o')), 0.75);
});

test('overrides in code and in a JSON file win over the bundled prices', async () => {
  const file = join(dir, 'prices.json');
  writeFileSync(file, JSON.stringify({ 'gpt-4o': { input: 5, output: 20 }, 'my-finetune': { input: 1, output: 1 } }));
  const { values } = await scrapeAfter({ pricing: { file, 'my-finetune': { input: 3, output: 12, cached: 0.5 } } }, [
    call({}), // the file's gpt-4o: (1000·5 + 500·20) / 1e6, no cached price → cached billed as input
    call({ provider: 'acme', model: 'my-finetune-2025-01-01' }), // code wins over the file: (800·3 + 200·0.5 + 500·12) / 1e6
    call({ model: 'gpt-4o-mini' }), // still the bundled price: (800·0.15 + 200·0.075 + 500·0.6) / 1e6
  ]);
  assert.equal(values.get(cost('openai', 'gpt-4o')), 0.015);
  assert.equal(values.get(cost('acme', 'my-finetune-2025-01-01')), 0.0085);
  assert.equal(values.get(cost('openai', 'gpt-4o-mini')), 0.000435);
});

test('an unknown model records no cost and counts as unpriced', async () => {
  const { body, values } = await scrapeAfter({}, [call({ provider: 'acme', model: 'mystery-model' })]);
  assert.equal(values.get(cost('acme', 'mystery-model')), undefined);
  assert.doesNotMatch(body, /^promptkit_provider_cost_total\{provider="acme"/m);
  assert.equal(values.get(unpriced('acme', 'mystery-model')), 1);
  assert.match(body, /^# TYPE promptkit_provider_unpriced_requests_total counter$/m);
});

test('pricing: false computes nothing; a Pricing object replaces the table', async () => {
  const off = await scrapeAfter({ pricing: false }, [call({}), call({ model: 'mystery' })]);
  assert.equal(off.values.get(cost('openai', 'gpt-4o')), undefined);
  assert.equal(off.values.get(unpriced('openai', 'mystery')), undefined);
  const own = await scrapeAfter({ pricing: new Pricing({ bundled: false, overrides: { mystery: { input: 1, output: 2 } } }) }, [call({}), call({ model: 'mystery' })]);
  assert.equal(own.values.get(cost('openai', 'mystery')), 0.002);
  assert.equal(own.values.get(unpriced('openai', 'gpt-4o')), 1);
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

test('promtool check metrics accepts the exposition with computed costs and unpriced calls', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  const { body } = await scrapeAfter({}, [call({}), call({ provider: 'acme', model: 'mystery-model' })]);
  const { status, output } = checkMetrics(promtool, body);
  assert.equal(status, 0, output);
});

test('the documented price table is the bundled one, with its date', () => {
  const docs = ['docs/pricing-semconv.md', 'README.md']
    .map((path) => {
      try {
        return readFileSync(join(repoRoot, path), 'utf8');
      } catch {
        return '';
      }
    })
    .filter((text) => text.includes('<!-- prices:bundled -->'));
  assert.ok(docs.length > 0, 'docs/pricing-semconv.md or README.md documents the bundled prices');
  const usd = (n: number | undefined) => (n === undefined ? '–' : `$${Number.isInteger(Math.round(n * 1e6) / 1e4) ? n.toFixed(2) : String(n)}`);
  for (const text of docs) {
    assert.ok(text.includes(PRICES_AS_OF), `the docs give the date ${PRICES_AS_OF}`);
    const table = text.slice(text.indexOf('<!-- prices:bundled -->'), text.indexOf('<!-- /prices:bundled -->'));
    for (const [model, { provider, price }] of Object.entries(BUNDLED_PRICES)) {
      const row =
        price === null
          ? `| ${provider} | \`${model}\` | unpriced |`
          : `| ${provider} | \`${model}\` | ${usd(price.input)} | ${usd(price.cached)} | ${usd(price.output)} |`;
      assert.ok(table.includes(row), `the docs table has the row: ${row}`);
    }
  }
});
