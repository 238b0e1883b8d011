// Smoke tests for examples/: each runs as its own process, as a user would run it, is scraped over
// real HTTP, and must exit 0 on SIGINT/SIGTERM.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseExposition, sampleValue } from '../examples/demo/exposition.js';
import { RunningExample, STARTUP_TIMEOUT_MS, withExample } from './support/example.js';

async function scrape(url: string) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await response.text();
  return { text, samples: parseExposition(text) };
}

async function assertCleanExit(example: RunningExample, signal: NodeJS.Signals) {
  const exit = await example.stop(signal);
  assert.deepEqual(exit, { code: 0, signal: null }, `${example.file} on ${signal}\n${example.output()}`);
  assert.match(example.stdout, /stopped/);
}

const FREE_PORT = { PROMPTKIT_ADDRESS: '127.0.0.1:0' };

describe('examples', () => {
  test("quick-start serves the Go SDK's Quick Start series", async () => {
    await withExample('quick-start.ts', FREE_PORT, async (example) => {
      const url = await example.metricsUrl();
      const { text } = await scrape(url);
      assert.match(text, /^promptkit_provider_requests_total\{provider="anthropic",model="claude-3",status="success"\} 1$/m);
      assert.match(text, /^promptkit_pipeline_duration_seconds_count\{status="success"\} 1$/m);
      assert.match(text, /^promptkit_pipelines_active 0$/m);
      const health = await fetch(new URL('/health', url));
      assert.equal(await health.text(), 'ok');
      await assertCleanExit(example, 'SIGTERM');
    });
  });

  test('custom-metrics serves the custom counter and histogram beside PromptKit metrics', async () => {
    await withExample('custom-metrics.ts', FREE_PORT, async (example) => {
      const { text, samples } = await scrape(await example.metricsUrl());
      assert.match(text, /^# TYPE my_custom_metric_total counter$/m);
      assert.match(text, /^# HELP my_custom_metric_total Custom application metric$/m);
      assert.equal(sampleValue(samples, 'my_custom_metric_total', { route: '/chat' }), 1);
      assert.match(text, /^# TYPE my_queue_wait_seconds histogram$/m);
      assert.equal(sampleValue(samples, 'my_queue_wait_seconds_count', { route: '/chat' }), 1);
      assert.equal(sampleValue(samples, 'my_queue_wait_seconds_bucket', { route: '/chat', le: '0.05' }), 1);
      assert.equal(sampleValue(samples, 'promptkit_tool_calls_total', { tool: 'web_search', status: 'success' }), 1);
      await assertCleanExit(example, 'SIGINT');
    });
  });

  test("recording-functions serves each of the Go SDK's record calls with its exact value", async () => {
    await withExample('recording-functions.ts', FREE_PORT, async (example) => {
      const { samples } = await scrape(await example.metricsUrl());
      const claude = { provider: 'anthropic', model: 'claude-3' };
      const stage = { stage: 'my_stage', stage_type: 'transform' };
      const validator = { validator: 'schema_validator', validator_type: 'output' };
      const expected: [string, Record<string, string>, number][] = [
        ['promptkit_pipelines_active', {}, 0],
        ['promptkit_pipeline_duration_seconds_count', { status: 'success' }, 1],
        ['promptkit_pipeline_duration_seconds_sum', { status: 'success' }, 1.2],
        ['promptkit_stage_duration_seconds_count', stage, 1],
        ['promptkit_stage_duration_seconds_sum', stage, 0.5],
        ['promptkit_stage_elements_total', { stage: 'my_stage', status: 'success' }, 1],
        ['promptkit_provider_request_duration_seconds_count', claude, 1],
        ['promptkit_provider_request_duration_seconds_sum', claude, 2.5],
        ['promptkit_provider_requests_total', { ...claude, status: 'success' }, 1],
        ['promptkit_provider_tokens_total', { ...claude, type: 'input' }, 100],
        ['promptkit_provider_tokens_total', { ...claude, type: 'output' }, 50],
        ['promptkit_provider_tokens_total', { ...claude, type: 'cached' }, 0],
        ['promptkit_provider_cost_total', claude, 0.05],
        ['promptkit_tool_call_duration_seconds_count', { tool: 'web_search' }, 1],
        ['promptkit_tool_call_duration_seconds_sum', { tool: 'web_search' }, 1.2],
        ['promptkit_tool_calls_total', { tool: 'web_search', status: 'success' }, 1],
        ['promptkit_validation_duration_seconds_count', validator, 1],
        ['promptkit_validation_duration_seconds_sum', validator, 0.01],
        ['promptkit_validations_total', { ...validator, status: 'passed' }, 1],
      ];
      for (const [name, labels, value] of expected) {
        assert.equal(sampleValue(samples, name, labels), value, `${name}${JSON.stringify(labels)}`);
      }
      await assertCleanExit(example, 'SIGTERM');
    });
  });

  test("existing-server serves the app's routes and /metrics on one port", async () => {
    await withExample('existing-server.ts', FREE_PORT, async (example) => {
      const appUrl = (await example.waitFor(/^app: (http:\/\/\S+)$/m))[1]!;
      const metricsUrl = await example.metricsUrl();
      assert.equal(new URL(metricsUrl).origin, new URL(appUrl).origin);

      const hello = await fetch(appUrl);
      assert.equal(hello.status, 200);
      assert.equal(await hello.text(), 'hello from the app\n');
      assert.equal((await fetch(new URL('/nowhere', appUrl))).status, 404);

      const { samples } = await scrape(metricsUrl);
      assert.equal(sampleValue(samples, 'promptkit_pipeline_duration_seconds_count', { status: 'success' }), 1);
      assert.equal(sampleValue(samples, 'promptkit_pipelines_active'), 0);
      await assertCleanExit(example, 'SIGINT');
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`graceful-shutdown stops the workload and the exporter on ${signal}`, async () => {
      await withExample('graceful-shutdown.ts', FREE_PORT, async (example) => {
        const { samples } = await scrape(await example.metricsUrl());
        assert.ok(sampleValue(samples, 'promptkit_pipelines_active') !== undefined, 'the workload is running');
        await assertCleanExit(example, signal);
        assert.equal(example.stderr, '');
      });
    });
  }

  test('demo serves live pipeline metrics until SIGINT', async () => {
    const env = { PROMPTKIT_HOST: '127.0.0.1', PROMPTKIT_PORT: '0', PROMPTKIT_DEMO_TIME_SCALE: '0.01', PROMPTKIT_DEMO_SEED: '1' };
    await withExample('demo.ts', env, async (example) => {
      const url = await example.metricsUrl();
      assert.match(example.stdout, /^hint: /m);
      const deadline = performance.now() + STARTUP_TIMEOUT_MS;
      let text = '';
      while (!/^promptkit_pipeline_duration_seconds_count\{/m.test(text)) {
        assert.ok(performance.now() < deadline, `no pipeline finished within ${STARTUP_TIMEOUT_MS} ms\n${text}`);
        await sleep(50);
        text = (await scrape(url)).text;
      }
      assert.match(text, /^promptkit_provider_requests_total\{provider="\w+",model="[\w.-]+",status="success"\} \d+$/m);

      await assertCleanExit(example, 'SIGINT');
      assert.match(example.stdout, /^stopped: \d+ pipelines \(\d+ completed, \d+ failed\)/m);
      assert.equal(example.stderr, '');
    });
  });

  test('demo exits 1 with a clear message when the port is busy', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    try {
      const { port } = blocker.address() as AddressInfo;
      await withExample('demo.ts', { PROMPTKIT_HOST: '127.0.0.1', PROMPTKIT_PORT: String(port) }, async (example) => {
        const exit = await example.exit(STARTUP_TIMEOUT_MS);
        assert.deepEqual(exit, { code: 1, signal: null }, example.output());
        assert.match(example.stderr, new RegExp(`127\\.0\\.0\\.1:${port}.*already in use`));
        assert.match(example.stderr, /PROMPTKIT_PORT/);
      });
    } finally {
      blocker.close();
    }
  });
});
