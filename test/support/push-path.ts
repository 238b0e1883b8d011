// The shipped push path (victoriametrics/compose.yaml) run on the unpacked binaries, on loopback:
// each service's own flags, with only what a container provides translated — listen addresses to
// 127.0.0.1 and free ports, service host names to those ports, mounted files to the repository's
// files, named volumes to temporary directories — plus the test's own flags, named by the caller.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './backends.js';
import { freePort, waitFor } from './ports.js';
import { startProcess, type Managed } from './process.js';

export const COMPOSE_PATH = 'victoriametrics/compose.yaml';

// The tests' own flags, beside the shipped ones: quiet logs; VictoriaMetrics answers with the
// freshest samples (its default hides the last 30 s); vmagent retries at most every 2 s, so it
// drains soon after storage is back (the shipped default backs off up to 1 m).
export const VM_TEST_FLAGS = ['-loggerLevel=ERROR', '-search.latencyOffset=0s', '-search.disableCache'];
export const AGENT_TEST_FLAGS = ['-loggerLevel=ERROR', '-remoteWrite.retryMaxInterval=2s'];

// vmalert-tool asks each alert_rule_test for the `groupname` promtool's format does not have (and
// promtool rejects), unless vmalert's `alertgroup` label is off; with it off, promtool's file runs as it is.
export const VMALERT_TOOL_ARGS = ['unittest', '--disableAlertgroupLabel'];

export interface ComposeService {
  image: string;
  command: string[];
  volumes?: string[];
  ports?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export type ServiceName = 'victoria-metrics' | 'vmagent' | 'vmalert';

export function readCompose(): ComposeFile {
  return parse(readFileSync(join(repoRoot, COMPOSE_PATH), 'utf8')) as ComposeFile;
}

/** `name=value` flags as [name, value] (value '' for a bare boolean flag). */
export function flagEntries(command: string[]): [string, string][] {
  return command.map((arg) => {
    const eq = arg.indexOf('=');
    return eq < 0 ? [arg, ''] : [arg.slice(0, eq), arg.slice(eq + 1)];
  });
}

/** The port a service listens on inside its container (`-httpListenAddr=:PORT`). */
export function containerPort(service: ComposeService): number {
  const listen = flagEntries(service.command).find(([name]) => name === '-httpListenAddr')?.[1];
  const port = Number(/:(\d+)$/.exec(listen ?? '')?.[1]);
  if (!Number.isInteger(port)) throw new Error(`no -httpListenAddr=:PORT in ${service.image}`);
  return port;
}

export interface LocalRun {
  /** Each service's loopback port. */
  ports: Record<ServiceName, number>;
  /** Host paths for named volumes (temporary directories, kept across restarts). */
  volumes: Map<string, string>;
  /** Container paths whose host file the test replaces (e.g. the rules file). */
  files?: Record<string, string>;
  /** Where other host names (e.g. `alertmanager:9093`) point. */
  hosts?: Record<string, string>;
}

/** The service's compose flags translated for a loopback run. */
export function localArgs(compose: ComposeFile, name: ServiceName, run: LocalRun): string[] {
  const service = compose.services[name]!;
  const mounts = new Map<string, string>();
  for (const volume of service.volumes ?? []) {
    const [source = '', target = ''] = volume.split(':');
    if (source.startsWith('.')) mounts.set(target, resolve(dirname(join(repoRoot, COMPOSE_PATH)), source));
    else mounts.set(target, run.volumes.get(source) ?? '');
  }
  const hostOf = (host: string, port: string) => {
    const known = compose.services[host];
    if (known) return `127.0.0.1:${run.ports[host as ServiceName]}`;
    const other = run.hosts?.[`${host}:${port}`];
    if (!other) throw new Error(`${name}: no loopback address for ${host}:${port}`);
    return other;
  };
  return flagEntries(service.command).map(([flag, value]) => {
    if (flag === '-httpListenAddr') return `${flag}=127.0.0.1:${run.ports[name]}`;
    if (value === '') return flag;
    const file = run.files?.[value];
    if (file) return `${flag}=${file}`;
    for (const [target, source] of mounts) {
      if (value === target || value.startsWith(`${target}/`)) return `${flag}=${source}${value.slice(target.length)}`;
    }
    return `${flag}=${value.replace(/^http:\/\/([a-z][\w-]*):(\d+)/, (_, host: string, port: string) => `http://${hostOf(host, port)}`)}`;
  });
}

export interface PushPath {
  run: LocalRun;
  processes: Partial<Record<ServiceName, Managed>>;
  url(name: ServiceName): string;
  /** Starts (or starts again, on the same port and data) one service and waits for /health. */
  start(name: ServiceName, binary: string, extraFlags: string[]): Promise<void>;
  /** Stops one service by its PID (SIGTERM, then SIGKILL after 5 s), keeping its data. */
  stop(name: ServiceName): Promise<void>;
  /** Stops everything and removes the data. */
  close(): Promise<void>;
}

/** Ports and temporary volume directories for the compose services, nothing started yet. */
export async function preparePushPath(compose: ComposeFile, options: Pick<LocalRun, 'files' | 'hosts'> = {}): Promise<PushPath> {
  const base = mkdtempSync(join(tmpdir(), 'promptkit-push-'));
  const volumes = new Map(Object.keys(compose.volumes ?? {}).map((volume) => [volume, join(base, volume)]));
  const run: LocalRun = {
    ports: { 'victoria-metrics': await freePort(), vmagent: await freePort(), vmalert: await freePort() },
    volumes,
    ...options,
  };
  const processes: PushPath['processes'] = {};
  const url = (name: ServiceName) => `http://127.0.0.1:${run.ports[name]}`;
  const stop = async (name: ServiceName) => {
    await processes[name]?.stop();
  };
  return {
    run,
    processes,
    url,
    async start(name, binary, extraFlags) {
      const managed = startProcess(binary, [...localArgs(compose, name, run), ...extraFlags]);
      processes[name] = managed;
      await waitFor(`${name} to become ready`, async () => {
        if (managed.child.exitCode !== null) throw new Error(`${name} exited: ${managed.output()}`);
        const res = await fetch(`${url(name)}/health`).catch(() => undefined);
        return res?.ok ? true : undefined;
      });
    },
    stop,
    async close() {
      for (const name of ['vmalert', 'vmagent', 'victoria-metrics'] as const) await stop(name);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
