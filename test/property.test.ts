// Property-based: arbitrary events (valid and invalid) through EventBus → MetricsListener →
// PrometheusExporter, and arbitrary arguments to the record* functions and counter handles, never
// throw, and always leave an exposition that promtool accepts, that is valid UTF-8 on the wire, and
// whose drop reasons, label values and histogram series stay within their contracts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { EVENT_TYPES, EventBus, type PromptKitEvent } from '@promptkit/events';
import {
  catalog,
  createPromptKitMetrics,
  DROP_REASONS,
  FINISH_REASONS,
  MAX_LABEL_LENGTH,
  PROVIDER_ERROR_TYPES,
  STATUS,
  TOKEN_TYPES,
  VALIDATION_STATUS,
  metricDefinitions,
  recordPipelineEnd,
  recordPipelineStart,
  recordProviderCost,
  recordProviderRequest,
  recordProviderTokens,
  recordStageDuration,
  recordStageElement,
  recordToolCall,
  recordValidation,
} from '@promptkit/metrics';
import { MetricsListener, PrometheusExporter, promptkitViews } from '@promptkit/prometheus';
import { requireBackend } from './support/backends.js';
import { checkMetrics } from './support/promtool.js';

// ---- arbitraries ----

/** Characters that break naive exposition writers, plus lone surrogates and emoji. */
const nastyChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffd', '{', '}', '=', ',', '#', ' ', '😀', '👩‍👩‍👧', 'é', 'e\u0301') },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
);

const nastyString = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: nastyChar, maxLength: 24 }) },
  { weight: 3, arbitrary: fc.constantFrom('gpt-4o', 'claude-3', 'openai', 'anthropic', 'web_search', 'schema', 'output', 'retrieve', 'llm', '', ' ', '_other', 'unknown') },
  // Very long values, with a surrogate pair or a lone surrogate right at the truncation point.
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: MAX_LABEL_LENGTH - 3, max: 5_000 }), fc.constantFrom('a', '😀', '\ud83d', '\\', '"', '\n')).map(([n, tail]) => 'x'.repeat(n) + tail + 'y'.repeat(n % 7)) },
);

const nastyNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, -0, 0, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, 2 ** 64, -1e-300),
  fc.double(),
  fc.integer(),
);

/** Anything at all: a wrong type where a string or number belongs. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  nastyNumber,
  nastyString,
  fc.bigInt(),
  fc.constant(Symbol('s')),
  fc.constant(() => 'fn'),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
  fc.date(),
  fc.constant({ toString: () => 'object with toString', valueOf: () => 42 }),
);

const goodAmount = fc.oneof(fc.nat({ max: 100_000 }), fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }));

/** Mostly good, sometimes a nasty or wrong-typed value. */
const labelField = fc.oneof({ weight: 3, arbitrary: nastyString }, { weight: 1, arbitrary: anything });
const amountField = fc.oneof({ weight: 3, arbitrary: goodAmount }, { weight: 2, arbitrary: nastyNumber }, { weight: 1, arbitrary: anything });

type FieldKind = 'label' | 'amount' | 'text' | 'list';
const FIELDS: Record<string, Record<string, FieldKind>> = {
  'pipeline.started': {},
  'pipeline.completed': { durationMs: 'amount', totalCost: 'amount', inputTokens: 'amount', outputTokens: 'amount' },
  'pipeline.failed': { durationMs: 'amount', error: 'text' },
  'stage.started': { name: 'label', stageType: 'label', index: 'amount' },
  'stage.completed': { name: 'label', stageType: 'label', durationMs: 'amount', index: 'amount' },
  'stage.failed': { name: 'label', stageType: 'label', durationMs: 'amount', error: 'text', index: 'amount' },
  'provider.call.started': { provider: 'label', model: 'label' },
  'provider.call.completed': {
    provider: 'label',
    model: 'label',
    durationMs: 'amount',
    inputTokens: 'amount',
    outputTokens: 'amount',
    cachedTokens: 'amount',
    cost: 'amount',
    finishReason: 'text',
    timeToFirstTokenMs: 'amount',
  },
  'provider.call.failed': { provider: 'label', model: 'label', durationMs: 'amount', error: 'text' },
  'tool.call.started': { toolName: 'label', callId: 'text' },
  'tool.call.completed': { toolName: 'label', durationMs: 'amount', callId: 'text' },
  'tool.call.failed': { toolName: 'label', durationMs: 'amount', error: 'text', callId: 'text' },
  'validation.started': { validatorName: 'label', validatorType: 'label' },
  'validation.passed': { validatorName: 'label', validatorType: 'label', durationMs: 'amount' },
  'validation.failed': { validatorName: 'label', validatorType: 'label', durationMs: 'amount', violations: 'list' },
};
assert.deepEqual(Object.keys(FIELDS).sort(), [...EVENT_TYPES].sort(), 'the property test must know every event type');

