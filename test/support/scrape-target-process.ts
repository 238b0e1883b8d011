import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TargetOptions, TargetStats } from './scrape-target.js';

export interface ScrapeTarget {
  url: string;
  child: ChildProcess;
  /** RSS after a GC, CPU time and collections; `gc: false` reads them without collecting garbage. */
  stats(gc?: boolean): Promise<TargetStats>;
  /** Sockets the process holds open now (listening, connections, IPC), from /proc/<pid>/fd. */
  sockets(): number;
  stop(): Promise<void>;
}

/** Starts test/support/scrape-target.ts in a child process (with --expose-gc) and waits for its URL. */
export async function startScrapeTarget(options: TargetOptions): Promise<ScrapeTarget> {
  const child = fork(fileURLToPath(new URL('./scrape-target.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, SCRAPE_TARGET: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the scrape target did not start within 30 s')), 30_000);
    child.once('message', (message: { url: string }) => (clearTimeout(timer), resolve(message.url)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the scrape target exited (${code})`))));
  });
  return {
    url,
    child,
    stats: (gc = true) =>
      new Promise<TargetStats>((resolve) => {
        child.once('message', (message: TargetStats) => resolve(message));
        child.send(gc ? 'stats' : 'cpu');
      }),
    sockets: () => readdirSync(`/proc/${child.pid}/fd`).filter((fd) => {
      try {
        return readlinkSync(`/proc/${child.pid}/fd/${fd}`).startsWith('socket:');
      } catch {
        return false;
      }
    }).length,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
