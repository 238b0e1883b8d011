#!/usr/bin/env node
// Rewrites a copy of the root package.json (the 3.x copy of scripts/test-node-versions.sh, never the
// repository's) so that its devDependencies are the OpenTelemetry 3.x line and the client majors that
// run on it: every @opentelemetry/* package of the 2.x SDK line moves to 3.1.0, every 0.2xx exporter
// or instrumentation package to 0.301.0 (the release built on 3.1.0, which it pins exactly), and
// @opentelemetry/api to 1.10.0. A package with no such release (as sdk-trace-node, which ends
// with 2.x; the tests no longer use it) is dropped, loudly: the tests importing it then fail by
// name, and every other test still runs. `openai` and `ai` move to their 7 majors, unless the repository
// already installs that major under an alias (`"openai-v7": "npm:openai@7…"`): its tests then run
// the 7 major on Node 22 and 24 already, and moving the root too would run the suites written for
// the root's major on 7 and leave that major untested there. `prepare` is removed so that the build
// runs, and is timed, on its own.
//
//   node scripts/otel3-dev-dependencies.mjs <package.json>
//
// Prints the changes on stderr, and on stdout what must be installed afterwards, one
// `<folder in node_modules> <package> <version prefix>` per line, for scripts/test-node-versions.sh.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const OTEL3 = { api: '1.10.0', sdk: '3.1.0', experimental: '0.301.0' };
const CLIENTS = { openai: '7.59.0', ai: '7.0.173' };

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/otel3-dev-dependencies.mjs <package.json>');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(file, 'utf8'));
const dev = pkg.devDependencies ?? {};
const expected = [];
const set = (name, version) => {
  if (dev[name] !== version) console.error(`  ${name} ${dev[name]} -> ${version}`);
  dev[name] = version;
};

/** Whether the registry has `name@version` (one look-up per package moved). */
function published(name, version) {
  try {
    return execFileSync('npm', ['view', `${name}@${version}`, 'version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === version;
  } catch {
    return false;
  }
}

for (const [name, version] of Object.entries(dev)) {
  if (!name.startsWith('@opentelemetry/') || version.startsWith('npm:')) continue;
  let target;
  if (name === '@opentelemetry/api') target = OTEL3.api;
  else if (/^[~^]?2\./.test(version)) target = OTEL3.sdk;
  else if (/^[~^]?0\.2\d\d\./.test(version)) target = OTEL3.experimental;
  else continue;
  if (!published(name, target)) {
    console.error(`  DROPPED ${name} ${version}: there is no ${name}@${target}; the tests importing it will fail`);
    delete dev[name];
    continue;
  }
  set(name, target);
  expected.push([name, name, target.split('.').slice(0, 2).join('.') + '.']);
}

for (const [name, version] of Object.entries(CLIENTS)) {
  const major = version.split('.')[0];
  const alias = Object.keys(dev).find((key) => key !== name && dev[key].startsWith(`npm:${name}@${major}.`));
  if (alias !== undefined) {
    console.error(`  ${name} stays ${dev[name]}: ${alias} (${dev[alias]}) tests ${name} ${major} already`);
    expected.push([alias, name, `${major}.`]);
  } else if (name in dev) {
    set(name, version);
    expected.push([name, name, `${major}.`]);
  }
}

if (pkg.scripts?.prepare !== undefined) {
  delete pkg.scripts.prepare;
  console.error('  scripts.prepare removed (the build runs on its own)');
}
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
for (const line of expected) console.log(line.join(' '));