const fieldArbitrary = (kind: FieldKind): fc.Arbitrary<unknown> => {
  switch (kind) {
    case 'label':
      return labelField;
    case 'amount':
      return amountField;
    case 'text':
      return fc.oneof(nastyString, anything);
    case 'list':
      return fc.oneof(fc.array(nastyString, { maxLength: 3 }), anything);
  }
};

/** The data of a known type: every field present, missing (requiredKeys: []) or wrong. */
const dataFor = (type: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.record(Object.fromEntries(Object.entries(FIELDS[type]!).map(([k, kind]) => [k, fieldArbitrary(kind)])), { requiredKeys: [] }) },
    { weight: 1, arbitrary: anything },
  );

const eventArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  // A known type with mostly well-formed data.
  { weight: 12, arbitrary: fc.constantFrom(...EVENT_TYPES).chain((type) => fc.record({
    type: fc.constant(type),
    timestamp: fc.oneof(fc.constant(Date.now()), nastyNumber, anything),
    runId: fc.oneof(nastyString, anything),
    sessionId: nastyString,
    conversationId: nastyString,
    data: dataFor(type),
  }, { requiredKeys: ['type', 'data'] })) },
  // An unknown or wrong-typed `type`, with some data.
  { weight: 2, arbitrary: fc.record({ type: fc.oneof(nastyString, anything), timestamp: nastyNumber, data: fc.oneof(fc.constant({}), anything) }, { requiredKeys: [] }) },
  // Not an event at all.
  { weight: 1, arbitrary: anything },
);

// ---- checks on one exposition ----

/** Closed label sets by family and label: the exposition never holds another value. */
const CLOSED_LABELS: Record<string, readonly string[]> = {
  [`${catalog.droppedRecords.name} reason`]: DROP_REASONS,
  [`${catalog.providerFinishReasons.name} reason`]: FINISH_REASONS,
  [`${catalog.providerErrors.name} error_type`]: PROVIDER_ERROR_TYPES,
  [`${catalog.providerTokens.name} type`]: TOKEN_TYPES,
};
 
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A sample value as the text format writes it (`+Inf`, `-Inf`, `NaN` included). */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses sample lines, unescaping label values as Prometheus does. */
function parseSamples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    const name = brace < 0 ? line.slice(0, space) : line.slice(0, brace);
    const labels: Record<string, string> = {};
    if (brace >= 0) {
      const body = line.slice(brace + 1, line.lastIndexOf('}'));
      for (const m of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
        labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      }
    }
    out.push({ name, labels, value: sampleValue(line.slice(space + 1)) });
  }
  return out;
}

