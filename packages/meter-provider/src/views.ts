import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { GEN_AI_METER_NAME, genAiMetricDefinitions, METER_NAME, metricDefinitions, type MetricDefinition } from '@promptkit/metrics';

/**
 * How PromptKit's histograms are aggregated: `classic` with the catalog's explicit buckets,
 * `native` with OpenTelemetry's exponential-histogram aggregation (served to Prometheus as native
 * histograms, pushed over OTLP as exponential histograms), or `both`.
 */
export type HistogramMode = 'classic' | 'native' | 'both';
export const HISTOGRAM_MODES: readonly HistogramMode[] = ['classic', 'native', 'both'];

export interface HistogramOptions {
  /** Default `classic`. */
  histograms?: HistogramMode;
  /**
   * Most buckets an exponential histogram keeps (OpenTelemetry's `maxSize`): the aggregation picks
   * the finest scale that fits the recorded range into them. Default 160 (OpenTelemetry's default):
   * 50 ms to 10 minutes then fits at scale 3, buckets about 9% wide.
   */
  nativeHistogramMaxBuckets?: number;
}

/** Default of `nativeHistogramMaxBuckets`. */
export const DEFAULT_NATIVE_MAX_BUCKETS = 160;

/**
 * The name of the exponential stream of a histogram recorded both ways (`histograms: 'both'`):
 * OpenTelemetry merges two Views of one instrument that share a name, so the native stream gets its
 * own; the Prometheus exposition puts it back beside the classic buckets of the same series, and
 * OTLP pushes carry it under the instrument's name.
 */
export const NATIVE_STREAM_SUFFIX = ':native';

// PromptKit caps its label values itself (values past a cap become _other, for good); OpenTelemetry's
// own limit must not cut in first with its overflow series.
const CARDINALITY_LIMIT = 100_000;

function histogramViews(definition: MetricDefinition, options: HistogramOptions): ViewOptions[] {
  const base = { instrumentName: definition.name, meterName: METER_NAME, aggregationCardinalityLimit: CARDINALITY_LIMIT };
  const classic: ViewOptions = {
    ...base,
    name: definition.name,
    aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...(definition.buckets ?? [])] } },
  };
  const mode = options.histograms ?? 'classic';
  if (mode === 'classic') return [classic];
  const aggregation = {
    type: AggregationType.EXPONENTIAL_HISTOGRAM,
    options: { maxSize: options.nativeHistogramMaxBuckets ?? DEFAULT_NATIVE_MAX_BUCKETS, recordMinMax: true },
  } as const;
  if (mode === 'native') return [{ ...base, name: definition.name, aggregation }];
  return [classic, { ...base, name: `${definition.name}${NATIVE_STREAM_SUFFIX}`, aggregation }];
}

/**
 * One View per PromptKit instrument (two for a histogram recorded both ways). With a View,
 * OpenTelemetry keeps one storage per instrument shared by every reader (without one, each reader
 * gets its own and every record is done twice), and the histograms get PromptKit's buckets whatever
 * the instrument's advice says. The GenAI convention instruments (their own meter) get Views too,
 * with the conventions' buckets. Add them to a MeterProvider of your own:
 * `new MeterProvider({ views: promptkitViews(), … })`.
 */
export function promptkitViews(options: HistogramOptions = {}): ViewOptions[] {
  const own = metricDefinitions.flatMap((definition): ViewOptions[] =>
    definition.kind === 'histogram'
      ? histogramViews(definition, options)
      : [{ instrumentName: definition.name, meterName: METER_NAME, name: definition.name, aggregationCardinalityLimit: CARDINALITY_LIMIT, aggregation: { type: AggregationType.SUM } }],
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
