/**
 * P1: the event path (publish → MetricsListener → instruments) against the raw OTel calls the same
 * events stand for, on the same kind of MeterProvider.
 */
import { mergeScopes } from '@promptkit/meter-provider';
import { PrometheusReader } from '@promptkit/prometheus';
import { buildFamilies, renderText } from '@promptkit/prometheus/internal';
import { sameSamples } from './exposition.js';
import { interleave } from './harness.js';
import { timedRow, type Row } from './report.js';
import { createRawInstruments, listeningBus, promptkitProvider, publishMix, rawMix, RAW_CALLS_PER_MIX, prometheusReader } from './workload.js';

/** The two sides must record the same samples, or the comparison would not be of equal work. */
async function mismatch(): Promise<string | undefined> {
  const busReader = prometheusReader();
  const rawReader = prometheusReader();
  const bus = listeningBus(promptkitProvider([busReader]));
  const raw = createRawInstruments(promptkitProvider([rawReader]));
  for (let i = 0; i < 256; i++) {
    publishMix(bus, i);
    rawMix(raw, i);
  }
  const text = async (reader: PrometheusReader) => renderText(buildFamilies(mergeScopes((await reader.collect()).resourceMetrics)));
  return sameSamples(await text(busReader), await text(rawReader), 'the event path', 'the raw calls');
}

export async function run(): Promise<Row[]> {
  const invalid = await mismatch();
  const bus = listeningBus(promptkitProvider());
  const raw = createRawInstruments(promptkitProvider());
  let published = 0;
  let called = 0;
  const timings = await interleave(
    [
      {
        name: 'events',
        run: (n) => {
          for (let k = 0; k < n; k++) publishMix(bus, published++);
        },
      },
      {
        name: 'raw',
        run: (n) => {
          for (let k = 0; k < n; k++) rawMix(raw, called++);
        },
      },
    ],
    { rounds: 61, sampleMs: 10, warmupMs: 1500 },
  );
  const row = timedRow(
    { key: 'P1', name: `event path per mix (4 events) ÷ its ${RAW_CALLS_PER_MIX} raw OTel calls`, target: 1.15 },
    timings.get('events')!,
    timings.get('raw')!,
  );
  if (invalid !== undefined) row.invalid = invalid;
  return [row];
}
