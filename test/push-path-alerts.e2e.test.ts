// PromptKit's alert rules on the push path: vmalert (with the flags of victoriametrics/compose.yaml)
// evaluates alerts/promptkit-alerts.yml against VictoriaMetrics fed through vmagent, and notifies a
// loopback Alertmanager stand-in; vmalert-tool runs the promtool unit tests of the same rules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { startMetrics, type Telemetry } from '@promptkit/sdk';
import { ALERTS_PATH } from '../alerts/rules.js';
import { repoRoot, requireBackend } from './support/backends.js';
import { waitFor } from './support/ports.js';
import { PromQL } from './support/prometheus.js';
import { AGENT_TEST_FLAGS, preparePushPath, readCompose, VM_TEST_FLAGS, VMALERT_TOOL_ARGS } from './support/push-path.js';

const ALERTS_TEST_PATH = 'alerts/promptkit-alerts.test.yml';

interface PostedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A loopback Alertmanager stand-in: records what vmalert POSTs to /api/v2/alerts. */
async function startNotifier(): Promise<{ url: string; alerts: PostedAlert[]; close: () => Promise<void> }> {
  const alerts: PostedAlert[] = [];
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      if (req.method === 'POST' && req.url === '/api/v2/alerts') alerts.push(...(JSON.parse(body) as PostedAlert[]));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return {
    url: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    alerts,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The shipped rules with every `for:` shortened to `forDuration`; expressions unchanged. */
function rulesWithShortFor(dir: string, forDuration: string): string {
  const rules = parse(readFileSync(join(repoRoot, ALERTS_PATH), 'utf8')) as { groups: { rules: { for?: string }[] }[] };
  for (const group of rules.groups) for (const rule of group.rules) rule.for = forDuration;
  const file = join(dir, 'promptkit-alerts.yml');
  writeFileSync(file, stringify(rules));
  return file;
}

test('vmalert fires ProviderRateLimited from data pushed through vmagent, and notifies', { timeout: 120_000 }, async (t) => {
  const binaries = { vm: requireBackend(t, 'victoria-metrics'), agent: requireBackend(t, 'vmagent'), alert: requireBackend(t, 'vmalert') };
  if (!binaries.vm || !binaries.agent || !binaries.alert) return;
  const dir = mkdtempSync(join(tmpdir(), 'promptkit-vmalert-'));
  const notifier = await startNotifier();
  const path = await preparePushPath(readCompose(), {
    // The shipped `for:` (5m) would make the test wait five minutes; the expressions are the shipped ones.
    files: { '/etc/alerts/promptkit-alerts.yml': rulesWithShortFor(dir, '3s') },
    hosts: { 'alertmanager:9093': notifier.url },
  });
  let telemetry: Telemetry | undefined;
  let recorder: NodeJS.Timeout | undefined;
  try {
    await path.start('victoria-metrics', binaries.vm, VM_TEST_FLAGS);
    await path.start('vmagent', binaries.agent, AGENT_TEST_FLAGS);
    // Evaluate every second, at the present (the store answers without delay, see VM_TEST_FLAGS).
    await path.start('vmalert', binaries.alert, ['-loggerLevel=ERROR', '-evaluationInterval=1s', '-rule.evalDelay=0s']);
    telemetry = await startMetrics({
      serviceName: 'alerting',
      prometheus: false,
      registerGlobal: false,
      pricing: false,
      otlp: { endpoint: `${path.url('vmagent')}/opentelemetry`, intervalMs: 500 },
    });
    const bus = telemetry.eventBus;
    let tick = 0;
    recorder = setInterval(() => {
      const timestamp = Date.now();
      tick++;
      // flaky: every other call is rate limited (50% > 5%); steady: never.
      for (const provider of ['flaky', 'steady']) {
        bus.publish({ type: 'provider.call.completed', timestamp, data: { provider, model: 'm1', durationMs: 300, inputTokens: 10, outputTokens: 5 } });
      }
      if (tick % 2 === 0) bus.publish({ type: 'provider.call.failed', timestamp, data: { provider: 'flaky', model: 'm1', durationMs: 20, error: '429', errorType: 'rate_limit' } });
    }, 100);

    const began = Date.now();
    const fired = await waitFor(
      'ProviderRateLimited to be sent to the notifier',
      () => Promise.resolve(notifier.alerts.find((a) => a.labels.alertname === 'ProviderRateLimited')),
      60_000,
      250,
    );
    t.diagnostic(`ProviderRateLimited reached the notifier ${Date.now() - began} ms after the first push`);
    assert.equal(fired.labels.provider, 'flaky');
    assert.equal(fired.labels.model, 'm1');
    assert.equal(fired.labels.severity, 'warning');
    assert.equal(fired.labels.job, undefined, 'the rule aggregates by provider and model');
    assert.equal(fired.annotations.summary, 'Provider flaky/m1 is rate limiting');
    assert.match(fired.annotations.description ?? '', /^\d+(\.\d+)?% of calls to flaky\/m1 were rate limited over the last 5m/);

    // vmalert's own view, and the alert state it wrote into the store (-remoteWrite.url).
    const api = (await (await fetch(`${path.url('vmalert')}/api/v1/alerts`)).json()) as { data: { alerts: { name: string; state: string; labels: Record<string, string> }[] } };
    const firing = api.data.alerts.filter((a) => a.state === 'firing' && a.name === 'ProviderRateLimited');
    assert.deepEqual(firing.map((a) => a.labels.provider), ['flaky']);
    const store = new PromQL(path.url('victoria-metrics'));
    await store.waitForValue('count(ALERTS{alertname="ProviderRateLimited",alertstate="firing",provider="flaky"})', 1, 20_000);
    assert.equal(notifier.alerts.filter((a) => a.labels.alertname === 'ProviderRateLimited' && a.labels.provider === 'steady').length, 0);
  } finally {
    clearInterval(recorder);
    await telemetry?.shutdown();
    await path.close();
    await notifier.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('vmalert-tool unittest runs the promtool test file', () => {
  const run = (bin: string, files: string) => spawnSync(bin, [...VMALERT_TOOL_ARGS, `--files=${files}`], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });

  test(`${ALERTS_TEST_PATH} passes unchanged, with --disableAlertgroupLabel`, { timeout: 150_000 }, (t) => {
    const bin = requireBackend(t, 'vmalert-tool');
    if (!bin) return;
    const result = run(bin, ALERTS_TEST_PATH);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stdout + result.stderr, /SUCCESS/);
  });

  test('a wrong expectation fails it (the cases are really evaluated)', { timeout: 60_000 }, (t) => {
    const bin = requireBackend(t, 'vmalert-tool');
    if (!bin) return;
    const file = parse(readFileSync(join(repoRoot, ALERTS_TEST_PATH), 'utf8')) as { rule_files: string[]; tests: { alert_rule_test: { exp_alerts?: { exp_annotations?: Record<string, string> }[] }[] }[] };
    const dir = mkdtempSync(join(tmpdir(), 'promptkit-vmalert-tool-'));
    try {
      const first = file.tests[0]!;
      const expected = first.alert_rule_test.find((c) => (c.exp_alerts ?? []).length > 0)!.exp_alerts![0]!;
      expected.exp_annotations = { ...expected.exp_annotations, summary: 'not what the rule says' };
      const copy = { ...file, rule_files: file.rule_files.map((f) => join(repoRoot, 'alerts', f)), tests: [first] };
      writeFileSync(join(dir, 'wrong.test.yml'), stringify(copy));
      const result = run(bin, join(dir, 'wrong.test.yml'));
      assert.notEqual(result.status, 0, 'vmalert-tool accepted a wrong annotation');
      assert.match(result.stdout + result.stderr, /not what the rule says/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
