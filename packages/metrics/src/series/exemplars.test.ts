// Exemplars come from the sampled span active when a measurement is made, and only then.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { context, trace, TraceFlags, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { Recorder } from '../record/recorder.js';
import { exemplarsOf, sampledSpan } from './exemplars.js';

const sampled = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
const unsampled = { ...sampled, spanId: 'c7ad6b7169203331', traceFlags: TraceFlags.NONE };
const inSpan = <T>(span: typeof sampled, fn: () => T): T => context.with(trace.setSpanContext(context.active(), span), fn);

before(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
after(() => {
  context.disable();
});

test('sampledSpan: the active sampled span, nothing for none, an unsampled or an invalid one', () => {
  assert.equal(sampledSpan(), undefined);
  assert.deepEqual(inSpan(sampled, sampledSpan), sampled);
  assert.equal(inSpan(unsampled, sampledSpan), undefined);
  assert.equal(inSpan({ ...sampled, traceId: '0'.repeat(32) }, sampledSpan), undefined);
});

test('sampledSpan: a span context found valid and then changed in place is checked again', () => {
  const span = { ...sampled };
  assert.equal(inSpan(span, sampledSpan), span);
  assert.equal(inSpan(span, sampledSpan), span, 'the same context again');
  span.traceId = '0'.repeat(32);
  assert.equal(inSpan(span, sampledSpan), undefined, 'an all-zero trace id');
  span.traceId = sampled.traceId;
  span.spanId = 'x"} 1\n# EOF';
  assert.equal(inSpan(span, sampledSpan), undefined, 'a span id that is not hex');
});

/** The attributes object of the one series a recorder made for provider requests. */
function recordCall(filter: 'trace_based' | 'always_off' | undefined, seconds: number): { counter: Attributes; histogram: Attributes } {
  const recorder = new Recorder({ meterProvider: new MeterProvider(), ...(filter ? { exemplarFilter: filter } : {}) });
  recorder.withSpanOfEvent(() => recorder.providerRequest('openai', 'gpt-4o', 'success', seconds));
  const b = recorder.binding();
  return { counter: b.counters.providerRequests.index.get3('openai', 'gpt-4o', 'success').attributes, histogram: b.histograms.providerRequestDuration.attributes.get2('openai', 'gpt-4o') };
}

test('trace_based (the default) keeps the span on the counter and on the bucket the value fell into', () => {
  const { counter, histogram } = inSpan(sampled, () => recordCall(undefined, 42));
  assert.equal(exemplarsOf(counter)?.latest?.traceId, sampled.traceId);
  const slot = exemplarsOf(histogram)!;
  assert.equal(slot.latest?.value, 42);
  const index = slot.buckets!.findIndex((e) => e !== undefined);
  assert.equal(index, 12, 'the (30, 45] bucket of the provider buckets');
});

test('always_off keeps none, and outside a span nothing is kept', () => {
  const off = inSpan(sampled, () => recordCall('always_off', 42));
  assert.equal(exemplarsOf(off.counter), undefined);
  assert.equal(exemplarsOf(off.histogram), undefined);
  const none = recordCall('trace_based', 42);
  assert.equal(exemplarsOf(none.counter), undefined);
});