/** Every contract an exposition must keep whatever was fed in; returns problems (empty: fine). */
function checkExposition(text: string): string[] {
  const problems: string[] = [];
  const histograms = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of parseSamples(text)) {
    const family = s.name.replace(/_(bucket|count|sum)$/, '');
    const definition = metricDefinitions.find((d) => d.name === s.name || (d.kind === 'histogram' && d.name === family));
    if (!definition) {
      if (s.name.startsWith('promptkit_')) problems.push(`unknown family ${s.name}`);
      continue;
    }
    for (const [label, value] of Object.entries(s.labels)) {
      if (label === 'le') continue;
      if (!definition.labels.includes(label)) problems.push(`${s.name} has label ${label}, not in the catalog`);
      if (CONTROL.test(value)) problems.push(`${s.name}{${label}} holds a control character: ${JSON.stringify(value)}`);
      if ([...value].length > MAX_LABEL_LENGTH && value.length > MAX_LABEL_LENGTH) problems.push(`${s.name}{${label}} is ${value.length} long`);
      const closed = label === 'status' ? (definition.name === catalog.validations.name ? VALIDATION_STATUS : STATUS) : CLOSED_LABELS[`${definition.name} ${label}`];
      if (closed && !closed.includes(value)) problems.push(`${s.name}{${label}="${value}"} is outside ${closed.join('|')}`);
    }
    if (definition.kind === 'counter' && !(s.value >= 0)) problems.push(`counter ${s.name} = ${s.value}`);
    if (definition.kind === 'histogram') {
      const key = `${definition.name}${JSON.stringify(Object.entries(s.labels).filter(([k]) => k !== 'le').sort())}`;
      const h = histograms.get(key) ?? { buckets: [] };
      histograms.set(key, h);
      if (s.name.endsWith('_bucket')) h.buckets.push([s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), s.value]);
      else if (s.name.endsWith('_count')) h.count = s.value;
      else if (s.name.endsWith('_sum')) h.sum = s.value;
    }
  }
  for (const [key, h] of histograms) {
    const sorted = [...h.buckets].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]![1] < sorted[i - 1]![1]) problems.push(`${key}: buckets not cumulative`);
    const inf = sorted.at(-1);
    if (!inf || inf[0] !== Infinity || inf[1] !== h.count) problems.push(`${key}: +Inf bucket ${inf?.[1]} != _count ${h.count}`);
    if (!(h.sum! >= 0)) problems.push(`${key}: _sum ${h.sum}`);
  }
  return problems;
}

/** Scrapes over HTTP and decodes the bytes strictly as UTF-8 (throws on any invalid sequence). */
async function scrapeUtf8(exporter: PrometheusExporter): Promise<string> {
  // identity: the bytes counted are the bytes sent (fetch would decompress a gzipped body).
  const res = await fetch(exporter.url, { headers: { 'accept-encoding': 'identity' }, signal: AbortSignal.timeout(10_000) });
  assert.equal(res.status, 200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal(Number(res.headers.get('content-length')), bytes.length, 'Content-Length must count bytes');
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** The cheap checks first (fast shrinking), then promtool. */
function verify(promtool: string, text: string, fed: number): void {
  assert.ok(text === '' || text.endsWith('\n'), 'the exposition ends with a newline');
  for (const s of parseSamples(text)) {
    if (s.name === catalog.droppedRecords.name) assert.ok((DROP_REASONS as readonly string[]).includes(s.labels.reason!), `drop reason ${s.labels.reason}`);
  }
  assert.deepEqual(checkExposition(text), []);
  const promtoolResult = checkMetrics(promtool, text);
  assert.equal(promtoolResult.status, 0, `promtool check metrics rejected the exposition after ${fed} inputs:\n${promtoolResult.output}`);
}

// Runs stay a few seconds; the limit only cuts a long shrink after a failure (the failure is still
// reported, with the smallest counterexample found so far).
const FC_LIMITS = { interruptAfterTimeLimit: 30_000, markInterruptAsFailure: false } as const;

const RUNS = 30;
const EVENTS_PER_RUN = 200;

test('property: arbitrary events never throw, and the exposition stays valid (promtool, UTF-8, bounded reasons)', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(eventArbitrary, { minLength: EVENTS_PER_RUN, maxLength: EVENTS_PER_RUN }), async (events) => {
      runs++;
      const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
      const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
      exporter.bindMeterProvider(meterProvider);
      await exporter.start();
      try {
        const bus = new EventBus();
        bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
        for (const event of events) bus.publish(event as PromptKitEvent);
        // The metrics listener itself never threw: the bus saw no listener error.
        assert.deepEqual(bus.stats(), { published: events.length, listenerErrors: 0 });
        const text = await scrapeUtf8(exporter);
        verify(promtool, text, events.length);
        // render() gives the same text as the scrape (nothing was recorded in between).
        assert.equal(await exporter.render(), text);
      } finally {
        await exporter.shutdown();
        await meterProvider.shutdown();
      }
    }),
    { numRuns: RUNS, ...FC_LIMITS },
  );
  assert.ok(runs >= RUNS);
});

