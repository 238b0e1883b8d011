// The consumer test's set-up: PromptKit packed as it would be published, installed with the real
// npm into fresh applications outside the repository, under the Node.js release and OpenTelemetry
// line an application would have. Nothing is reused between runs: every run packs, creates and
// installs anew (npm's own download cache aside), and removes its folders at the end.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { repoRoot } from './backends.js';
import { run, type Done } from './consumer-process.js';

/** An OpenTelemetry JS release line with the Node.js and client majors an application on it has. */
export interface Line {
  id: string;
  /** `machine`: the Node.js running the tests; a number: that pinned major from scripts/install-node.sh. */
  node: 'machine' | number;
  /** What the applications install, by package (peer dependencies of PromptKit come from here). */
  versions: Record<string, string>;
  /** The exporter release built on this line's @opentelemetry/sdk-metrics (they pin it exactly). */
  exporterRelease: string;
}

const otel = (api: string, sdk: string, exporters: string) => ({
  '@opentelemetry/api': api,
  '@opentelemetry/sdk-metrics': sdk,
  '@opentelemetry/core': sdk,
  '@opentelemetry/resources': sdk,
  '@opentelemetry/sdk-node': exporters,
  '@opentelemetry/exporter-prometheus': exporters,
  '@opentelemetry/exporter-metrics-otlp-proto': exporters,
  '@opentelemetry/exporter-metrics-otlp-http': exporters,
  '@opentelemetry/exporter-metrics-otlp-grpc': exporters,
});

// The SDK versions are the exact ones the exporters and sdk-node depend on, so that an application
// has one copy of each; a caret range would install a newer patch next to the exporters' own.
export const LINES: readonly Line[] = [
  {
    id: 'otel2',
    node: 'machine',
    versions: { ...otel('~1.9.0', '2.12.0', '0.223.0'), openai: '^6.0.0', ai: '^6.0.0', typescript: '~5.9.0', '@types/node': '^20.19.0', '@types/json-schema': '^7.0.0' },
    exporterRelease: '0.223.0',
  },
  {
    id: 'otel3',
    node: 24,
    versions: { ...otel('~1.10.0', '3.1.0', '0.301.0'), openai: '^7.0.0', ai: '^7.0.0', typescript: '~5.9.0', '@types/node': '^24.0.0', '@types/json-schema': '^7.0.0' },
    exporterRelease: '0.301.0',
  },
];

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** One workspace package, packed. */
export interface Packed {
  manifest: Manifest;
  tarball: string;
}

/** The workspace folders, from the root package.json (the order there is the build order). */
export async function workspaceDirs(): Promise<string[]> {
  const root = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { workspaces?: string[] };
  if (!root.workspaces?.length) throw new Error('the root package.json lists no workspaces');
  return root.workspaces;
}

/** `npm pack` of every workspace package (its prepack adds LICENSE and CHANGELOG.md) into `dest`. */
export async function packWorkspaces(dest: string): Promise<Map<string, Packed>> {
  const dirs = await workspaceDirs();
  await mkdir(dest, { recursive: true });
  const packing = await run('npm', ['pack', '--json', '--pack-destination', dest, ...dirs.map((dir) => `--workspace=${dir}`)], {
    cwd: repoRoot,
    env: cleanEnv(),
    timeoutMs: 120_000,
  });
  if (packing.code !== 0) throw new Error(`npm pack failed:\n${packing.stderr}\n${packing.stdout}`);
  const report = JSON.parse(packing.stdout.slice(packing.stdout.indexOf('['))) as { name: string; filename: string; files: { path: string }[] }[];
  const packed = new Map<string, Packed>();
  for (const dir of dirs) {
    const manifest = JSON.parse(await readFile(join(repoRoot, dir, 'package.json'), 'utf8')) as Manifest;
    const entry = report.find((item) => item.name === manifest.name);
    if (!entry) throw new Error(`npm pack did not pack ${manifest.name} (${dir})`);
    for (const file of ['LICENSE', 'CHANGELOG.md', 'package.json']) {
      if (!entry.files.some((f) => f.path === file)) throw new Error(`${entry.filename} has no ${file}`);
    }
    packed.set(manifest.name, { manifest, tarball: join(dest, entry.filename) });
  }
  return packed;
}

