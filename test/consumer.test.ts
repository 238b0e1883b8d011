// PromptKit as its users get it: every workspace package packed as for publishing, installed with
// the real npm (no --legacy-peer-deps) into fresh applications outside the repository, on the two
// OpenTelemetry lines it supports: 2.x on the machine's Node.js and 3.x on Node 24 (with the
// openai and ai majors of each). Each check is its own test case, so a failure names what broke.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { chatReply } from '../packages/openai/src/test-fixtures.js';
import { FakeOpenAIServer } from '../packages/openai/src/test-server.js';
import { repoRoot } from './support/backends.js';
import { cleanEnv, LINES, packWorkspaces, type Line, type Packed } from './support/consumer.js';
import { copiesOf, installed, notFromTarballs, pick, prepareLine, promptkitSeries, type App, type PreparedLine } from './support/consumer-line.js';
import { describeRun, run, serve, type Serving } from './support/consumer-process.js';
import { freePort } from './support/ports.js';
import { scrape } from './support/scrape.js';

// The registry is a prerequisite: without it nothing can be installed. Under CI its absence fails
// the run; elsewhere the test is skipped with the reason.
const reachable = await run('npm', ['view', 'typescript@~5.9.0', 'version'], { cwd: repoRoot, env: cleanEnv(), timeoutMs: 60_000 });
const unavailable = reachable.code === 0 ? false : `the npm registry is not reachable (npm view failed: ${reachable.stderr.trim().split('\n').pop()})`;
if (unavailable && process.env.CI === 'true') throw new Error(unavailable);

let root: string;
let packing: Promise<Map<string, Packed>>;
const lines = new Map<string, Promise<PreparedLine>>();
// Settled copies, so that a line nobody awaits yet never counts as an unhandled rejection.
const settled = <T>(promise: Promise<T>) => (promise.catch(() => undefined), promise);

before(async () => {
  if (unavailable) return;
  root = await mkdtemp(join(tmpdir(), 'promptkit-consumer-'));
  packing = settled(packWorkspaces(join(root, 'packs')));
  for (const line of LINES) lines.set(line.id, settled(packing.then((packed) => prepareLine(line, packed, root))));
});

after(async () => {
  if (root === undefined) return;
  await Promise.allSettled(lines.values());
  if (process.env.CONSUMER_KEEP_APPS === '1') console.log(`consumer apps kept in ${root}`);
  else await rm(root, { recursive: true, force: true });
});

const PROBED = /node_modules\/(@grpc\/|protobufjs\/|@protobufjs\/)/;
const expectedSeries = (body: string, expected: Record<string, number>) => {
  const { want, got } = pick(promptkitSeries(body), expected);
  assert.deepEqual(got, want, `series on /metrics differ from the expected ones\n--- scrape\n${body}`);
};

async function scraped(app: Serving): Promise<string> {
  const { status, body } = await scrape(app.url).catch((error: unknown) => assert.fail(`GET ${app.url}: ${String(error)}\n${app.output()}`));
  assert.equal(status, 200, `GET ${app.url}\n${body}\n${app.output()}`);
  return body;
}

/** Runs `node file args` in an app to completion; returns its stdout, failing with its output. */
async function runApp(prepared: PreparedLine, app: App, file: string, args: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const done = await run(`${prepared.nodeBin}/node`, [file, ...args], { cwd: installed(app), env: cleanEnv(prepared.nodeBin, env), timeoutMs: 60_000 });
  assert.equal(done.code, 0, describeRun(`node ${file} (${app.dir})`, done));
  return done.stdout;
}

