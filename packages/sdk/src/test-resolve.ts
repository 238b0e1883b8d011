// Test helper: resolves startMetrics() options under a given environment, collecting diag's warnings.
import { captureDiag } from '../../../test/support/diag.js';
import { withEnv } from '../../../test/support/env.js';
import type { StartMetricsOptions } from './options.js';
import { resolveConfig, type ResolvedConfig } from './resolve.js';

/** Resolves `options` with `env` set, returning the config and every diag line written meanwhile. */
export function resolveWith(options: StartMetricsOptions, env: Record<string, string> = {}): { config: ResolvedConfig; lines: string[] } {
  const { lines, restore } = captureDiag();
  try {
    return { config: withEnv(env, () => resolveConfig(options)), lines };
  } finally {
    restore();
  }
}
