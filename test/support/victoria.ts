import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.js';
import { PromQL } from './prometheus.js';
import { startProcess, type Managed } from './process.js';

export interface VictoriaServer extends PromQL {
  port: number;
  /** OTLP/HTTP base endpoint; the SDK appends /v1/metrics. */
  otlpEndpoint: string;
  /** Stops the process, keeping its data directory (for restart). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
}

/**
 * Starts the unpacked VictoriaMetrics on 127.0.0.1 as an OTLP receiver with Prometheus-style
 * naming (the translation Prometheus' OTLP receiver and the Collector apply).
 */
export async function startVictoria(binary: string): Promise<VictoriaServer> {
  const dir = mkdtempSync(join(tmpdir(), 'promptkit-vm-'));
  const port = await freePort();
  const args = [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${join(dir, 'data')}`,
    '-opentelemetry.usePrometheusNaming',
    // Scope metadata and resource attributes would become extra labels on every series; Prometheus'
    // own OTLP receiver keeps them out of the series too (job/instance and target_info instead).
    '-opentelemetry.promoteScopeMetadata=false',
    '-opentelemetry.promoteAllResourceAttributes=false',
    // Answer queries with the freshest samples instead of hiding the last 30 s.
    '-search.latencyOffset=0s',
    '-search.disableCache',
    '-loggerLevel=ERROR',
  ];
  let managed: Managed;
  const api = new PromQL(`http://127.0.0.1:${port}`);
  const launch = async () => {
    managed = startProcess(binary, args);
    await waitFor('VictoriaMetrics to become ready', async () => {
      if (managed.child.exitCode !== null) throw new Error(`victoria-metrics exited: ${managed.output()}`);
      const res = await fetch(`${api.baseUrl}/health`).catch(() => undefined);
      return res?.ok ? true : undefined;
    });
  };
  await launch();
  return Object.assign(api, {
    port,
    otlpEndpoint: `http://127.0.0.1:${port}/opentelemetry`,
    kill: async () => managed.stop(),
    restart: launch,
    stop: async () => {
      await managed.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
