import { metrics, type Attributes, type Histogram, type Meter, type MeterProvider } from '@opentelemetry/api';
import type { EventDataMap } from '@promptkit/events';
import { bindingFor } from '../provider-binding.js';
import { METER_VERSION } from '../catalog.js';
import type { LabelLimiter, LabelLimits } from '../series/label-limiter.js';
import { isAmount } from '../record/recorder.js';
import { SeriesIndex } from '../series/series-index.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ERROR_TYPE_VALUE_OTHER,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
} from './attributes.js';
import { GEN_AI_METER_NAME, genAiCatalog, type GenAiMetricDefinition } from './catalog.js';
import { errorType, MAX_ERROR_TYPES } from './error-type.js';
import { genAiProviderName } from './providers.js';

export interface GenAiRecorderOptions {
  /** Where to record. Default: the global MeterProvider, looked up again whenever it changes. */
  meterProvider?: MeterProvider;
  /** Caps on distinct values per label, shared with PromptKit's own metrics on the provider. */
  labelLimits?: LabelLimits;
  /** `gen_ai.operation.name`. Default `chat`. */
  operationName?: string;
}

/** The GenAI instruments of one MeterProvider, with their attribute objects made once per series. */
interface GenAiInstruments {
  readonly duration: Histogram;
  /** provider, model, error type (`''` for success). */
  readonly durationSeries: SeriesIndex<Attributes>;
  readonly tokens: Histogram;
  /** provider, model, token type. */
  readonly tokenSeries: SeriesIndex<Attributes>;
  readonly firstChunk: Histogram;
  readonly firstChunkSeries: SeriesIndex<Attributes>;
  /** Error types seen, bounded by MAX_ERROR_TYPES. */
  readonly errorTypes: Set<string>;
}

// One set of instruments per MeterProvider and operation name, shared by every listener on it.
const instrumentsByProvider = new WeakMap<MeterProvider, Map<string, GenAiInstruments>>();

function histogram(meter: Meter, definition: GenAiMetricDefinition): Histogram {
  // Advice carries the conventions' buckets to any MeterProvider, even one without PromptKit's views.
  return meter.createHistogram(definition.name, {
    description: definition.help,
    unit: definition.unit,
    advice: { explicitBucketBoundaries: [...definition.buckets] },
  });
}

function create(provider: MeterProvider, operation: string): GenAiInstruments {
  const meter = provider.getMeter(GEN_AI_METER_NAME, METER_VERSION);
  const base = (providerName: string, model: string): Attributes => ({
    [ATTR_GEN_AI_OPERATION_NAME]: operation,
    [ATTR_GEN_AI_PROVIDER_NAME]: genAiProviderName(providerName),
    [ATTR_GEN_AI_REQUEST_MODEL]: model,
  });
  return {
    duration: histogram(meter, genAiCatalog.operationDuration),
    durationSeries: new SeriesIndex(3, ([p, m, error]) => (error ? { ...base(p!, m!), [ATTR_ERROR_TYPE]: error } : base(p!, m!))),
    tokens: histogram(meter, genAiCatalog.tokenUsage),
    tokenSeries: new SeriesIndex(3, ([p, m, type]) => ({ ...base(p!, m!), [ATTR_GEN_AI_TOKEN_TYPE]: type! })),
    firstChunk: histogram(meter, genAiCatalog.timeToFirstChunk),
    firstChunkSeries: new SeriesIndex(2, ([p, m]) => base(p!, m!)),
    errorTypes: new Set(),
  };
}

function instrumentsFor(provider: MeterProvider, operation: string): GenAiInstruments {
  let byOperation = instrumentsByProvider.get(provider);
  if (byOperation === undefined) instrumentsByProvider.set(provider, (byOperation = new Map<string, GenAiInstruments>()));
  let instruments = byOperation.get(operation);
  if (instruments === undefined) byOperation.set(operation, (instruments = create(provider, operation)));
  return instruments;
}

/**
 * Records the OpenTelemetry GenAI client metrics (`gen_ai.client.operation.duration`,
 * `gen_ai.client.token.usage`, `gen_ai.client.operation.time_to_first_chunk`) from provider call
 * events, beside PromptKit's own metrics. Provider and model go through the same label caps as
 * PromptKit's labels. Invalid values are skipped silently: PromptKit's recorder has already
 * dropped and counted them.
 */
export class GenAiRecorder {
  private readonly fixedProvider: MeterProvider | undefined;
  private readonly labelLimits: LabelLimits | undefined;
  private readonly operation: string;
  private provider: MeterProvider | undefined;
  private current: GenAiInstruments | undefined;
  private limiter: LabelLimiter | undefined;

  constructor(options: GenAiRecorderOptions = {}) {
    this.fixedProvider = options.meterProvider;
    this.labelLimits = options.labelLimits;
    this.operation = options.operationName ?? GEN_AI_OPERATION_NAME_VALUE_CHAT;
  }

  completed(call: EventDataMap['provider.call.completed']): void {
    const instruments = this.instruments();
    const p = this.limiter!.value('provider', call.provider);
    const m = this.limiter!.value('model', call.model);
    if (p === undefined || m === undefined) return;
    if (isAmount(call.durationMs)) instruments.duration.record(call.durationMs / 1000, instruments.durationSeries.get3(p, m, ''));
    const { inputTokens, outputTokens } = call;
    // A call that reports no tokens at all did not report usage; the conventions say record none.
    if (isAmount(inputTokens) && isAmount(outputTokens) && inputTokens + outputTokens > 0) {
      instruments.tokens.record(inputTokens, instruments.tokenSeries.get3(p, m, GEN_AI_TOKEN_TYPE_VALUE_INPUT));
      instruments.tokens.record(outputTokens, instruments.tokenSeries.get3(p, m, GEN_AI_TOKEN_TYPE_VALUE_OUTPUT));
    }
    if (call.timeToFirstTokenMs !== undefined && isAmount(call.timeToFirstTokenMs)) {
      instruments.firstChunk.record(call.timeToFirstTokenMs / 1000, instruments.firstChunkSeries.get2(p, m));
    }
  }

  failed(call: EventDataMap['provider.call.failed']): void {
    if (!isAmount(call.durationMs)) return;
    const instruments = this.instruments();
    const p = this.limiter!.value('provider', call.provider);
    const m = this.limiter!.value('model', call.model);
    if (p === undefined || m === undefined) return;
    let type = errorType(call.error);
    if (!instruments.errorTypes.has(type)) {
      if (instruments.errorTypes.size >= MAX_ERROR_TYPES) type = ERROR_TYPE_VALUE_OTHER;
      else instruments.errorTypes.add(type);
    }
    instruments.duration.record(call.durationMs / 1000, instruments.durationSeries.get3(p, m, type));
  }

  /** The instruments (and label limiter) of the MeterProvider in force. */
  private instruments(): GenAiInstruments {
    const meterProvider = this.fixedProvider ?? metrics.getMeterProvider();
    if (meterProvider !== this.provider || this.current === undefined) {
      this.current = instrumentsFor(meterProvider, this.operation);
      this.limiter = bindingFor(meterProvider, this.labelLimits).limiter;
      this.provider = meterProvider;
    }
    return this.current;
  }
}
