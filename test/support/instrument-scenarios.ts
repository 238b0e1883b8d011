// Random instrument scenarios for the exposition property test: OpenTelemetry instruments of every
// kind with hostile names, units, descriptions, scopes, attributes and values, beside PromptKit
// events whose series and exact values are known.
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import fc from 'fast-check';
import type { PromptKitEvent } from '@promptkit/events';
import { catalog, metricDefinitions, type MetricDefinition } from '@promptkit/metrics';
import type { ParsedFamily } from './exposition-check.js';

export type InstrumentKind = 'counter' | 'updowncounter' | 'histogram' | 'gauge' | 'observableGauge' | 'observableCounter' | 'observableUpDownCounter';

export interface InstrumentSpec {
  /** Index into SCOPES. */
  scope: number;
  kind: InstrumentKind;
  name: string;
  unit: string;
  description: string;
  boundaries?: number[];
  records: { value: number; attributes: Attributes }[];
}

export interface Scenario {
  /** Exporter options: scope labels on every series, and a target_info family of the resource. */
  withScopeLabels: boolean;
  withTargetInfo: boolean;
  resource: Attributes;
  instruments: InstrumentSpec[];
  /** tool.call.completed events. */
  tools: { name: string; durationMs: number }[];
  /** provider.call.completed events, all for openai / gpt-4o. */
  calls: { inputTokens: number; outputTokens: number; durationMs: number }[];
}

/** Meters the instruments are made on (name, version); `expo` histograms are exponential. */
export const SCOPES: readonly (readonly [string, string | undefined])[] = [
  ['app', '1.0'],
  ['app', '2.0'],
  ['lib', undefined],
  ['', undefined],
  ['ünï "scope"\\\n', 'v"1\n'],
  ['expo', '0.1'],
];

const char = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.constantFrom('.', '_', '-', ' ', '/', ':', '1', 'a', 'Z', 'é', '日', '😀', '\n', '\r', '"', '\\', '{', '}', '\u0000', '\u2028') },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
);
const nasty = (maxLength: number) => fc.string({ unit: char, maxLength });

const WORDS = ['total', 'ratio', 'count', 'sum', 'bucket', 'foo', 'requests', 'seconds', 'bytes', 'per', 'second', 'le', '1', '2x', 'promptkit', 'tool', 'calls', 'info'];
const SEPARATORS = ['_', '.', '', '-', ' ', 'é', '日本', '😀', '\n', '__', ':'];
const COLLIDING_NAMES = [
  // PromptKit's own names, as instrument names another scope could pick.
  'promptkit_tool_calls',
  'promptkit_tool_calls_total',
  'promptkit_tool_call_duration_seconds',
  'promptkit_tool_call_duration_seconds_count',
  'promptkit_tool_call_duration_seconds_bucket',
  'promptkit_tool_call_duration',
  'promptkit_provider_tokens',
  'promptkit_provider_requests_total',
  'promptkit_pipelines_active',
  // Histogram sample names as other families' names.
  'foo',
  'foo_count',
  'foo.count',
  'foo_bucket',
  'foo_sum',
  'foo_total',
  'target_info',
  'http.server.request.duration',
];

const nameArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([s, w]) => s + w).join('')) },
  { weight: 3, arbitrary: fc.constantFrom(...COLLIDING_NAMES) },
  { weight: 2, arbitrary: nasty(12) },
);

const unitArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', '1', 's', 'ms', 'By', 'By/s', '{call}', '{req}/s', '/s', '1/s', '%', 'm/m', 'KiBy', 'Cel', '{a}/{b}', 'foo/bar', ' By ', 'µs', '°C', '{', 'per') },
  { weight: 1, arbitrary: nasty(6) },
);

const KEYS = ['le', 'quantile', 'otel.scope.name', 'otel_scope_name', 'otel_scope_version', '', '...', '__name__', 'a.b', 'a_b', 'a-b', 'tool', 'status', 'job', 'instance', '9lives', 'key_le', '_'];
const keyArbitrary = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: nasty(6) });

const numberArbitrary = fc.oneof(fc.double(), fc.integer({ min: -5, max: 1000 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 1e308, -1, 0.1));
const valueArbitrary: fc.Arbitrary<AttributeValue> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(nasty(10), fc.constantFrom('', 'a', '1', 'true')) },
  { weight: 2, arbitrary: numberArbitrary },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.array(nasty(4), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(numberArbitrary, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.boolean(), { maxLength: 2 }) },
);
// fast-check's dictionaries have no prototype; an application's attributes are plain objects.
const attributesArbitrary: fc.Arbitrary<Attributes> = fc.dictionary(keyArbitrary, valueArbitrary, { maxKeys: 4 }).map((d) => ({ ...d }));

const instrumentArbitrary: fc.Arbitrary<InstrumentSpec> = fc.record(
  {
    scope: fc.nat({ max: SCOPES.length - 1 }),
    kind: fc.constantFrom<InstrumentKind>('counter', 'updowncounter', 'histogram', 'gauge', 'observableGauge', 'observableCounter', 'observableUpDownCounter'),
    name: nameArbitrary,
    unit: unitArbitrary,
    description: fc.oneof(nasty(20), fc.constantFrom('', 'Total tool call count', 'line one\nline two \\ end')),
    boundaries: fc.array(fc.oneof(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 1, Infinity, -Infinity)), { maxLength: 6 }),
    records: fc.array(fc.record({ value: numberArbitrary, attributes: attributesArbitrary }), { maxLength: 5 }),
  },
  { requiredKeys: ['scope', 'kind', 'name', 'unit', 'description', 'records'] },
);

