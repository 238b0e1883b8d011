import { diag, type MeterProvider } from '@opentelemetry/api';
import { catalog, METER_NAME, METER_VERSION, type MetricDefinition } from './catalog.js';
import { CounterFamily } from './series/counter-family.js';
import { HistogramFamily } from './series/histogram-family.js';
import { LabelLimiter, type LabelLimits, type LimitedLabel } from './series/label-limiter.js';

type Catalog = typeof catalog;
export type CounterKey = { [K in keyof Catalog]: Catalog[K]['kind'] extends 'histogram' ? never : K }[keyof Catalog];
export type HistogramKey = { [K in keyof Catalog]: Catalog[K]['kind'] extends 'histogram' ? K : never }[keyof Catalog];

/**
 * How PromptKit's counters reach a MeterProvider's readers. `producer`: the provider was set up by
 * PromptKit, and a producer on each of its readers reads the counter cells at collection.
 * `instruments`: any other provider; each addition is mirrored to an OpenTelemetry counter.
 */
export type CounterExport = 'producer' | 'instruments';

/** Everything PromptKit records into on one MeterProvider: shared by every recorder on it. */
export interface Binding {
  readonly counterExport: CounterExport;
  readonly counters: { readonly [K in CounterKey]: CounterFamily };
  /** The counter families in catalog order, for collection. */
  readonly families: readonly CounterFamily[];
  readonly histograms: { readonly [K in HistogramKey]: HistogramFamily };
  readonly limiter: LabelLimiter;
  /** The limits the binding was made with, as given. */
  readonly limits: LabelLimits | undefined;
}

/** The counter families of a MeterProvider PromptKit set up, for its readers' producers. */
export interface CounterSource {
  readonly families: readonly CounterFamily[];
}

const bindings = new WeakMap<MeterProvider, Binding>();

function create(provider: MeterProvider, limits: LabelLimits | undefined, counterExport: CounterExport): Binding {
  const meter = provider.getMeter(METER_NAME, METER_VERSION);
  const counters: Record<string, CounterFamily> = {};
  const histograms: Record<string, HistogramFamily> = {};
  for (const [key, definition] of Object.entries(catalog) as [keyof Catalog, MetricDefinition][]) {
    if (definition.kind === 'histogram') histograms[key] = new HistogramFamily(definition, meter);
    else counters[key] = new CounterFamily(definition, counterExport === 'instruments' ? meter : undefined);
  }
  const overflow = counters.labelOverflow!;
  const limiter = new LabelLimiter(limits, (label) => overflow.index.get1(label).add(1));
  return { counterExport, counters, families: Object.values(counters), histograms, limiter, limits } as unknown as Binding;
}

/**
 * The binding for a MeterProvider, made on first use (counters mirrored to instruments unless the
 * provider was adopted first). Label limits apply when the binding is made; other limits given
 * later are ignored, with one warning.
 */
export function bindingFor(provider: MeterProvider, limits?: LabelLimits): Binding {
  let binding = bindings.get(provider);
  if (binding === undefined) {
    binding = create(provider, limits, 'instruments');
    bindings.set(provider, binding);
  } else if (limits !== undefined && binding.limits !== limits) {
    warnLimitsIgnored(binding, limits);
  }
  return binding;
}

const warnedLimits = new WeakSet<Binding>();

/** Limits given after PromptKit began recording into a provider cannot apply: say so, once. */
function warnLimitsIgnored(binding: Binding, limits: LabelLimits): void {
  const differs = Object.entries(limits).some(([label, cap]) => binding.limiter.cap(label as LimitedLabel) !== cap);
  if (!differs || warnedLimits.has(binding)) return;
  warnedLimits.add(binding);
  diag.warn(
    'promptkit: labelLimits were given after PromptKit began recording into this MeterProvider and are ignored; ' +
      'pass them where the provider is set up (startMetrics({ labelLimits }) or new PrometheusExporter({ labelLimits }))',
  );
}

/**
 * For a MeterProvider PromptKit has just built, before anything can record into it: its counters
 * are read by a producer on each reader instead of being mirrored to instruments. Returns the
 * counter source (the same on every call), or undefined when the provider was already bound
 * another way.
 */
export function adoptMeterProvider(provider: MeterProvider, limits?: LabelLimits): CounterSource | undefined {
  let binding = bindings.get(provider);
  if (binding === undefined) {
    binding = create(provider, limits, 'producer');
    bindings.set(provider, binding);
  }
  return binding.counterExport === 'producer' ? binding : undefined;
}
