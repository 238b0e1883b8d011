// Peers without a cooperating primary: PM2's cluster mode (the real pm2 package, its daemon in a
// temporary PM2_HOME) and worker_threads. The elected peer serves every peer's calls; when it is
// killed (SIGKILL, or a terminated thread), another is elected and the totals carry on without
// going backwards; the replacement's calls add to them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { catalog } from '@promptkit/metrics';
import { repoRoot } from './support/backends.js';
import { freePort, sleep, waitFor } from './support/ports.js';
import { sampleWith, scrape } from './support/scrape.js';

const CALLS = 25;
const PEERS = 3;
const FIXTURE = join(repoRoot, 'test/fixtures/cluster/peer.mjs');
const LABELS = { provider: 'openai', model: 'gpt-4o', status: 'success' };

/** The calls the elected peer serves now, or undefined while none serves. */
async function served(url: string): Promise<number | undefined> {
  try {
    const { status, body } = await scrape(url);
    return status === 200 ? sampleWith(body, catalog.providerRequests.name, LABELS) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Scrapes until `expected` is served, keeping every value seen: they must never go backwards. Two
 * scrapes more then let the leader hand its legacy (its own totals) to the others.
 */
async function watch(url: string, expected: number, seen: number[], timeoutMs = 20_000): Promise<void> {
  await waitFor(`${expected} calls served at ${url} (seen ${seen.slice(-5).join(', ')})`, async () => {
    const value = await served(url);
    if (value !== undefined) seen.push(value);
    return value === expected || undefined;
  }, timeoutMs, 100);
  for (let i = 0; i < 2; i++) {
    const value = await served(url);
    if (value !== undefined) seen.push(value);
  }
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! >= seen[i - 1]!, `served totals went from ${seen[i - 1]} back to ${seen[i]}: ${seen.join(', ')}`);
}

test("PM2's cluster mode: the peers elect one that serves them all; SIGKILLed, it is replaced and no total goes backwards", async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'promptkit-pm2-'));
  const roles = mkdtempSync(join(tmpdir(), 'promptkit-roles-'));
  const metricsPort = await freePort();
  const peerPort = await freePort();
  const pm2Cli = createRequire(import.meta.url).resolve('pm2/bin/pm2');
  const env = { ...process.env, PM2_HOME: home, METRICS_PORT: String(metricsPort), PEER_PORT: String(peerPort), CALLS: String(CALLS), ROLE_DIR: roles };
  const pm2 = (...args: string[]) => promisify(execFile)(process.execPath, [pm2Cli, ...args], { env, timeout: 30_000 });
  const url = `http://127.0.0.1:${metricsPort}/metrics`;
  try {
    await pm2('start', FIXTURE, '-i', String(PEERS), '--name', 'promptkit-peers');
    const seen: number[] = [];
    await watch(url, PEERS * CALLS, seen);
    const leaders = () => readdirSync(roles).filter((pid) => readFileSync(join(roles, pid), 'utf8') === 'leader');
    assert.equal(leaders().length, 1, 'one peer leads');
    const leader = Number(leaders()[0]);
    process.kill(leader, 'SIGKILL');
    // PM2 starts a replacement, which publishes its own calls; another peer leads meanwhile.
    await watch(url, (PEERS + 1) * CALLS, seen);
    await waitFor('a new leader', () => Promise.resolve(leaders().some((pid) => Number(pid) !== leader) || undefined));
    t.diagnostic(`served totals: ${[...new Set(seen)].join(' → ')}`);
  } finally {
    await pm2('kill').catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
    rmSync(roles, { recursive: true, force: true });
  }
});

test('worker_threads: the threads elect one that serves them all; terminated or shut down, it is replaced and no total goes backwards', async (t) => {
  const metricsPort = await freePort();
  const peerPort = await freePort();
  const url = `http://127.0.0.1:${metricsPort}/metrics`;
  const roles = new Map<number, string>();
  const threads: Worker[] = [];
  const spawnThread = () => {
    const worker = new Worker(FIXTURE, { workerData: { METRICS_PORT: String(metricsPort), PEER_PORT: String(peerPort), CALLS: String(CALLS) } });
    worker.on('message', (m: { threadId: number; role: string }) => roles.set(m.threadId, m.role));
    // Read now: a thread that has exited reports threadId -1.
    const id = worker.threadId;
    worker.on('exit', () => roles.delete(id));
    threads.push(worker);
  };
  const leader = () => [...roles].find(([, role]) => role === 'leader')?.[0];
  const newLeader = (old: number) => waitFor(`a leader other than thread ${old}`, () => Promise.resolve(leader() !== undefined && leader() !== old ? leader() : undefined));
  try {
    for (let i = 0; i < PEERS; i++) spawnThread();
    const seen: number[] = [];
    await watch(url, PEERS * CALLS, seen);
    const first = leader();
    assert.ok(first !== undefined, 'one thread leads');
    await threads.find((w) => w.threadId === first)!.terminate();
    // Another thread is elected and serves the same totals, the dead leader's included.
    const second = await newLeader(first);
    await watch(url, PEERS * CALLS, seen);
    // A leader that shuts down hands over its totals as of that moment.
    threads.find((w) => w.threadId === second)!.postMessage('shutdown');
    await newLeader(second);
    await watch(url, PEERS * CALLS, seen);
    spawnThread();
    await watch(url, (PEERS + 1) * CALLS, seen);
    t.diagnostic(`served totals: ${[...new Set(seen)].join(' → ')}`);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
    await sleep(0);
  }
});
