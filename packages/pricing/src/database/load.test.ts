// Lazy loading: the database is imported on the first call that needs it, once, and never for
// calls an override prices exactly. The importer is wrapped (a gate, a failure) only to control when it settles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { Pricing } from '../pricing.js';
import { DatabaseLoader } from './load.js';

function gatedLoader() {
  let imports = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const loader = new DatabaseLoader(async () => {
    imports++;
    await gate;
    return import('@pydantic/genai-prices');
  });
  return { loader, open, imports: () => imports };
}

const usage = { inputTokens: 1000, cachedTokens: 200, outputTokens: 500 };

test('the database loads on the first call that needs it; calls meanwhile get promises that settle with the price', async () => {
  const { loader, open, imports } = gatedLoader();
  const pricing = new Pricing({ overrides: { 'my-model': { input: 1, output: 1 }, 'gpt-4': { input: 30, output: 60 } } }, loader);
  assert.equal(pricing.databaseState, 'idle');
  // An exact override needs no database.
  assert.equal(pricing.price('acme', 'my-model', { inputTokens: 1e6 }), 1);
  assert.equal(pricing.databaseState, 'idle');
  assert.equal(imports(), 0);
  const first = pricing.price('openai', 'gpt-4o', usage);
  const second = pricing.price('anthropic', 'claude-sonnet-4-5', { inputTokens: 3112, cachedTokens: 3000, cacheWriteTokens: 100, outputTokens: 50 });
  const unknown = pricing.price('ollama', 'llama3', usage);
  // A prefix key must ask the database whether `gpt-4-turbo` is another model.
  const prefixed = pricing.price('openai', 'gpt-4-turbo-2024-04-09', usage);
  for (const pending of [first, second, unknown, prefixed]) assert.ok(pending instanceof Promise);
  assert.equal(pricing.databaseState, 'loading');
  open();
  assert.deepEqual(await Promise.all([first, second, unknown, prefixed]), [0.00725, 0.002061, undefined, (1000 * 10 + 500 * 30) / 1e6]);
  assert.equal(imports(), 1);
  assert.equal(pricing.databaseState, 'loaded');
  // From now on, at once.
  assert.equal(pricing.price('openai', 'gpt-4o', usage), 0.00725);
  assert.equal(pricing.price('google', 'gemini-2.5-pro', { inputTokens: 250_000, outputTokens: 1000 }), 0.64);
});

test('a database that cannot load: a report, and its calls unpriced from then on; overrides still price', async () => {
  const reports: string[] = [];
  const keep = (message: string) => void reports.push(message);
  const logger: DiagLogger = { error: keep, warn: keep, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  try {
    let imports = 0;
    const loader = new DatabaseLoader(() => {
      imports++;
      return Promise.reject(new Error('ERR_MODULE_NOT_FOUND'));
    });
    const pricing = new Pricing({ overrides: { 'gpt-4o': { input: 1, output: 1 } } }, loader);
    assert.equal(await pricing.price('openai', 'gpt-4o-mini', usage), undefined);
    assert.equal(pricing.databaseState, 'failed');
    assert.equal(pricing.price('openai', 'o3', usage), undefined);
    assert.equal(pricing.price('openai', 'gpt-4o-2024-08-06', { inputTokens: 1e6 }), 1); // the prefix key, with no database to ask
    await pricing.load(); // never rejects
    assert.equal(imports, 1);
    assert.equal(reports.filter((r) => /the price database @pydantic\/genai-prices could not be loaded \(Error: ERR_MODULE_NOT_FOUND\)/.test(r)).length, 1, reports.join('\n'));
  } finally {
    diag.disable();
  }
});

test('without the database nothing is loaded, whatever is priced', async () => {
  let imports = 0;
  const loader = new DatabaseLoader(() => {
    imports++;
    return Promise.reject(new Error('not expected'));
  });
  const pricing = new Pricing({ database: false }, loader);
  assert.equal(pricing.price('openai', 'gpt-4o', usage), undefined);
  await pricing.load();
  assert.equal(imports, 0);
  assert.equal(pricing.databaseState, 'off');
});

test('load() preloads, so the first call is priced at once', async () => {
  const loader = new DatabaseLoader(() => import('@pydantic/genai-prices'));
  const pricing = new Pricing({}, loader);
  await pricing.load();
  assert.equal(pricing.price('openai', 'gpt-4o', usage), 0.00725);
});
