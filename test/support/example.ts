// Runs an example as its own process, as a user would run it, for the smoke tests.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './backends.js';

export const STARTUP_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 10_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** An example running as a child process, with its output collected. */
export class RunningExample {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';

  constructor(
    readonly file: string,
    env: Record<string, string>,
  ) {
    // Only this test's settings: addresses, OTEL_* variables and API keys (and base URLs) from the outer environment must not leak in.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(PROMPTKIT_|OTEL_|OPENAI_|ANTHROPIC_|GEMINI_|GOOGLE_)/.test(key)));
    this.child = spawn(process.execPath, ['--import', 'tsx', `examples/${file}`], {
      cwd: repoRoot,
      env: { ...inherited, NODE_NO_WARNINGS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve, reject) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
      this.child.once('error', reject);
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for output matching `pattern`; fails with the output so far when it does not come. */
  async waitFor(pattern: RegExp, timeoutMs = STARTUP_TIMEOUT_MS): Promise<RegExpMatchArray> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match) return match;
      if (!this.running) assert.fail(`${this.file} exited before printing ${pattern}\n${this.output()}`);
      if (performance.now() > deadline) assert.fail(`${this.file} printed no ${pattern} in ${timeoutMs} ms\n${this.output()}`);
      await sleep(20);
    }
  }

  /** The metrics URL the example printed. */
  async metricsUrl(): Promise<string> {
    return (await this.waitFor(/^metrics: (http:\/\/\S+)$/m))[1]!;
  }

  /** Sends `signal` and waits, bounded, for the exit. */
  async stop(signal: NodeJS.Signals): Promise<Exit> {
    this.child.kill(signal);
    return this.exit();
  }

  async exit(timeoutMs = EXIT_TIMEOUT_MS): Promise<Exit> {
    const timeout = sleep(timeoutMs, undefined, { ref: false }).then(() =>
      assert.fail(`${this.file} did not exit within ${timeoutMs} ms\n${this.output()}`),
    );
    return Promise.race([this.exited, timeout]);
  }

  /** Kills the process if it is still running; for `finally`. */
  kill(): void {
    if (this.running && this.child.pid !== undefined) process.kill(this.child.pid, 'SIGKILL');
  }

  output(): string {
    return `--- stdout\n${this.stdout}--- stderr\n${this.stderr}`;
  }
}

/** Runs `body` against the example and always kills the process afterwards. */
export async function withExample(file: string, env: Record<string, string>, body: (example: RunningExample) => Promise<void>) {
  const example = new RunningExample(file, env);
  try {
    await body(example);
  } finally {
    example.kill();
  }
}

