/**
 * Exemplars on the record path: the P1 event mix with tracing installed (a context manager, as any
 * application with OpenTelemetry tracing has), exemplars on (`trace_based`) against off
 * (`always_off`, no span lookup), first with no span active, then inside a sampled span. Both sides
 * run under the same context, so OpenTelemetry's own context lookups cost both the same.
 */
import { context, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { interleave } from './harness.js';
import { timedRow, type Row } from './report.js';
import { listeningBus, promptkitProvider, publishMix } from './workload.js';

const SPAN = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };

async function compare(key: 'EX_idle' | 'EX_span', name: string, target: number, active: () => Context): Promise<Row> {
  const on = listeningBus(promptkitProvider(), 'trace_based');
  const off = listeningBus(promptkitProvider(), 'always_off');
  let i = 0;
  let j = 0;
  const timings = await interleave(
    [
      { name: 'on', run: (n) => context.with(active(), () => { for (let k = 0; k < n; k++) publishMix(on, i++); }) },
      { name: 'off', run: (n) => context.with(active(), () => { for (let k = 0; k < n; k++) publishMix(off, j++); }) },
    ],
    { rounds: 61, sampleMs: 10, warmupMs: 1500 },
  );
  return timedRow({ key, name, target }, timings.get('on')!, timings.get('off')!);
}

export async function run(): Promise<Row[]> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  try {
    return [
      await compare('EX_idle', 'event mix with exemplars on ÷ off, tracing installed, no span active', 1.05, () => context.active()),
      await compare('EX_span', 'event mix with exemplars on ÷ off, inside a sampled span', 1.5, () => trace.setSpanContext(context.active(), SPAN)),
    ];
  } finally {
    context.disable();
  }
}
