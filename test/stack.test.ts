// `npm run stack`: the demo and a real Prometheus with the rules loaded, up and then down on Ctrl-C.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { repoRoot, requireBackend } from './support/backends.js';
import { freePort, waitFor } from './support/ports.js';
import { alertExpressions } from '../alerts/rules.js';

test('npm run stack brings up the demo and Prometheus with the alert rules, and stops on Ctrl-C', async (t) => {
  if (!requireBackend(t, 'prometheus')) return;
  const [demoPort, promPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/stack.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PROMPTKIT_PORT: String(demoPort), PROMETHEUS_PORT: String(promPort), PROMPTKIT_DEMO_TIME_SCALE: '0.05' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor('the stack to print its URLs', () => Promise.resolve(output.includes('stack is up') ? true : undefined), 30_000);
    assert.match(output, new RegExp(`Alerts\\s+http://127\\.0\\.0\\.1:${promPort}/alerts`));
    assert.match(output, new RegExp(`Demo /metrics\\s+http://127\\.0\\.0\\.1:${demoPort}/metrics`));
    const base = `http://127.0.0.1:${promPort}`;
    const rules = (await (await fetch(`${base}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string }[] }[] } };
    assert.deepEqual(
      rules.data.groups.flatMap((g) => g.rules.map((r) => r.name)).sort(),
      alertExpressions().map((a) => a.alert).sort(),
    );
    // The scrape of the demo works: the target is up and PromptKit series arrive.
    await waitFor('the demo target to be up with data', async () => {
      const res = (await (await fetch(`${base}/api/v1/query?query=${encodeURIComponent('up{job="promptkit"} == 1 and on() count(promptkit_stage_elements_total) > 0')}`)).json()) as {
        data: { result: unknown[] };
      };
      return res.data.result.length > 0 ? true : undefined;
    }, 30_000, 500);
  } finally {
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    assert.equal(code, 0, output);
    assert.match(output, /stack: stopped/);
  }
});
