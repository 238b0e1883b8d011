// The price database is imported on the first call that needs it: a process that only serves
// /metrics (or only sees calls with their own cost) never loads it. Checked in child processes,
// with a module hook that reports when @pydantic/genai-prices is resolved.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { repoRoot } from './support/backends.js';

function run(...args: string[]): { stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(PROMPTKIT_|OTEL_)/.test(key)));
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/pricing/serve.ts', ...args], {
    cwd: repoRoot,
    env: { ...env, NODE_NO_WARNINGS: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(child.status, 0, `${child.stdout}\n${child.stderr}`);
  return { stdout: child.stdout, stderr: child.stderr };
}

test('serving /metrics, with pricing on by default, does not load the price database', () => {
  const { stdout, stderr } = run();
  assert.match(stdout, /^served with pricing info$/m);
  assert.doesNotMatch(stderr, /price database resolved/);
});

test('the first call without a cost loads it, and its cost is on /metrics', () => {
  const { stdout, stderr } = run('price');
  assert.match(stderr, /price database resolved/);
  // The call with its own cost (0.5) and the priced one: (1000·2.50 + 500·10) / 1e6.
  assert.match(stdout, /^promptkit_provider_cost_total\{provider="openai",model="gpt-4o"\} 0\.5075$/m);
});
