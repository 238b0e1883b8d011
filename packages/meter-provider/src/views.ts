import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { GEN_AI_METER_NAME, genAiMetricDefinitions, METER_NAME, metricDefinitions } from '@promptkit/metrics';

/** How PromptKit's histograms are aggregated. */
export interface HistogramOptions {
  /** `classic`: the catalog's explicit buckets (default). */
  histograms?: 'classic';
}

// PromptKit caps its label values itself (values past a cap become _other, for good); OpenTelemetry's
// own limit must not cut in first with its overflow series.
const CARDINALITY_LIMIT = 100_000;

/**
 * One View per PromptKit instrument. With a View, OpenTelemetry keeps one storage per instrument
 * shared by every reader (without one, each reader gets its own and every record is done twice),
 * and the histograms get PromptKit's buckets whatever the instrument's advice says. The GenAI
 * convention instruments (their own meter) get Views too, with the conventions' buckets. Add them
 * to a MeterProvider of your own: `new MeterProvider({ views: promptkitViews(), … })`.
 */
export function promptkitViews(options: HistogramOptions = {}): ViewOptions[] {
  void options.histograms; // 'classic' is the only mode so far
  const own = metricDefinitions.map(
    (definition): ViewOptions => ({
      instrumentName: definition.name,
      meterName: METER_NAME,
      name: definition.name,
      aggregationCardinalityLimit: CARDINALITY_LIMIT,
      aggregation:
        definition.kind === 'histogram'
          ? { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...(definition.buckets ?? [])] } }
          : { type: AggregationType.SUM },
    }),
  );
  const genAi = genAiMetricDefinitions.map(
    (definition): ViewOptions => ({
      instrumentName: definition.name,
      meterName: GEN_AI_METER_NAME,
      name: definition.name,
      aggregationCardinalityLimit: CARDINALITY_LIMIT,
      aggregation:
        definition.kind === 'histogram'
          ? { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...(definition.buckets ?? [])] } }
          : { type: AggregationType.SUM },
    }),
  );
  return [...own, ...genAi];
}
