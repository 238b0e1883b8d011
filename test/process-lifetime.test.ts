// Telemetry never keeps a process alive on its own and never loses the last interval: a script
// that forgets shutdown() still pushes before it exits; shutdownOnSignals flushes on SIGTERM and
// then lets the process end as Node would; a failing receiver costs one warning a minute.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { repoRoot } from './support/backends.js';
import { flatten, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.js';

const receivers: OtlpReceiver[] = [];
after(async () => {
  for (const r of receivers) await r.stop();
});

function run(fixture: string, env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(PROMPTKIT_|OTEL_)/.test(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', `test/fixtures/lifetime/${fixture}`], {
    cwd: repoRoot,
    env: { ...inherited, NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
  void exited.then(() => clearTimeout(kill));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

const toolCalls = (receiver: OtlpReceiver, tool: string) =>
  receiver.requests
    .flatMap((r) => flatten(r.request).metrics)
    .filter((m) => m.name === 'promptkit_tool_calls_total')
    .flatMap((m) => m.points)
    .filter((p) => p.attributes.tool === tool)
    .map((p) => p.value);

test('a script that pushes OTLP and never calls shutdown() exits by itself, after pushing its last interval', async () => {
  const receiver = await startOtlpReceiver();
  receivers.push(receiver);
  const started = Date.now();
  const script = run('push-and-forget.ts', { RECEIVER: receiver.httpUrl });
  const [code] = await script.exited;
  assert.equal(code, 0, script.output().stderr);
  assert.ok(Date.now() - started < 20_000, 'it exits without waiting for the 60 s interval');
  assert.deepEqual(toolCalls(receiver, 'forgotten'), [1], 'the one push made before exit carries the record');
});

test('shutdownOnSignals: SIGTERM pushes the last interval, closes /metrics, then ends the process as Node would', async () => {
  const receiver = await startOtlpReceiver();
  receivers.push(receiver);
  const script = run('serve-until-signal.ts', { RECEIVER: receiver.httpUrl });
  for (let i = 0; i < 150 && !script.output().stdout.includes('ready'); i++) await new Promise((r) => setTimeout(r, 100));
  const url = /ready (\S+)/.exec(script.output().stdout)?.[1];
  assert.ok(url, `the service started: ${script.output().stderr}`);
  assert.equal((await fetch(url)).status, 200);
  script.child.kill('SIGTERM');
  const [code, signal] = await script.exited;
  assert.deepEqual([code, signal], [null, 'SIGTERM'], 'ended by the signal, as without a handler');
  assert.deepEqual(toolCalls(receiver, 'signalled'), [1]);
});

test('a receiver that answers 500 on every push: one warning, no lines from the reader underneath', async () => {
  let pushes = 0;
  const server: Server = createServer((req, res) => {
    pushes++;
    req.resume();
    res.writeHead(500).end('broken');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const script = run('push-to-failing-receiver.ts', { RECEIVER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, RUN_MS: '3000' });
    const [code] = await script.exited;
    const { stdout, stderr } = script.output();
    assert.equal(code, 0, stderr);
    assert.match(stdout, /done/);
    assert.ok(pushes >= 10, `the script kept pushing (${pushes} pushes)`);
    const lines = stderr.split('\n').filter((line) => line.trim() !== '');
    assert.equal(lines.filter((l) => /OTLP metrics push to .* failed/.test(l)).length, 1, stderr);
    assert.equal(lines.length, 1, `only PromptKit's warning, nothing else: ${stderr}`);
  } finally {
    server.close();
  }
});
