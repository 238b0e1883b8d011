import { diag, type Attributes, type Histogram, type Meter, type MeterProvider } from '@opentelemetry/api';
import { catalog, METER_NAME, METER_VERSION, type LabelLimits, type LimitedLabel, type MetricDefinition } from './catalog.js';
import { CounterFamily } from './family.js';
import { LabelLimiter } from './limiter.js';
import { SeriesIndex } from './series-index.js';

type Catalog = typeof catalog;
export type CounterKey = { [K in keyof Catalog]: Catalog[K]['kind'] extends 'histogram' ? never : K }[keyof Catalog];
export type HistogramKey = { [K in keyof Catalog]: Catalog[K]['kind'] extends 'histogram' ? K : never }[keyof Catalog];

/** A histogram with its attribute objects made once per label set. */
export interface HistogramFamily {
  readonly instrument: Histogram;
  readonly attributes: SeriesIndex<Attributes>;
}

/** Everything PromptKit records into on one MeterProvider: shared by every recorder on it. */
export interface Binding {
  readonly counters: { readonly [K in CounterKey]: CounterFamily };
  /** Set when the provider's readers read the counter cells directly (see adoptMeterProvider). */
  readonly source: CounterSource | undefined;
  readonly histograms: { readonly [K in HistogramKey]: HistogramFamily };
  readonly limiter: LabelLimiter;
  /** The limits the binding was made with, as given. */
  readonly limits: LabelLimits | undefined;
}

/** The counter families of a MeterProvider whose readers read them directly. */
export interface CounterSource {
  readonly families: readonly CounterFamily[];
}

const bindings = new WeakMap<MeterProvider, Binding>();

function histogram(meter: Meter, definition: MetricDefinition): HistogramFamily {
  const labels = definition.labels;
  return {
    // Advice carries the buckets to any MeterProvider, even one without PromptKit's views.
    instrument: meter.createHistogram(definition.name, {
      description: definition.help,
      unit: definition.unit,
      advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] },
    }),
    attributes: new SeriesIndex<Attributes>(labels.length, (values) => {
      const attributes: Attributes = {};
      for (let i = 0; i < labels.length; i++) attributes[labels[i]!] = values[i];
      return attributes;
    }),
  };
}

function create(provider: MeterProvider, limits: LabelLimits | undefined, observe: boolean): Binding {
  const meter = provider.getMeter(METER_NAME, METER_VERSION);
  const counters: Record<string, CounterFamily> = {};
  const histograms: Record<string, HistogramFamily> = {};
  for (const [key, definition] of Object.entries(catalog) as [keyof Catalog, MetricDefinition][]) {
    if (definition.kind === 'histogram') histograms[key] = histogram(meter, definition);
    else counters[key] = new CounterFamily(definition, observe ? meter : undefined);
  }
  const overflow = counters.labelOverflow!;
  const limiter = new LabelLimiter(limits, (label) => overflow.index.get1(label).value++);
  const source = observe ? undefined : { families: Object.values(counters) };
  return { counters, histograms, limiter, source, limits } as unknown as Binding;
}

/**
 * The binding for a MeterProvider, made on first use. Label limits apply when the binding is made;
 * later calls with other limits keep the first ones (and say so by returning false from `configured`).
 */
export function bindingFor(provider: MeterProvider, limits?: LabelLimits): Binding {
  let binding = bindings.get(provider);
  if (binding === undefined) {
    binding = create(provider, limits, true);
    bindings.set(provider, binding);
  } else if (limits !== undefined && binding.limits !== limits) {
    warnLimitsIgnored(binding, limits);
  }
  return binding;
}

/** Limits given after PromptKit began recording into a provider cannot apply: say so, once. */
function warnLimitsIgnored(binding: Binding, limits: LabelLimits): void {
  const differs = Object.entries(limits).some(([label, cap]) => binding.limiter.cap(label as LimitedLabel) !== cap);
  if (!differs || warnedLimits.has(binding)) return;
  warnedLimits.add(binding);
  diag.warn(
    'promptkit: labelLimits were given after PromptKit began recording into this MeterProvider and are ignored; ' +
      'pass them where the provider is set up (startMetrics({ labelLimits }), exporter.bindMeterProvider(provider, limits) ' +
      'or configureLabelLimits) before the first record',
  );
}

const warnedLimits = new WeakSet<Binding>();

/**
 * For a MeterProvider whose readers PromptKit builds: its counters get no observable instruments;
 * the readers' metric producer reads the cells instead (exact, and far cheaper per collection).
 * Must come before anything records into the provider. Returns the counter source, the same one on
 * every call; undefined when PromptKit already records into the provider through instruments.
 */
export function adoptMeterProvider(provider: MeterProvider, limits?: LabelLimits): CounterSource | undefined {
  let binding = bindings.get(provider);
  if (binding === undefined) {
    binding = create(provider, limits, false);
    bindings.set(provider, binding);
  }
  return binding.source;
}

/** Sets label caps for a MeterProvider before anything records into it. Returns false if too late. */
export function configureLabelLimits(provider: MeterProvider, limits: LabelLimits): boolean {
  if (bindings.has(provider)) return false;
  bindings.set(provider, create(provider, limits, true));
  return true;
}