/** `names` and every PromptKit package they depend on, transitively. */
export function withPromptKitDependencies(packed: Map<string, Packed>, names: readonly string[]): string[] {
  const out = new Set<string>();
  const visit = (name: string) => {
    if (out.has(name)) return;
    const entry = packed.get(name);
    if (!entry) throw new Error(`${name} is not a workspace package`);
    out.add(name);
    for (const dependency of Object.keys(entry.manifest.dependencies ?? {})) if (packed.has(dependency)) visit(dependency);
  };
  names.forEach(visit);
  return [...out];
}

/**
 * The dependencies of an application: the tarballs of `names` (and of the PromptKit packages they
 * depend on, which would otherwise come from the registry), the line's version of every required
 * peer dependency, and `extra` packages at the line's versions. Peers the line has no version for
 * are left to npm, which installs them as an application's npm would.
 */
export function appDependencies(packed: Map<string, Packed>, names: readonly string[], line: Line, extra: readonly string[] = []): Record<string, string> {
  const dependencies: Record<string, string> = {};
  for (const name of withPromptKitDependencies(packed, names)) {
    const { manifest, tarball } = packed.get(name)!;
    dependencies[name] = `file:${tarball}`;
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
      if (manifest.peerDependenciesMeta?.[peer]?.optional) continue;
      const version = line.versions[peer];
      if (version !== undefined) dependencies[peer] = version;
    }
  }
  for (const name of extra) {
    const version = line.versions[name];
    if (version === undefined) throw new Error(`line ${line.id} has no version for ${name}`);
    dependencies[name] = version;
  }
  return dependencies;
}

/** Writes an application: its package.json and the fixture files from test/consumer-apps/. */
export async function createApp(dir: string, name: string, dependencies: Record<string, string>, fixtures: readonly string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`);
  for (const file of fixtures) await copyFile(join(repoRoot, 'test', 'consumer-apps', file), join(dir, file));
}

/**
 * The environment of everything the consumer test runs: the machine's, without what npm exports to
 * the scripts it runs (npm_*, NODE, INIT_CWD: they name this repository and this Node), without
 * NODE_OPTIONS and NODE_PATH (an app resolves its own node_modules only), without
 * OpenTelemetry/PromptKit/OpenAI settings, and with `nodeBin` first on PATH.
 */
export function cleanEnv(nodeBin?: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^(npm_|OTEL_|PROMPTKIT_|OPENAI_)/.test(name) && !['NODE', 'INIT_CWD', 'NODE_OPTIONS', 'NODE_PATH'].includes(name));
  const env: NodeJS.ProcessEnv = Object.fromEntries(kept);
  if (nodeBin !== undefined) env.PATH = `${nodeBin}:${env.PATH ?? ''}`;
  return { ...env, ...extra };
}

/** The folder holding the `node` of a line (the pinned release is installed on first use). */
export async function nodeBinFor(line: Line): Promise<string> {
  if (line.node === 'machine') return dirname(process.execPath);
  const installed = await run('bash', [join(repoRoot, 'scripts', 'install-node.sh'), String(line.node)], { cwd: repoRoot, env: cleanEnv(), timeoutMs: 180_000 });
  if (installed.code !== 0) throw new Error(`scripts/install-node.sh ${line.node} failed:\n${installed.stderr}`);
  return installed.stdout.trim().split('\n').pop()!;
}

/** `npm install` of an application, with the line's Node first on PATH (npm runs on it). */
export function npmInstall(dir: string, nodeBin: string): Promise<Done> {
  // --prefer-online revalidates cached package metadata, so a newly published release is seen.
  return run('npm', ['install', '--no-audit', '--no-fund', '--prefer-online'], { cwd: dir, env: cleanEnv(nodeBin), timeoutMs: 300_000 });
}
