/**
 * P4: the record path with a pull and a push reader (Prometheus plus a periodic OTLP-style push)
 * against the Prometheus reader alone, both with PromptKit's views.
 */
import { interleave } from './harness.js';
import { timedRow, type Row } from './report.js';
import { idlePushReader, listeningBus, promptkitProvider, publishMix, prometheusReader } from './workload.js';

export async function run(): Promise<Row[]> {
  const twoReaders = promptkitProvider([prometheusReader(), idlePushReader()]);
  const oneReader = promptkitProvider();
  const pullAndPush = listeningBus(twoReaders);
  const pullOnly = listeningBus(oneReader);
  let a = 0;
  let b = 0;
  const timings = await interleave(
    [
      {
        name: 'two',
        run: (n) => {
          for (let k = 0; k < n; k++) publishMix(pullAndPush, a++);
        },
      },
      {
        name: 'one',
        run: (n) => {
          for (let k = 0; k < n; k++) publishMix(pullOnly, b++);
        },
      },
    ],
    { rounds: 81, sampleMs: 10, warmupMs: 1500 },
  );
  await Promise.all([twoReaders.shutdown(), oneReader.shutdown()]);
  return [
    timedRow({ key: 'P4', name: 'event mix with pull + push readers ÷ pull reader only', target: 1.05 }, timings.get('two')!, timings.get('one')!),
  ];
}