export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  withScopeLabels: fc.boolean(),
  withTargetInfo: fc.boolean(),
  resource: attributesArbitrary,
  instruments: fc.array(instrumentArbitrary, { minLength: 1, maxLength: 12 }),
  tools: fc.array(fc.record({ name: fc.constantFrom('probe', 'search'), durationMs: fc.integer({ min: 0, max: 100_000 }) }), { maxLength: 5 }),
  calls: fc.array(fc.record({ inputTokens: fc.integer({ min: 1, max: 10_000 }), outputTokens: fc.integer({ min: 1, max: 10_000 }), durationMs: fc.integer({ min: 0, max: 600_000 }) }), { maxLength: 3 }),
});

export function eventsOf(scenario: Scenario): PromptKitEvent[] {
  const at = Date.now();
  return [
    ...scenario.tools.map((t): PromptKitEvent => ({ type: 'tool.call.completed', timestamp: at, data: { toolName: t.name, durationMs: t.durationMs } })),
    ...scenario.calls.map((c): PromptKitEvent => ({ type: 'provider.call.completed', timestamp: at, data: { provider: 'openai', model: 'gpt-4o', ...c } })),
  ];
}

type Expected = [name: string, labels: Record<string, string>, value: number];

/** PromptKit's series the scenario's events produce, with their exact values. */
function expected(scenario: Scenario): Expected[] {
  const out: Expected[] = [];
  for (const tool of new Set(scenario.tools.map((t) => t.name))) {
    const runs = scenario.tools.filter((t) => t.name === tool);
    out.push([catalog.toolCalls.name, { tool, status: 'success' }, runs.length]);
    out.push([`${catalog.toolCallDuration.name}_count`, { tool }, runs.length]);
    out.push([`${catalog.toolCallDuration.name}_sum`, { tool }, runs.reduce((s, t) => s + t.durationMs / 1000, 0)]);
  }
  if (scenario.calls.length > 0) {
    const model = { provider: 'openai', model: 'gpt-4o' };
    const sum = (f: (c: Scenario['calls'][number]) => number) => scenario.calls.reduce((s, c) => s + f(c), 0);
    out.push([catalog.providerRequests.name, { ...model, status: 'success' }, scenario.calls.length]);
    out.push([catalog.providerTokens.name, { ...model, type: 'input' }, sum((c) => c.inputTokens)]);
    out.push([catalog.providerTokens.name, { ...model, type: 'output' }, sum((c) => c.outputTokens)]);
    out.push([`${catalog.providerRequestDuration.name}_count`, model, scenario.calls.length]);
    out.push([`${catalog.providerRequestDuration.name}_sum`, model, sum((c) => c.durationMs / 1000)]);
  }
  return out;
}

/** PromQL selectors of PromptKit's expected series, with their values. */
export function expectedPromptKitSeries(scenario: Scenario): [selector: string, value: number][] {
  return expected(scenario).map(([name, labels, value]) => [`${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`, value]);
}

const SCOPE_LABELS = ['otel_scope_name', 'otel_scope_version'];
const TYPE_OF: Record<MetricDefinition['kind'], string> = { counter: 'counter', updowncounter: 'gauge', histogram: 'histogram' };
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/**
 * PromptKit's families hold PromptKit's series only: the catalog's type, help and labels, exactly
 * the expected series with their values, and no family of tools or providers without events.
 */
export function promptKitProblems(families: readonly ParsedFamily[], scenario: Scenario): string[] {
  const problems: string[] = [];
  const want = expected(scenario);
  const recorded = new Set(want.map(([name]) => name.replace(/_(count|sum)$/, '')));
  for (const family of families) {
    const definition = metricDefinitions.find((d) => d.name === family.name);
    if (definition === undefined) continue;
    if (family.type !== TYPE_OF[definition.kind] || family.help !== definition.help) problems.push(`${family.name} is a ${family.type} "${family.help}", not PromptKit's`);
    for (const s of family.samples) {
      const foreign = s.labels.filter(([k]) => !definition.labels.includes(k) && !(k === 'le' && s.name.endsWith('_bucket')) && !(scenario.withScopeLabels && SCOPE_LABELS.includes(k)));
      if (foreign.length > 0) problems.push(`${s.name} has labels ${foreign.map(([k]) => k).join(',')}, not PromptKit's`);
    }
    const own = [catalog.toolCalls, catalog.toolCallDuration, catalog.providerRequests, catalog.providerTokens, catalog.providerRequestDuration].some((d) => d.name === family.name);
    if (own && !recorded.has(family.name)) problems.push(`${family.name} is served although PromptKit recorded nothing into it`);
    if (own && family.type !== 'histogram') {
      const expectedHere = want.filter(([name]) => name === family.name).length;
      if (family.samples.length !== expectedHere) problems.push(`${family.name} has ${family.samples.length} series, PromptKit recorded ${expectedHere}`);
    }
  }
  for (const [name, labels, value] of want) {
    const family = families.find((f) => f.name === name || (f.type === 'histogram' && name.startsWith(f.name) && /^_(count|sum)$/.test(name.slice(f.name.length))));
    const sample = family?.samples.find((s) => {
      const own = s.labels.filter(([k]) => !(scenario.withScopeLabels && SCOPE_LABELS.includes(k)));
      return s.name === name && own.length === Object.keys(labels).length && own.every(([k, v]) => labels[k] === v);
    });
    if (sample === undefined) problems.push(`${name}${JSON.stringify(labels)} is missing`);
    else if (!close(sample.value, value)) problems.push(`${name}${JSON.stringify(labels)} is ${sample.value}, recorded ${value}`);
  }
  return problems;
}
