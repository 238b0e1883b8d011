import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

export type Backend = 'prometheus' | 'promtool' | 'victoria-metrics' | 'vmagent' | 'vmalert' | 'vmalert-tool';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Path of an unpacked backend binary (scripts/setup-backends.sh), or undefined. */
export function backendPath(name: Backend): string | undefined {
  const path = fileURLToPath(new URL(`../../.backends/bin/${name}`, import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * The backend's path. Under CI=true a missing backend fails the test loudly; elsewhere the test is
 * skipped with a message (run `bash scripts/setup-backends.sh`, or `npm test`, which runs it).
 */
export function requireBackend(t: TestContext, name: Backend): string | undefined {
  const path = backendPath(name);
  if (path) return path;
  const message = `${name} is not unpacked in .backends/bin; run: bash scripts/setup-backends.sh`;
  if (process.env.CI === 'true') throw new Error(message);
  t.skip(message);
  return undefined;
}
