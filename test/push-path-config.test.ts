// victoriametrics/compose.yaml, its relabel file and docs/push-path.md agree with each other, and
// the unpacked binaries know every flag and accept the files (the running path is proven in
// push-path.e2e.test.ts and push-path-alerts.e2e.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ALERTS_PATH } from '../alerts/rules.js';
import { repoRoot, requireBackend, type Backend } from './support/backends.js';
import { COMPOSE_PATH, containerPort, flagEntries, readCompose, VMALERT_TOOL_ARGS, type ServiceName } from './support/push-path.js';

const DOC_PATH = 'docs/push-path.md';
const compose = readCompose();
const doc = readFileSync(join(repoRoot, DOC_PATH), 'utf8');
const SERVICES: Record<ServiceName, number> = { 'victoria-metrics': 8428, vmagent: 8429, vmalert: 8880 };
const service = (name: ServiceName) => compose.services[name]!;
const flag = (name: ServiceName, flagName: string) => flagEntries(service(name).command).find(([f]) => f === flagName)?.[1];

/** Container path → repository path (relative) for each bind mount; named volumes map to `volume:<name>`. */
function mounts(name: ServiceName): Map<string, string> {
  const out = new Map<string, string>();
  for (const volume of service(name).volumes ?? []) {
    const [source = '', target = ''] = volume.split(':');
    out.set(target, source.startsWith('.') ? relative(repoRoot, resolve(dirname(join(repoRoot, COMPOSE_PATH)), source)) : `volume:${source}`);
  }
  return out;
}

/** The commands of the doc's shell blocks, with `\` continuations joined, by program name. */
function docCommands(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of doc.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const command of block[1]!.replace(/\\\n\s*/g, ' ').split('\n')) {
      const [program = '', ...args] = command.trim().split(/\s+/);
      if (program in SERVICES) out.set(program, args);
    }
  }
  return out;
}

test('compose.yaml: VictoriaMetrics, vmagent and vmalert of one release, on their default ports', () => {
  assert.deepEqual(Object.keys(compose.services).sort(), Object.keys(SERVICES).sort());
  const tags = new Set(Object.values(compose.services).map((s) => s.image.split(':')[1]));
  assert.equal(tags.size, 1, `one release for all: ${[...tags].join(', ')}`);
  for (const [name, port] of Object.entries(SERVICES) as [ServiceName, number][]) {
    assert.equal(containerPort(service(name)), port, name);
    assert.deepEqual(service(name).ports, [`${port}:${port}`], name);
  }
});

test('vmagent writes into the store and buffers on a volume; vmalert reads the store and loads the shipped rules', () => {
  assert.equal(flag('vmagent', '-remoteWrite.url'), `http://victoria-metrics:${SERVICES['victoria-metrics']}/api/v1/write`);
  assert.equal(mounts('vmagent').get(flag('vmagent', '-remoteWrite.tmpDataPath')!), 'volume:vmagentdata');
  assert.equal(mounts('victoria-metrics').get(flag('victoria-metrics', '-storageDataPath')!), 'volume:vmdata');
  for (const volume of ['vmagentdata', 'vmdata']) assert.ok(volume in (compose.volumes ?? {}), `volume ${volume} is declared`);
  assert.equal(mounts('vmagent').get(flag('vmagent', '-remoteWrite.relabelConfig')!), 'victoriametrics/relabel.yml');
  assert.equal(mounts('vmalert').get(flag('vmalert', '-rule')!), ALERTS_PATH);
  for (const f of ['-datasource.url', '-remoteWrite.url', '-remoteRead.url']) assert.equal(flag('vmalert', f), `http://victoria-metrics:${SERVICES['victoria-metrics']}`, f);
  for (const name of Object.keys(SERVICES) as ServiceName[]) {
    for (const [, source] of mounts(name)) if (!source.startsWith('volume:')) assert.ok(existsSync(join(repoRoot, source)), `${name} mounts ${source}`);
  }
});

test('docs/push-path.md runs the same flags without containers, and names the endpoint and ports', () => {
  const commands = docCommands();
  for (const name of Object.keys(SERVICES) as ServiceName[]) {
    const documented = new Map(flagEntries(commands.get(name) ?? []));
    const shipped = flagEntries(service(name).command);
    assert.deepEqual([...documented.keys()].sort(), shipped.map(([f]) => f).sort(), `${name}: the same flags`);
    for (const [f, value] of shipped) {
      const inDoc = documented.get(f)!;
      const mounted = mounts(name).get(value);
      if (mounted?.startsWith('volume:')) continue; // a data directory: any host path
      const expected = mounted ?? value.replace(/^http:\/\/[a-z][\w-]*:/, 'http://localhost:');
      assert.equal(inDoc, expected, `${name} ${f}`);
    }
  }
  for (const port of Object.values(SERVICES)) assert.match(doc, new RegExp(`:${port}\\b`));
  assert.match(doc, /OTEL_EXPORTER_OTLP_ENDPOINT=http:\/\/localhost:8429\/opentelemetry /);
  assert.match(readFileSync(join(repoRoot, COMPOSE_PATH), 'utf8'), /OTEL_EXPORTER_OTLP_ENDPOINT=http:\/\/localhost:8429\/opentelemetry /);
  assert.ok(doc.includes(`vmalert-tool ${VMALERT_TOOL_ARGS.join(' ')} --files alerts/promptkit-alerts.test.yml`), 'the vmalert-tool command the tests run');
});

/** Runs a backend binary from the repository root; returns exit status and output. */
function runBackend(binary: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(binary, args, { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

for (const name of Object.keys(SERVICES) as (ServiceName & Backend)[]) {
  test(`${name} knows every flag compose.yaml gives it`, (t) => {
    const binary = requireBackend(t, name);
    if (!binary) return;
    const help = runBackend(binary, ['--help']).output;
    for (const [f] of flagEntries(service(name).command)) assert.match(help, new RegExp(`^\\s+${f.replace(/\./g, '\\.')}\\b`, 'm'), `${name} ${f}`);
  });
}

test('vmagent accepts relabel.yml and vmalert the rules file (-dryRun)', (t) => {
  const vmagent = requireBackend(t, 'vmagent');
  const vmalert = requireBackend(t, 'vmalert');
  if (!vmagent || !vmalert) return;
  const agent = runBackend(vmagent, ['-dryRun', '-remoteWrite.relabelConfig=victoriametrics/relabel.yml', '-remoteWrite.url=http://127.0.0.1:1/api/v1/write']);
  assert.equal(agent.status, 0, agent.output);
  const alert = runBackend(vmalert, ['-dryRun', `-rule=${ALERTS_PATH}`]);
  assert.equal(alert.status, 0, alert.output);
  assert.match(alert.output, /finished reading 1 files/);
});
