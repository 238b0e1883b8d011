import { spawnSync } from 'node:child_process';

/** Runs `promtool check metrics` on an exposition; returns its exit status and output. */
export function checkMetrics(promtool: string, exposition: string): { status: number | null; output: string } {
  const result = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