function checkInstall(t: TestContext, app: App, ls: string, parseable: string, line: Line) {
  const output = `${app.install.stdout}\n${app.install.stderr}`;
  assert.equal(app.install.code, 0, describeRun(`npm install (${app.dir})`, app.install));
  const complaints = output.split('\n').filter((text) => /ERESOLVE|peer dep|peerDependenc|Conflicting peer|Could not resolve dependency|EBADENGINE/i.test(text));
  assert.deepEqual(complaints, [], `npm install of ${app.name} complained about peers or engines:\n${output}`);
  // Unmet optional peers (openai's optional ws, zod…) are fine; anything else npm ls flags is not.
  const problems = ls.split('\n').filter((text) => / (invalid|extraneous|missing)\b|UNMET (?!OPTIONAL)/i.test(text));
  assert.deepEqual(problems, [], `npm ls --all of ${app.name} reports problems:\n${ls}`);
  for (const name of ['@opentelemetry/sdk-metrics', '@opentelemetry/api']) {
    const copies = copiesOf(parseable, name);
    assert.equal(copies.length, 1, `${app.name}: one installed copy of ${name} expected, found:\n${copies.join('\n')}`);
    const wanted = line.versions[name]!.replace(/^[~^]/, '').split('.').slice(0, 2).join('.');
    assert.ok(copies[0]!.includes(`${name}@${wanted}.`), `${app.name}: ${name} ${line.versions[name]} expected, found ${copies[0]}`);
  }
  t.diagnostic(`${app.name}: npm install ${app.install.ms} ms`);
}

