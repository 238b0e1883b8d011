// Smoke tests for examples/openai.ts and examples/ai-sdk.ts: each runs as its own process, as a
// user would run it (no network, no API key), is scraped over real HTTP, and must exit 0 on a signal.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseExposition, sampleValue } from '../examples/demo/exposition.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_TIMEOUT_MS = 20_000;
const EXIT_TIMEOUT_MS = 10_000;

/** Runs `examples/<file>` until `body` is done, then sends `signal` and returns the exit and the output. */
async function runExample(file: string, signal: NodeJS.Signals, body: (metricsUrl: string) => Promise<void>) {
  // Only this test's settings: a key or an address from the outer environment must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PROMPTKIT_') && !key.startsWith('OPENAI_')));
  const child = spawn(process.execPath, ['--import', 'tsx', `examples/${file}`], {
    cwd: repoRoot,
    env: { ...env, NODE_NO_WARNINGS: '1', PROMPTKIT_ADDRESS: '127.0.0.1:0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code, sig]) => ({ code: code as number | null, signal: sig as NodeJS.Signals | null }));
  const output = () => `--- stdout\n${stdout}--- stderr\n${stderr}`;
  try {
    const deadline = performance.now() + STARTUP_TIMEOUT_MS;
    let match: RegExpExecArray | null;
    while (!(match = /^metrics: (http:\/\/\S+)$/m.exec(stdout))) {
      if (child.exitCode !== null) assert.fail(`${file} exited before printing its metrics URL\n${output()}`);
      if (performance.now() > deadline) assert.fail(`${file} printed no metrics URL in ${STARTUP_TIMEOUT_MS} ms\n${output()}`);
      await sleep(20);
    }
    await body(match[1]!);
    child.kill(signal);
    const timeout = sleep(EXIT_TIMEOUT_MS, undefined, { ref: false }).then(() => assert.fail(`${file} did not exit\n${output()}`));
    const exit = await Promise.race([exited, timeout]);
    return { exit, stdout, stderr, output: output() };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function scrape(url: string) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return parseExposition(await response.text());
}

describe('adapter examples', () => {
  test('openai.ts calls its fake OpenAI server through the instrumented client, serves the metrics, and stops on SIGINT', async () => {
    const run = await runExample('openai.ts', 'SIGINT', async (url) => {
      const samples = await scrape(url);
      const at = { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' };
      assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...at, status: 'success' }), 2);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'input' }), 28);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'output' }), 12);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'cached' }), 0);
      assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', at), 1);
    });
    assert.deepEqual(run.exit, { code: 0, signal: null }, run.output);
    assert.match(run.stdout, /^chat: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stream: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stopped$/m);
    assert.equal(run.stderr, '');
  });

  test('ai-sdk.ts records generateText and streamText through the middleware, and stops on SIGTERM', async () => {
    const run = await runExample('ai-sdk.ts', 'SIGTERM', async (url) => {
      const samples = await scrape(url);
      const at = { provider: 'openai', model: 'gpt-4o-mini-2024-07-18' };
      assert.equal(sampleValue(samples, 'promptkit_provider_requests_total', { ...at, status: 'success' }), 2);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'input' }), 28);
      assert.equal(sampleValue(samples, 'promptkit_provider_tokens_total', { ...at, type: 'output' }), 12);
      assert.equal(sampleValue(samples, 'promptkit_provider_time_to_first_token_seconds_count', at), 1);
    });
    assert.deepEqual(run.exit, { code: 0, signal: null }, run.output);
    assert.match(run.stdout, /^generateText: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^streamText: Hello there, nice to meet you!$/m);
    assert.match(run.stdout, /^stopped$/m);
    assert.equal(run.stderr, '');
  });
});