test('property: one long-lived pipeline fed every batch stays valid across scrapes (caps reached, _other present)', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  await exporter.start();
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
  let fed = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArbitrary, { minLength: 500, maxLength: 500 }), async (events) => {
        for (const event of events) bus.publish(event as PromptKitEvent);
        fed += events.length;
        verify(promtool, await scrapeUtf8(exporter), fed);
      }),
      // The pipeline's state carries over between runs, so shrinking would not replay a failure.
      { numRuns: 10, endOnFailure: true },
    );
    assert.equal(bus.stats().listenerErrors, 0);
  } finally {
    await exporter.shutdown();
    await meterProvider.shutdown();
  }
});

test('property: arbitrary arguments to the record* functions and counter handles never throw; exposition valid', async (t) => {
  const promtool = requireBackend(t, 'promtool');
  if (!promtool) return;
  // The record* functions record into the global MeterProvider (this file runs in its own process).
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  assert.ok(metrics.setGlobalMeterProvider(meterProvider), 'no other global MeterProvider in this process');
  await exporter.start();
  const handles = createPromptKitMetrics({ meterProvider });
  const arg = fc.oneof({ weight: 2, arbitrary: nastyString }, { weight: 2, arbitrary: nastyNumber }, { weight: 1, arbitrary: anything });
  const status = fc.oneof(fc.constantFrom('success', 'error', 'passed', 'failed'), arg);
  type Call = [string, unknown[]];
  const call = fc.oneof(
    fc.tuple(fc.constant('pipelineStart'), fc.constant([] as unknown[])),
    fc.tuple(fc.constant('pipelineEnd'), fc.tuple(status, amountField)),
    fc.tuple(fc.constant('stageDuration'), fc.tuple(labelField, labelField, amountField)),
    fc.tuple(fc.constant('stageElement'), fc.tuple(labelField, status)),
    fc.tuple(fc.constant('providerRequest'), fc.tuple(labelField, labelField, status, amountField)),
    fc.tuple(fc.constant('providerTokens'), fc.tuple(labelField, labelField, amountField, amountField, amountField)),
    fc.tuple(fc.constant('providerCost'), fc.tuple(labelField, labelField, amountField)),
    fc.tuple(fc.constant('toolCall'), fc.tuple(labelField, status, amountField)),
    fc.tuple(fc.constant('validation'), fc.tuple(labelField, labelField, status, amountField)),
    fc.tuple(fc.constantFrom('stageElements', 'providerRequests', 'providerTokens', 'providerCost', 'toolCalls', 'validations'), fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.record({ stage: labelField, status, provider: labelField, model: labelField, type: fc.oneof(fc.constantFrom('input', 'output', 'cached'), arg), tool: labelField, validator: labelField, validator_type: labelField }, { requiredKeys: [] }) },
        { weight: 1, arbitrary: anything },
      ),
      amountField,
      fc.boolean(),
    )),
  ) as fc.Arbitrary<Call>;
  const fns: Record<string, (...args: never[]) => void> = {
    pipelineStart: recordPipelineStart,
    pipelineEnd: recordPipelineEnd,
    stageDuration: recordStageDuration,
    stageElement: recordStageElement,
    providerRequest: recordProviderRequest,
    providerTokens: recordProviderTokens,
    providerCost: recordProviderCost,
    toolCall: recordToolCall,
    validation: recordValidation,
  };
  let fed = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 200, maxLength: 200 }), async (calls) => {
        for (const [name, args] of calls) {
          const fn = fns[name];
          if (fn) {
            assert.doesNotThrow(() => (fn as (...a: unknown[]) => void)(...args), `record ${name}`);
          } else {
            const [labels, amount, bound] = args as [never, number, boolean];
            const handle = handles[name as keyof typeof handles];
            assert.doesNotThrow(() => (bound ? handle.bind(labels).inc(amount) : handle.add(amount, labels)), `handle ${name}`);
          }
        }
        fed += calls.length;
        verify(promtool, await scrapeUtf8(exporter), fed);
      }),
      { numRuns: 20, ...FC_LIMITS },
    );
  } finally {
    metrics.disable();
    await exporter.shutdown();
    await meterProvider.shutdown();
  }
});

