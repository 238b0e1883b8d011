import { InstrumentType, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { METER_NAME, METER_VERSION, metricDefinitions, type MetricDefinition } from '@promptkit/metrics';

/** OpenTelemetry's instrument-name patterns: `*` any run of characters, `?` one character. */
function matchesPattern(pattern: string, name: string): boolean {
  const source = pattern.replace(/[\\^$.+()|[\]{}]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

const TYPES = { counter: InstrumentType.COUNTER, updowncounter: InstrumentType.UP_DOWN_COUNTER, histogram: InstrumentType.HISTOGRAM } as const;

/** Whether `view` selects PromptKit's instrument `definition`, by OpenTelemetry's selection rules. */
export function selects(view: ViewOptions, definition: MetricDefinition): boolean {
  const type = TYPES[definition.kind];
  return (
    (view.instrumentName === undefined || matchesPattern(view.instrumentName, definition.name)) &&
    (view.instrumentType === undefined || view.instrumentType === type) &&
    (view.instrumentUnit === undefined || view.instrumentUnit === definition.unit) &&
    (view.meterName === undefined || view.meterName === METER_NAME) &&
    (view.meterVersion === undefined || view.meterVersion === METER_VERSION) &&
    (view.meterSchemaUrl === undefined || view.meterSchemaUrl === '')
  );
}

/**
 * The PromptKit counters that one of `views` selects, by OpenTelemetry's selection rules. Such a
 * View must apply to them as to any counter, which only OpenTelemetry's own instruments can promise.
 */
export function countersSelectedBy(views: readonly ViewOptions[]): string[] {
  const names: string[] = [];
  for (const definition of metricDefinitions) {
    if (definition.kind === 'histogram') continue;
    if (views.some((view) => selects(view, definition))) names.push(definition.name);
  }
  return names;
}
