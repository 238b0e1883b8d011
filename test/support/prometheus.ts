import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.js';
import { startProcess, type Managed } from './process.js';

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

/** Runs PromQL instant queries against a Prometheus-compatible HTTP API. */
export class PromQL {
  constructor(readonly baseUrl: string) {}

  async raw(expr: string, time?: number): Promise<{ status: string; data?: { resultType: string; result: unknown[] }; error?: string }> {
    const params = new URLSearchParams({ query: expr });
    if (time !== undefined) params.set('time', String(time));
    const res = await fetch(`${this.baseUrl}/api/v1/query?${params.toString()}`, { signal: AbortSignal.timeout(10_000) });
    return (await res.json()) as { status: string; data?: { resultType: string; result: unknown[] }; error?: string };
  }

  /** The vector result of `expr`; throws on a query error. */
  async query(expr: string): Promise<PromSample[]> {
    const body = await this.raw(expr);
    if (body.status !== 'success') throw new Error(`query failed: ${expr}: ${body.error}`);
    if (body.data?.resultType === 'scalar') {
      const [, v] = body.data.result as unknown as [number, string];
      return [{ metric: {}, value: Number(v) }];
    }
    return (body.data?.result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
      metric: r.metric,
      value: Number(r.value[1]),
    }));
  }

  /** The single value of `expr`, or undefined when the result is empty. */
  async value(expr: string): Promise<number | undefined> {
    const result = await this.query(expr);
    if (result.length > 1) throw new Error(`expected one series for ${expr}, got ${result.length}`);
    return result[0]?.value;
  }

  /** Waits until `expr` has exactly `expected` as its single value. */
  async waitForValue(expr: string, expected: number, timeoutMs = 20_000): Promise<void> {
    let last: number | undefined;
    await waitFor(`${expr} == ${expected} (last: ${last})`, async () => {
      last = await this.value(expr);
      return last !== undefined && Math.abs(last - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? true : undefined;
    }, timeoutMs);
  }
}

export interface PrometheusServer extends PromQL {
  process: Managed;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** Targets as host:port, scraped under job `promptkit` at `metricsPath`. */
  targets: string[];
  metricsPath?: string;
  scrapeInterval?: string;
  ruleFiles?: string[];
  /** More scrape jobs, each with its own settings lines (e.g. `scrape_protocols: [PrometheusProto]`). */
  jobs?: { name: string; targets: string[]; metricsPath?: string; settings?: string[] }[];
  /** `--enable-feature` values, e.g. `native-histograms`, `exemplar-storage`. */
  features?: string[];
}

/** Starts the unpacked Prometheus on 127.0.0.1 with a scrape config for the given targets. */
export async function startPrometheus(binary: string, options: PrometheusOptions): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'promptkit-prom-'));
  const interval = options.scrapeInterval ?? '1s';
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    options.ruleFiles?.length ? `rule_files:\n${options.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`).join('\n')}` : '',
    'scrape_configs:',
    '  - job_name: promptkit',
    `    metrics_path: ${options.metricsPath ?? '/metrics'}`,
    `    scrape_interval: ${interval}`,
    '    static_configs:',
    `      - targets: [${options.targets.map((t) => JSON.stringify(t)).join(', ')}]`,
    ...(options.jobs ?? []).flatMap((job) => [
      `  - job_name: ${job.name}`,
      `    metrics_path: ${job.metricsPath ?? '/metrics'}`,
      `    scrape_interval: ${interval}`,
      ...(job.settings ?? []).map((line) => `    ${line}`),
      '    static_configs:',
      `      - targets: [${job.targets.map((t) => JSON.stringify(t)).join(', ')}]`,
    ]),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const managed = startProcess(binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
    ...(options.features?.length ? [`--enable-feature=${options.features.join(',')}`] : []),
  ]);
  const api = new PromQL(`http://127.0.0.1:${port}`);
  const server: PrometheusServer = Object.assign(api, {
    process: managed,
    async stop() {
      await managed.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  try {
    await waitFor('Prometheus to become ready', async () => {
      if (managed.child.exitCode !== null) throw new Error(`prometheus exited: ${managed.output()}`);
      const res = await fetch(`${api.baseUrl}/-/ready`).catch(() => undefined);
      return res?.ok ? true : undefined;
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
