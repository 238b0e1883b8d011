// Serverless: a function's process is frozen as soon as its handler returns, so a periodic push
// never comes. withMetricsFlush pushes before returning. Proven with a real process that stops
// itself (SIGSTOP) right after every invocation and a loopback OTLP receiver that decodes each
// push with the official protobuf definitions: every invocation's calls are at the receiver while
// the process is frozen, exactly, with cumulative and with delta temporality.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { startMetrics, withMetricsFlush } from '@promptkit/sdk';
import { repoRoot } from './support/backends.js';
import { waitFor } from './support/ports.js';
import { flatten, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.js';

type Invoker = ChildProcessByStdio<Writable, Readable, Readable>;

/** Every `promptkit_provider_requests_total` point of the provider, request by request. */
function requestPoints(receiver: OtlpReceiver, from = 0): { value: number; temporality: string | undefined }[][] {
  return receiver.requests.slice(from).map((r) =>
    flatten(r.request)
      .metrics.filter((m) => m.name === 'promptkit_provider_requests_total')
      .flatMap((m) => m.points.filter((p) => p.attributes.provider === 'serverless').map((p) => ({ value: p.value ?? Number.NaN, temporality: m.temporality }))),
  );
}

/** Linux process state from /proc: `T` while stopped. */
function processState(pid: number): string | undefined {
  try {
    return /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

async function withInvoker(temporality: 'cumulative' | 'delta', receiver: OtlpReceiver, body: (invoke: (id: string, calls: number, mode: 'wrapped' | 'bare') => Promise<string>) => Promise<void>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(PROMPTKIT_|OTEL_)/.test(key)));
  const child: Invoker = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/serverless/invoker.ts'], {
    cwd: repoRoot,
    // Cumulative is chosen in code, delta by the standard variable (no temporality in code).
    env: {
      ...inherited,
      NODE_NO_WARNINGS: '1',
      RECEIVER: receiver.httpUrl,
      ...(temporality === 'cumulative' ? { TEMPORALITY: temporality } : { OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: temporality }),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const pid = child.pid!;
  let invocations = 0;
  const invoke = async (id: string, calls: number, mode: 'wrapped' | 'bare') => {
    // Thaw the sandbox for the next invocation, as the platform does.
    if (invocations++ > 0) process.kill(pid, 'SIGCONT');
    child.stdin.write(`invoke ${id} ${calls} ${mode}\n`);
    const line = await Promise.race([lines.next(), exited.then(() => assert.fail(`the invoker exited\n${stderr}`))]);
    assert.ok(!line.done, `no answer to ${id}\n${stderr}`);
    await waitFor(`the invoker to freeze after ${id}`, () => Promise.resolve(processState(pid) === 'T' ? true : undefined), 5_000, 10);
    return line.value;
  };
  try {
    await body(invoke);
    process.kill(pid, 'SIGCONT');
    child.stdin.end('exit\n');
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref())]);
    assert.equal(code, 0, `the invoker did not end cleanly\n${stderr}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    }
  }
}

for (const temporality of ['cumulative', 'delta'] as const) {
  const chosen = temporality === 'cumulative' ? 'cumulative (in code)' : 'delta (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE)';
  test(`${chosen}: each invocation's calls are at the receiver before the process freezes; none lost`, async () => {
    const receiver = await startOtlpReceiver();
    try {
      // The third invocation is not wrapped: it shows what the wrapper prevents, and that its calls
      // come with the next flush rather than being lost.
      const plan = [
        { id: 'a', calls: 1, mode: 'wrapped' },
        { id: 'b', calls: 3, mode: 'wrapped' },
        { id: 'c', calls: 2, mode: 'bare' },
        { id: 'd', calls: 4, mode: 'wrapped' },
        { id: 'e', calls: 5, mode: 'wrapped' },
      ] as const;
      let recorded = 0;
      let sinceFlush = 0;
      await withInvoker(temporality, receiver, async (invoke) => {
        for (const { id, calls, mode } of plan) {
          const before = receiver.requests.length;
          const line = await invoke(id, calls, mode);
          recorded += calls;
          sinceFlush += calls;
          assert.equal(line, `returned ${id} ${JSON.stringify({ statusCode: 200, body: `${id}: ${calls} calls` })}`);
          const arrived = requestPoints(receiver, before);
          if (mode === 'bare') {
            assert.equal(arrived.length, 0, `${id}: nothing is pushed when the handler is not wrapped`);
            continue;
          }
          assert.equal(arrived.length, 1, `${id}: one push per wrapped invocation, got ${arrived.length}`);
          const [point, ...others] = arrived[0]!;
          assert.equal(others.length, 0);
          assert.equal(point?.temporality, temporality);
          assert.equal(point?.value, temporality === 'cumulative' ? recorded : sinceFlush, `${id}: value at the freeze`);
          sinceFlush = 0;
        }
      });
      assert.deepEqual(receiver.errors, []);
      const all = requestPoints(receiver).flat();
      const total = temporality === 'cumulative' ? all.at(-1)?.value : all.reduce((sum, p) => sum + p.value, 0);
      assert.equal(total, recorded, 'the receiver holds every recorded call, exactly');
    } finally {
      await receiver.stop();
    }
  });
}

/** A loopback TCP server that accepts connections and never answers. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('receiver down or silent: the handler’s value and error come back unchanged, within timeoutMs', async () => {
  const silent = await silentServer();
  const timeoutMs = 400;
  try {
    // Port 9 (discard) refuses on loopback; the silent server accepts and never answers.
    for (const endpoint of ['http://127.0.0.1:9', silent.url]) {
      // A short export timeout keeps shutdown() short too, with the silent receiver.
      const telemetry = await startMetrics({ prometheus: false, registerGlobal: false, pricing: false, otlp: { endpoint, intervalMs: 600_000, timeoutMs: 1_000 } });
      try {
        const value = { statusCode: 201 };
        const failure = new Error('handler failed');
        const record = () =>
          telemetry.eventBus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 'lookup', durationMs: 3 } });
        const ok = withMetricsFlush(async () => {
          await Promise.resolve();
          record();
          return value;
        }, { telemetry, timeoutMs });
        const failing = withMetricsFlush(async () => {
          await Promise.resolve();
          record();
          throw failure;
        }, { telemetry, timeoutMs });
        let began = performance.now();
        assert.equal(await ok({}, {}), value, endpoint);
        assert.ok(performance.now() - began < timeoutMs + 400, `${endpoint}: value after ${performance.now() - began} ms`);
        began = performance.now();
        await assert.rejects(failing({}, {}), (error) => error === failure);
        assert.ok(performance.now() - began < timeoutMs + 400, `${endpoint}: error after ${performance.now() - began} ms`);
      } finally {
        await telemetry.shutdown();
      }
    }
  } finally {
    await silent.close();
  }
});
