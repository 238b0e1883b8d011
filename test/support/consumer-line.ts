// One OpenTelemetry line of the consumer test, prepared: its Node.js, its two applications
// installed, and the TypeScript compiles started (they are the slow part, so they run while the
// other checks do).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appDependencies, cleanEnv, createApp, nodeBinFor, npmInstall, type Line, type Packed } from './consumer.js';
import { run, type Done } from './consumer-process.js';
import { samples } from './scrape.js';
import { seriesKey } from './series.js';

/** An application folder and how its install went. */
export interface App {
  name: string;
  dir: string;
  install: Done;
}

export interface PreparedLine {
  line: Line;
  nodeBin: string;
  /** `node --version` of the line's Node. */
  nodeVersion: string;
  /** The Node.js npm ran on, as `npm version --json` reports it. */
  npmNode: string;
  /** Every PromptKit package, with the calls an application makes on each. */
  full: App;
  /** @promptkit/sdk alone, serving /metrics with default options: no OTLP exporter installed. */
  prometheusOnly: App;
  compiles: Record<'node16' | 'bundler', Promise<Done>>;
}

const FULL_FIXTURES = [
  'serve.mjs',
  'quick-start.mjs',
  'require-all.cjs',
  'node-sdk.mjs',
  'adapters.mjs',
  'module-probe.mjs',
  'module-probe-hooks.mjs',
  'prometheus-only.mjs',
  'types.ts',
  'tsconfig.node16.json',
  'tsconfig.bundler.json',
];
const PROMETHEUS_ONLY_FIXTURES = ['module-probe.mjs', 'module-probe-hooks.mjs', 'prometheus-only.mjs', 'otlp-missing.mjs', 'native-missing.mjs'];

const failedSpawn = (error: unknown): Done => ({ code: null, signal: null, stdout: '', stderr: String(error), ms: 0 });

/** Creates and installs both applications of a line under `root`, and starts their compiles. */
export async function prepareLine(line: Line, packed: Map<string, Packed>, root: string): Promise<PreparedLine> {
  const nodeBin = await nodeBinFor(line);
  const env = cleanEnv(nodeBin);
  const nodeVersion = (await run(`${nodeBin}/node`, ['--version'], { cwd: root, env, timeoutMs: 10_000 })).stdout.trim();
  const npmVersions = await run('npm', ['version', '--json'], { cwd: root, env, timeoutMs: 30_000 });
  const npmNode = `v${(JSON.parse(npmVersions.stdout || '{}') as { node?: string }).node ?? '?'}`;

  const dir = (name: string) => join(root, `${line.id}-${name}`);
  await createApp(dir('full'), 'consumer-full', appDependencies(packed, [...packed.keys()], line, Object.keys(line.versions)), FULL_FIXTURES);
  await createApp(dir('prometheus-only'), 'consumer-prometheus-only', appDependencies(packed, ['@promptkit/sdk'], line), PROMETHEUS_ONLY_FIXTURES);
  const [fullInstall, prometheusInstall] = await Promise.all([npmInstall(dir('full'), nodeBin), npmInstall(dir('prometheus-only'), nodeBin)]);
  const full = { name: 'full', dir: dir('full'), install: fullInstall };

  const compile = (project: string): Promise<Done> => {
    if (fullInstall.code !== 0) return Promise.resolve({ ...fullInstall, stderr: `not compiled: npm install failed\n${fullInstall.stderr}` });
    return run(`${nodeBin}/node`, ['node_modules/typescript/bin/tsc', '-p', project], { cwd: full.dir, env, timeoutMs: 300_000 }).catch(failedSpawn);
  };
  return {
    line,
    nodeBin,
    nodeVersion,
    npmNode,
    full,
    prometheusOnly: { name: 'prometheus-only', dir: dir('prometheus-only'), install: prometheusInstall },
    compiles: { node16: compile('tsconfig.node16.json'), bundler: compile('tsconfig.bundler.json') },
  };
}

/** The app's folder, or an error pointing at its failed install (the install test shows why). */
export function installed(app: App): string {
  if (app.install.code !== 0) {
    throw new Error(`the ${app.name} app did not install (exit ${app.install.code}); see the npm install test:\n${app.install.stderr.slice(0, 2_000)}`);
  }
  return app.dir;
}

/** Every installed copy of `name` in an app, as `path@version`, from `npm ls --all --parseable --long`. */
export function copiesOf(parseable: string, name: string): string[] {
  return parseable
    .split('\n')
    .map((line) => line.split(':'))
    .filter(([path, id]) => path?.endsWith(`/node_modules/${name}`) && id !== undefined)
    .map(([path, id]) => `${path}:${id}`);
}

/** PromptKit packages the app's lockfile does not resolve to the packed tarballs (so from a registry). */
export async function notFromTarballs(dir: string): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => /(^|\/)node_modules\/@promptkit\//.test(path) && !entry.resolved?.startsWith('file:'))
    .map(([path, entry]) => `${path} (${entry.resolved ?? 'no resolved'})`);
}

/** PromptKit's series on an exposition, keyed like seriesKey, without OpenTelemetry's scope labels. */
export function promptkitSeries(exposition: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [series, value] of samples(exposition)) {
    if (!series.startsWith('promptkit_')) continue;
    const brace = series.indexOf('{');
    const name = brace < 0 ? series : series.slice(0, brace);
    const labels: Record<string, string> = {};
    if (brace >= 0) for (const m of series.slice(brace + 1, -1).matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]!] = m[2]!;
    out.set(seriesKey(name, labels, ['otel_scope_name', 'otel_scope_version']), value);
  }
  return out;
}

/** `expected` series (written as `name{label="v",…}`, any label order) as they are on `actual`. */
export function pick(actual: Map<string, number>, expected: Record<string, number>): { want: Record<string, number>; got: Record<string, number | undefined> } {
  const want: Record<string, number> = {};
  const got: Record<string, number | undefined> = {};
  for (const [series, value] of Object.entries(expected)) {
    const key = promptkitSeries(`${series} ${value}`).keys().next().value!;
    want[key] = value;
    got[key] = actual.get(key);
  }
  return { want, got };
}
