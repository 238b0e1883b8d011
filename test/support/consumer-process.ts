// Child processes of the consumer test: commands run to completion, and applications that serve
// /metrics until the test has read it. Everything is bounded in time and stopped by its own PID.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** A finished command. */
export interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Runs a command to completion; past `timeoutMs` it is killed (SIGKILL, by its PID) and reported as such. */
export async function run(command: string, args: readonly string[], options: RunOptions): Promise<Done> {
  const began = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => {
    stderr += `\n[killed after ${options.timeoutMs} ms]`;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  try {
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    return { code, signal, stdout, stderr, ms: Math.round(performance.now() - began) };
  } finally {
    clearTimeout(timer);
  }
}

/** `command args` with its exit and output, for failure messages. */
export function describeRun(what: string, done: Done): string {
  return `${what}: exit ${done.code ?? done.signal} after ${done.ms} ms\n--- stdout\n${done.stdout}\n--- stderr\n${done.stderr}`;
}

/** An application serving /metrics: it printed `metrics: <url>` and waits for its stdin to end. */
export interface Serving {
  url: string;
  output(): string;
  /** Ends its stdin (it shuts down and exits), bounded; kills it by PID if it does not exit. */
  stop(): Promise<void>;
}

/** Starts `node <file>` in an app and waits, bounded, until it prints where its /metrics is. */
export async function serve(nodeBin: string, dir: string, file: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Serving> {
  const child = spawn(`${nodeBin}/node`, [file], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'error' (a spawn failure) also ends the wait; the exit code then stays null.
  const exited = once(child, 'exit').catch(() => undefined);
  const output = () => `${file} in ${dir}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  };
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const url = /^metrics: (http:\/\/\S+)$/m.exec(stdout)?.[1];
    if (url !== undefined) {
      return {
        url,
        output,
        stop: async () => {
          child.stdin.end();
          const stopped = await Promise.race([exited.then(() => true), sleep(10_000, false, { ref: false })]);
          if (!stopped) kill();
        },
      };
    }
    if (child.exitCode !== null || child.signalCode !== null || performance.now() > deadline) {
      kill();
      throw new Error(`${file} did not serve /metrics within ${timeoutMs} ms (exit ${child.exitCode ?? child.signalCode})\n${output()}`);
    }
    await sleep(25);
  }
}
