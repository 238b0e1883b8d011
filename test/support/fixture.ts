import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { repoRoot } from './backends.js';

export interface Driven {
  child: ChildProcess;
  /** The next JSON line on stdout whose `event` is `name` (earlier ones are kept for later calls). */
  next(name: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** A line on the fixture's stdin. */
  send(line: string): void;
  stderr(): string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** `exit` on stdin, then SIGKILL (by PID) if the fixture is still running after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs `test/fixtures/<path>` with the TypeScript loader, reading the JSON lines it prints (one
 * event each) and writing commands to its stdin. The environment carries no OTEL_ or PROMPTKIT_
 * variables except those given.
 */
export function drive(path: string, env: Record<string, string> = {}): Driven {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(PROMPTKIT_|OTEL_)/.test(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', `test/fixtures/${path}`], {
    cwd: repoRoot,
    env: { ...inherited, NODE_NO_WARNINGS: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const next = async (name: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = events.findIndex((e) => e.event === name);
      if (index >= 0) return events.splice(index, 1)[0]!;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no '${name}' from ${path} (exit ${child.exitCode}): ${stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  return {
    child,
    next,
    send: (line) => child.stdin.write(`${line}\n`),
    stderr: () => stderr,
    exited,
    stop: async (graceMs = 5_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.write('exit\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