describe('consumer applications', { concurrency: true, skip: unavailable }, () => {
  for (const line of LINES) {
    const nodeName = line.node === 'machine' ? `the machine's Node ${process.version}` : `Node ${line.node}`;
    describe(`OpenTelemetry ${line.versions['@opentelemetry/sdk-metrics']} (api ${line.versions['@opentelemetry/api']}) on ${nodeName}`, { concurrency: 1 }, () => {
      let prepared: PreparedLine;
      before(async () => {
        prepared = await lines.get(line.id)!;
      });

      test('npm install: no ERESOLVE or peer warning, npm ls --all clean, one copy of sdk-metrics and api, PromptKit from the tarballs', async (t) => {
        assert.equal(prepared.npmNode, prepared.nodeVersion, `npm must run on the line's Node (${prepared.nodeVersion}), ran on ${prepared.npmNode}`);
        for (const app of [prepared.full, prepared.prometheusOnly]) {
          const env = cleanEnv(prepared.nodeBin);
          const ls = await run('npm', ['ls', '--all'], { cwd: app.dir, env, timeoutMs: 60_000 });
          const parseable = await run('npm', ['ls', '--all', '--parseable', '--long'], { cwd: app.dir, env, timeoutMs: 60_000 });
          checkInstall(t, app, `${ls.stdout}\n${ls.stderr}`, parseable.stdout, line);
          assert.equal(ls.code, 0, describeRun(`npm ls --all (${app.dir})`, ls));
          assert.deepEqual(await notFromTarballs(app.dir), [], `${app.name}: every @promptkit package must come from the packed tarballs`);
          const size = await run('du', ['-sh', 'node_modules'], { cwd: app.dir, env, timeoutMs: 30_000 });
          t.diagnostic(`${app.name}: node_modules ${size.stdout.trim().split(/\s/)[0]}`);
        }
      });

      for (const project of ['node16', 'bundler'] as const) {
        test(`TypeScript ${line.versions.typescript}, strict, skipLibCheck: false, module ${project === 'node16' ? 'node16' : 'esnext/bundler'}`, async (t) => {
          installed(prepared.full);
          const done = await prepared.compiles[project];
          assert.equal(done.code, 0, describeRun(`tsc -p tsconfig.${project}.json`, done));
          t.diagnostic(`tsc ${done.ms} ms`);
        });
      }

      test('Quick Start as ESM serves PromptKit series with exact values', async () => {
        const app = await serve(prepared.nodeBin, installed(prepared.full), 'quick-start.mjs', cleanEnv(prepared.nodeBin));
        try {
          expectedSeries(await scraped(app), {
            'promptkit_provider_requests_total{provider="anthropic",model="claude-3",status="success"}': 1,
            'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="input"}': 120,
            'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="output"}': 48,
            'promptkit_provider_cost_total{provider="anthropic",model="claude-3"}': 0.004,
            'promptkit_provider_request_duration_seconds_count{provider="anthropic",model="claude-3"}': 1,
            'promptkit_provider_request_duration_seconds_sum{provider="anthropic",model="claude-3"}': 1.8,
          });
        } finally {
          await app.stop();
        }
      });

      test('require() of every package from CommonJS, each one used', async (t) => {
        const names = [...(await packing).keys()];
        const stdout = await runApp(prepared, prepared.full, 'require-all.cjs', [JSON.stringify(names)]);
        const results = stdout.trim().split('\n').map((text) => JSON.parse(text) as { name: string; ok: boolean; detail: string });
        assert.deepEqual(results.map((r) => r.name), names, `one result per package\n${stdout}`);
        for (const result of results.filter((r) => r.ok)) t.diagnostic(`${result.name}: ${result.detail}`);
        const failed = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail}`);
        assert.deepEqual(failed, [], `require() failed:\n${failed.join('\n\n')}`);
      });

      test("NodeSDK app: PromptKit attached to NodeSDK's MeterProvider shows on the app's own /metrics", async () => {
        const port = await freePort();
        const env = cleanEnv(prepared.nodeBin, { APP_METRICS_PORT: String(port), OTEL_TRACES_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' });
        const app = await serve(prepared.nodeBin, installed(prepared.full), 'node-sdk.mjs', env);
        try {
          assert.equal(app.url, `http://127.0.0.1:${port}/metrics`);
          const body = await scraped(app);
          assert.match(body, /^target_info\{[^\n]*service_name="consumer-node-sdk"/m, `the scrape must be NodeSDK's own exporter\n${body}`);
          expectedSeries(body, {
            'promptkit_provider_requests_total{provider="anthropic",model="claude-3",status="success"}': 2,
            'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="success"}': 1,
            'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="error"}': 1,
            'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="input"}': 150,
            'promptkit_provider_tokens_total{provider="anthropic",model="claude-3",type="output"}': 50,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="input"}': 1000,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="output"}': 250,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="cached"}': 400,
            'promptkit_provider_cost_total{provider="anthropic",model="claude-3"}': 0.004,
            'promptkit_provider_request_duration_seconds_count{provider="anthropic",model="claude-3"}': 2,
            'promptkit_provider_request_duration_seconds_sum{provider="anthropic",model="claude-3"}': 2,
            'promptkit_provider_request_duration_seconds_count{provider="openai",model="gpt-4o"}': 2,
            'promptkit_provider_request_duration_seconds_sum{provider="openai",model="gpt-4o"}': 3,
          });
        } finally {
          await app.stop();
        }
      });

      test(`OpenAI (openai ${line.versions.openai}) and AI SDK (ai ${line.versions.ai}) adapters record on /metrics`, async () => {
        const server = await FakeOpenAIServer.start();
        let app: Serving | undefined;
        try {
          server.reply(chatReply('gpt-4o-mini-2024-07-18', 'Hello!', { input: 120, output: 48, cached: 64 }));
          app = await serve(prepared.nodeBin, installed(prepared.full), 'adapters.mjs', cleanEnv(prepared.nodeBin, { FAKE_OPENAI_BASE_URL: server.baseURL }));
          assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), ['POST /v1/chat/completions']);
          expectedSeries(await scraped(app), {
            'promptkit_provider_requests_total{provider="openai",model="gpt-4o-mini-2024-07-18",status="success"}': 1,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-mini-2024-07-18",type="input"}': 120,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-mini-2024-07-18",type="output"}': 48,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-mini-2024-07-18",type="cached"}': 64,
            'promptkit_provider_request_duration_seconds_count{provider="openai",model="gpt-4o-mini-2024-07-18"}': 1,
            'promptkit_provider_requests_total{provider="openai",model="gpt-4o-2024-08-06",status="success"}': 1,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-2024-08-06",type="input"}': 200,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-2024-08-06",type="output"}': 20,
            'promptkit_provider_tokens_total{provider="openai",model="gpt-4o-2024-08-06",type="cached"}': 50,
            'promptkit_provider_request_duration_seconds_count{provider="openai",model="gpt-4o-2024-08-06"}': 1,
          });
        } finally {
          await app?.stop();
          await server.close();
        }
      });

      test('Prometheus-only app: no @grpc/* or protobufjs installed or loaded; with them installed, none loaded unless OTLP gRPC is chosen', async () => {
        const env = { OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: '0' };
        const probe = async (app: App, extra: Record<string, string> = {}) => {
          const report = JSON.parse(await runApp(prepared, app, 'prometheus-only.mjs', [], { ...env, ...extra })) as { status: number; body: string; modules: string[] };
          assert.equal(report.status, 200, report.body);
          expectedSeries(report.body, { 'promptkit_provider_requests_total{provider="openai",model="gpt-4o",status="success"}': 1 });
          return report.modules.filter((m) => PROBED.test(m));
        };
        const parseable = await run('npm', ['ls', '--all', '--parseable'], { cwd: installed(prepared.prometheusOnly), env: cleanEnv(prepared.nodeBin), timeoutMs: 60_000 });
        assert.deepEqual(parseable.stdout.split('\n').filter((path) => PROBED.test(`${path}/`)), [], 'installed in the Prometheus-only app');
        assert.deepEqual(await probe(prepared.prometheusOnly), [], 'loaded by the Prometheus-only app');

        // The same app in the full install, where gRPC and protobufjs are on disk: still not loaded.
        assert.ok(existsSync(join(installed(prepared.full), 'node_modules', '@grpc', 'grpc-js')), '@grpc/grpc-js must be installed in the full app');
        assert.deepEqual(await probe(prepared.full), [], 'loaded by a Prometheus-only start in the full app');
        // The probe itself sees gRPC once OTLP over gRPC is chosen (nothing listens on port 9).
        const grpc = await probe(prepared.full, {
          OTEL_METRICS_EXPORTER: 'prometheus,otlp',
          OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'grpc',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
          OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
          OTEL_METRIC_EXPORT_TIMEOUT: '1000',
        });
        assert.ok(grpc.some((m) => m.includes('node_modules/@grpc/grpc-js/')), 'the module probe must see @grpc/grpc-js when OTLP gRPC is configured');
      });

      test('OTLP configured without the exporter installed: a ConfigError naming the package and the version to install', async () => {
        const report = JSON.parse(await runApp(prepared, prepared.prometheusOnly, 'otlp-missing.mjs')) as { rejected: boolean; configError?: boolean; message?: string };
        assert.equal(report.rejected, true, 'startMetrics() must reject');
        assert.equal(report.configError, true, `a ConfigError expected: ${JSON.stringify(report)}`);
        assert.ok(report.message?.includes(`npm install @opentelemetry/exporter-metrics-otlp-proto@${line.exporterRelease}`), `the message must name the package and ${line.exporterRelease}: ${report.message}`);
      });

      test('native histograms without @bufbuild/protobuf: a ConfigError naming the package; protobuf scrapes fall back to text', async () => {
        const report = JSON.parse(await runApp(prepared, prepared.prometheusOnly, 'native-missing.mjs')) as {
          rejected: boolean; configError?: boolean; message?: string; fallbackType?: string; fallbackStatus?: number;
        };
        assert.equal(report.rejected, true, 'startMetrics({ histograms: "native" }) must reject');
        assert.equal(report.configError, true, `a ConfigError expected: ${JSON.stringify(report)}`);
        assert.ok(report.message?.includes('npm install @bufbuild/protobuf'), `the message must name the package: ${report.message}`);
        assert.equal(report.fallbackStatus, 200);
        assert.match(report.fallbackType ?? '', /^text\/plain; version=0\.0\.4/, 'without the protobuf library, text is served');
      });
    });
  }
});
