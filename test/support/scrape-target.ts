// A PromptKit /metrics server in a process of its own, for tests that measure it from outside
// (memory, CPU, sockets) while real clients scrape it. Started by startScrapeTarget() with an IPC
// channel; answers 'stats' with its RSS (after a GC), CPU time and collection count, and 'cpu' with
// the same without collecting garbage first.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EventBus } from '@promptkit/events';
import { MetricsListener, PrometheusExporter } from '@promptkit/prometheus';

export interface TargetOptions {
  /** Instruments × series per instrument × label bytes sets the body size. */
  instruments: number;
  seriesPerInstrument: number;
  labelBytes: number;
  requestTimeoutMs?: number;
  idleTimeoutMs?: number;
  maxConcurrentScrapes?: number;
}

export interface TargetStats {
  /** VmRSS of this process after a full GC, bytes. */
  rss: number;
  /** Memory of Buffers (rendered bodies), bytes. */
  arrayBuffers: number;
  /** User + system CPU time since start, microseconds. */
  cpuMicros: number;
  /** Collections the exporter's reader made. */
  collections: number;
}

function rssBytes(): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return line === null ? process.memoryUsage().rss : Number(line[1]) * 1024;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.env.SCRAPE_TARGET ?? '{}') as TargetOptions;
  const exporter = new PrometheusExporter({
    host: '127.0.0.1',
    port: 0,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.maxConcurrentScrapes !== undefined ? { maxConcurrentScrapes: options.maxConcurrentScrapes } : {}),
  });
  let collections = 0;
  const collect = exporter.reader.collect.bind(exporter.reader);
  exporter.reader.collect = (o) => {
    collections++;
    return collect(o);
  };
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider: exporter.meterProvider }).listener());
  bus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 'search', durationMs: 250 } });
  const meter = exporter.getMeter('load');
  // Random label values: the body compresses about as badly as real ids do (2:1, not 1000:1).
  for (let i = 0; i < options.instruments; i++) {
    const counter = meter.createCounter(`load_${i}`);
    for (let j = 0; j < options.seriesPerInstrument; j++) counter.add(j, { key: randomBytes(options.labelBytes / 2).toString('hex') });
  }
  await exporter.start();
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  process.on('message', (message) => {
    if (message === 'stats' || message === 'cpu') void answer(message === 'stats');
  });
  async function answer(collectGarbage: boolean): Promise<void> {
    // Only memory readings collect garbage first (twice, with a pause for V8's background sweeping
    // of Buffers); a CPU reading must not add a GC's cost.
    if (collectGarbage) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 100));
      gc();
    }
    const cpu = process.cpuUsage();
    const stats: TargetStats = { rss: rssBytes(), arrayBuffers: process.memoryUsage().arrayBuffers, cpuMicros: cpu.user + cpu.system, collections };
    process.send?.(stats);
  }
  process.send?.({ url: exporter.url });
}

void main();
