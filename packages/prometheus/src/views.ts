import { GEN_AI_METER_NAME, genAiMetricDefinitions, metricDefinitions, METER_NAME } from '@promptkit/metrics';
import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * One View per catalog instrument. With a View, OpenTelemetry keeps one storage per instrument
 * shared by every reader (without one, each reader gets its own and every record is done twice),
 * and the histograms get PromptKit's buckets whatever the instrument's advice says. The GenAI
 * convention instruments (their own meter) get Views too, with the conventions' buckets.
 */
export function promptkitViews(): ViewOptions[] {
  return metricDefinitions.map((definition): ViewOptions => ({
    instrumentName: definition.name,
    meterName: METER_NAME,
    name: definition.name,
    // PromptKit caps its label values itself (values past a cap become _other, for good);
    // OpenTelemetry's own limit must not cut in first with its overflow series.
    aggregationCardinalityLimit: 100_000,
    aggregation:
      definition.kind === 'histogram'
        ? { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...(definition.buckets ?? [])] } }
        : { type: AggregationType.SUM },
  })).concat(genAiViews());
}

function genAiViews(): ViewOptions[] {
  return genAiMetricDefinitions.map((definition) => ({
    instrumentName: definition.name,
    meterName: GEN_AI_METER_NAME,
    name: definition.name,
    aggregationCardinalityLimit: 100_000,
    aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...definition.buckets] } },
  }));
}
