import type { MeterProvider as MeterProviderApi } from '@opentelemetry/api';
import type { MeterProvider, MetricProducer, MetricReader, ViewOptions } from '@opentelemetry/sdk-metrics';
import { reportProblem } from '@promptkit/events/adapter';
import { METER_NAME, metricDefinitions, type LabelLimits, type MetricDefinition } from '@promptkit/metrics';
import { adoptMeterProvider, bindingFor, type CounterExport } from '@promptkit/metrics/internal';
import { TrackedMeterProvider } from './callback-tracking.js';
import { CounterProducer } from './counter-producer.js';
import { countersSelectedBy, selects } from './view-selection.js';
import { promptkitViews, type HistogramOptions } from './views.js';

type Resource = NonNullable<ConstructorParameters<typeof TrackedMeterProvider>[0]>['resource'];

// Each reader PromptKit builds has a producer slot for PromptKit's counters, filled when PromptKit
// builds the MeterProvider around it.
const producers = new WeakMap<MetricReader, CounterProducer>();

/**
 * Builds a reader with a producer slot for PromptKit's counters: `create` receives the producers to
 * pass as the reader's `metricProducers`. A reader made this way serves PromptKit's counters on any
 * provider `buildMeterProvider()` makes with it (and through instruments on any other provider).
 */
export function withCounterProducer<R extends MetricReader>(create: (metricProducers: MetricProducer[]) => R): R {
  const producer = new CounterProducer();
  const reader = create([producer]);
  producers.set(reader, producer);
  return reader;
}

export interface MeterProviderSetup extends HistogramOptions {
  /** Readers made with `withCounterProducer()`; any other reader makes PromptKit use instruments. */
  readers: MetricReader[];
  resource?: Resource;
  /** The application's Views, applied after PromptKit's own. */
  views?: ViewOptions[];
  labelLimits?: LabelLimits;
}

function definitionOf(view: ViewOptions): MetricDefinition | undefined {
  return view.meterName === METER_NAME ? metricDefinitions.find((d) => d.name === view.instrumentName) : undefined;
}

/**
 * The one place PromptKit builds a MeterProvider (for `startMetrics()` and a standalone
 * `PrometheusExporter`). PromptKit's views come first; then, before anything can record into the
 * provider, PromptKit's counters are adopted: each reader's producer reads their cells with that
 * reader's own temporality. Where that cannot be exactly what OpenTelemetry would do (a View of the
 * application selects a PromptKit counter, or a reader has no producer slot), the counters are
 * mirrored to OpenTelemetry instruments instead, and `diag` says so once.
 */
export function buildMeterProvider(setup: MeterProviderSetup): MeterProvider {
  const userViews = setup.views ?? [];
  const provider = new TrackedMeterProvider({
    ...(setup.resource !== undefined ? { resource: setup.resource } : {}),
    readers: setup.readers,
    // A View of the application's replaces PromptKit's own View of the same instrument.
    views: [...promptkitViews(setup).filter((own) => !userViews.some((view) => definitionOf(own) !== undefined && selects(view, definitionOf(own)!))), ...userViews],
  });
  const selected = countersSelectedBy(userViews);
  const missing = setup.readers.filter((reader) => !producers.has(reader)).length;
  if (selected.length > 0 || missing > 0) {
    const why =
      selected.length > 0
        ? `a View selects ${selected.slice(0, 3).join(', ')}${selected.length > 3 ? '…' : ''}`
        : `${missing} reader(s) were not made by PromptKit`;
    reportProblem(
      'counters through instruments',
      `${why}: PromptKit's counters are recorded through OpenTelemetry instruments on this MeterProvider, so that it applies exactly; scrapes cost more`,
    );
    bindingFor(provider, setup.labelLimits);
    return provider;
  }
  const source = adoptMeterProvider(provider, setup.labelLimits);
  if (source !== undefined) for (const reader of setup.readers) producers.get(reader)!.attach(source, reader);
  return provider;
}

/**
 * PromptKit on a MeterProvider the application built (NodeSDK's, or one of its own): the listener,
 * the helpers and the `record*` functions record into it, and its readers and Views apply to
 * PromptKit's instruments as to any others. Label limits apply if nothing recorded into it yet.
 */
export function attachMeterProvider(provider: MeterProviderApi, labelLimits?: LabelLimits): CounterExport {
  return bindingFor(provider, labelLimits).counterExport;
}