test('values that cannot be turned into a string (null-prototype objects, throwing toString/getters, proxies) never make publish() throw', () => {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  const boom = () => {
    throw new Error('hostile getter');
  };
  const nullProto = () => Object.create(null) as object;
  const cases: [string, unknown][] = [
    // fast-check's records and dictionaries produce null-prototype objects: String() throws on them.
    ['type is a null-prototype object', { type: nullProto(), data: {} }],
    ['type is a null-prototype object, data null', { type: nullProto(), data: null }],
    ['type has a throwing toString', { type: { toString: boom }, data: {} }],
    ['data getter throws', Object.defineProperty({ type: 'tool.call.completed' }, 'data', { get: boom })],
    ['a data field getter throws', { type: 'tool.call.completed', data: Object.defineProperty({ durationMs: 1 }, 'toolName', { get: boom }) }],
    ['cost getter throws', { type: 'provider.call.completed', data: { provider: 'p', model: 'm', durationMs: 1, inputTokens: 1, outputTokens: 1, get cost(): number { throw new Error('x'); } } }],
    ['label with throwing toString, duration with throwing valueOf', { type: 'tool.call.completed', data: { toolName: { toString: boom }, durationMs: { valueOf: boom } } }],
    ['type getter throws', Object.defineProperty({ data: {} }, 'type', { get: boom })],
    ['a Proxy whose every trap throws', new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom })],
    ['frozen event', Object.freeze({ type: 'stage.completed', timestamp: 0, data: Object.freeze({ name: 's', stageType: 't', durationMs: 1 }) })],
  ];
  const failures: string[] = [];
  for (const [what, event] of cases) {
    const bus = new EventBus();
    bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
    try {
      bus.publish(event as PromptKitEvent);
    } catch (error) {
      failures.push(`${what}: publish threw ${String((error as Error).stack).split('\n').slice(0, 3).join(' ')}`);
      continue;
    }
    if (bus.stats().listenerErrors !== 0) failures.push(`${what}: the MetricsListener threw (the bus caught it)`);
  }
  // A listener may throw anything, also a value String() cannot convert: the bus reports it safely.
  const strangeThrows: [string, unknown][] = [['a null-prototype object', nullProto()], ['an object with a throwing toString', { toString: boom }], ['a Symbol', Symbol('s')]];
  for (const [what, thrown] of strangeThrows) {
    const bus = new EventBus();
    bus.subscribeAll(() => {
      throw thrown;
    });
    try {
      bus.publish({ type: 'pipeline.started', timestamp: 0, data: {} });
      assert.equal(bus.stats().listenerErrors, 1);
    } catch (error) {
      failures.push(`a listener threw ${what}: publish threw ${String((error as Error).stack).split('\n').slice(0, 3).join(' ')}`);
    }
  }
  void meterProvider.shutdown();
  assert.deepEqual(failures, []);
});

test('huge but finite amounts never turn a counter or a histogram sum into +Inf for good', async () => {
  const exporter = new PrometheusExporter({ host: '127.0.0.1', port: 0, ownMeterProvider: false });
  const meterProvider = new MeterProvider({ readers: [exporter.reader], views: promptkitViews() });
  exporter.bindMeterProvider(meterProvider);
  const bus = new EventBus();
  bus.subscribeAll(new MetricsListener({ meterProvider }).listener());
  // Each value is finite and non-negative, so it passes a finite/non-negative check; two of them
  // add up to Infinity, and a cumulative counter at +Inf stays there (every rate() becomes NaN).
  for (let i = 0; i < 2; i++) {
    bus.publish({
      type: 'provider.call.completed',
      timestamp: Date.now(),
      data: { provider: 'p', model: 'm', durationMs: Number.MAX_VALUE, inputTokens: 1e308, outputTokens: Number.MAX_VALUE, cost: 1e308 },
    });
    bus.publish({ type: 'tool.call.completed', timestamp: Date.now(), data: { toolName: 't', durationMs: Number.MAX_VALUE } });
  }
  bus.publish({ type: 'provider.call.completed', timestamp: Date.now(), data: { provider: 'p', model: 'm', durationMs: 10, inputTokens: 5, outputTokens: 5, cost: 0.01 } });
  const text = await exporter.render();
  await meterProvider.shutdown();
  const infinite = parseSamples(text).filter((s) => !Number.isFinite(s.value) && s.labels.le !== '+Inf');
  assert.deepEqual(
    infinite.map((s) => `${s.name}${JSON.stringify(s.labels)} ${s.value}`),
    [],
    'amounts whose sum overflows must be dropped (counted as invalid_tokens/invalid_cost/invalid_duration), not saturate the series',
  );
});
