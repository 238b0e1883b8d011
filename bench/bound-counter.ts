/** P2: the hottest counter (stage elements) through a bound handle, against prom-client's inc(labels). */
import { catalog, createPromptKitMetrics } from '@promptkit/metrics';
import { Counter, Registry } from 'prom-client';
import { interleave } from './harness.js';
import { timedRow, type Row } from './report.js';
import { promptkitProvider } from './workload.js';

export async function run(): Promise<Row[]> {
  const handle = createPromptKitMetrics({ meterProvider: promptkitProvider() }).stageElements.bind({ stage: 'retrieve', status: 'success' });
  const definition = catalog.stageElements;
  const promCounter = new Counter({
    name: definition.name,
    help: definition.help,
    labelNames: [...definition.labels],
    registers: [new Registry()],
  });
  const timings = await interleave(
    [
      {
        name: 'bound',
        run: (n) => {
          for (let k = 0; k < n; k++) handle.inc();
        },
      },
      {
        name: 'prom-client',
        run: (n) => {
          for (let k = 0; k < n; k++) promCounter.inc({ stage: 'retrieve', status: 'success' });
        },
      },
    ],
    { rounds: 41, sampleMs: 10, warmupMs: 1000 },
  );
  return [
    timedRow(
      { key: 'P2', name: 'stageElements.bind({stage, status}).inc() ÷ prom-client inc({stage, status})', target: 0.1 },
      timings.get('bound')!,
      timings.get('prom-client')!,
    ),
  ];
}
