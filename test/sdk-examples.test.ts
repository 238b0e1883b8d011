// Smoke tests for the SDK examples: each runs as its own process, serves or pushes, and stops cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { repoRoot } from './support/backends.js';
import { waitFor } from './support/ports.js';
import { scrape } from './support/scrape.js';

function run(example: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', `examples/${example}`], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    url: () => waitFor(`${example} to print its URL`, async () => /metrics: (http\S+)/.exec(output)?.[1], 15_000),
    async stop(): Promise<number | null> {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

test("sdk-pipeline-config: the seed's withMetrics(true).withPrometheusExporter() serves the events", async () => {
  const example = run('sdk-pipeline-config.ts', { PROMPTKIT_ADDRESS: '127.0.0.1:0' });
  try {
    const { body } = await scrape(await example.url());
    assert.match(body, /^promptkit_stage_elements_total\{stage="retrieve",status="success"\} 1$/m);
  } finally {
    assert.equal(await example.stop(), 0, example.output());
  }
});

test('sdk-both-paths: scrape works and shutdown stays bounded with no collector listening', async () => {
  // Port 9 (discard) on loopback refuses connections: the push fails, the app must not care.
  const example = run('sdk-both-paths.ts', { PROMPTKIT_ADDRESS: '127.0.0.1:0', PROMPTKIT_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
  try {
    const { body } = await scrape(await example.url());
    assert.match(body, /^promptkit_provider_cost_total\{provider="openai",model="gpt-4o"\} 0.0028$/m);
  } finally {
    const began = Date.now();
    assert.equal(await example.stop(), 0, example.output());
    assert.ok(Date.now() - began < 12_000);
    assert.match(example.output(), /stopped/);
  }
});
