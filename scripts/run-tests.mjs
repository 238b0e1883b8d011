#!/usr/bin/env node
// Runs every unit test (beside the code, packages/*/src/**/*.test.ts) and every end-to-end test
// (test/**/*.test.ts) and the demo's (examples/**/*.test.ts) with Node's own test runner. Node 20 does not expand globs, so list files here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = new Set(['node_modules', 'dist', '.backends', '.git', '.tmp']);

function find(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (skip.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) find(path, out);
    else if (entry.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

// Arguments pick files whose path contains one of them; `!part` leaves out files whose path contains part.
const args = process.argv.slice(2);
const filter = args.filter((arg) => !arg.startsWith('!'));
const excluded = args.filter((arg) => arg.startsWith('!')).map((arg) => arg.slice(1));
let files = [...find(join(root, 'packages')), ...find(join(root, 'examples')), ...find(join(root, 'test'))].sort();
if (filter.length > 0) files = files.filter((f) => filter.some((part) => f.includes(part)));
files = files.filter((f) => !excluded.some((part) => f.includes(part)));
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
// Tests set the OpenTelemetry variables they need; none leak in from the shell that runs them.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OTEL|PROMPTKIT)_/.test(name)));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
  { cwd: root, stdio: 'inherit', env: { ...env, NODE_NO_WARNINGS: '1' } },
);
process.exit(result.status ?? 1);
