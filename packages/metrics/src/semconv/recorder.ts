import { metrics, type Attributes, type Counter, type Histogram, type Meter, type MeterProvider } from '@opentelemetry/api';
import type { EventDataMap } from '@promptkit/events';
import { METER_VERSION } from '../catalog.js';
import { bindingFor } from '../provider-binding.js';
import { isAmount } from '../record/recorder.js';
import type { LabelLimiter, LabelLimits } from '../series/label-limiter.js';
import { labelValue } from '../series/label-value.js';
import * as attr from './attributes.js';
import { GEN_AI_METER_NAME, genAiCatalog, TOKEN_MODALITY_UNKNOWN, USAGE_COUNTERS, type GenAiMetricKey } from './conventions.js';
import { errorType, MAX_ERROR_TYPES } from './error-type.js';
import { genAiProviderName } from './providers.js';

export interface GenAiRecorderOptions {
  /** Where to record. Default: the global MeterProvider, looked up again whenever it changes. */
  meterProvider?: MeterProvider;
  /** Caps on distinct values per label, shared with PromptKit's own metrics on the provider. */
  labelLimits?: LabelLimits;
  /** `gen_ai.operation.name` when an event names none. Default `chat`. */
  operationName?: string;
}

type Completed = EventDataMap['provider.call.completed'];
type Failed = EventDataMap['provider.call.failed'];

/** Distinct values kept for attributes PromptKit's label caps do not cover; later ones are left out. */
const MAX_DISTINCT = { operations: 20, servers: 20 } as const;

/** The instruments of one MeterProvider, with their attribute objects made once per series. */
class GenAiInstruments {
  readonly histograms = new Map<GenAiMetricKey, Histogram>();
  readonly counters = new Map<GenAiMetricKey, Counter>();
  private readonly attributes = new Map<string, Attributes>();
  readonly errorTypes = new Set<string>();
  readonly operations = new Set<string>();
  readonly servers = new Set<string>();

  constructor(meter: Meter) {
    for (const [key, definition] of Object.entries(genAiCatalog) as [GenAiMetricKey, (typeof genAiCatalog)[GenAiMetricKey]][]) {
      const options = { description: definition.help, unit: definition.unit };
      if (definition.kind === 'counter') this.counters.set(key, meter.createCounter(definition.name, options));
      // Advice carries the conventions' buckets to any MeterProvider, even one without PromptKit's views.
      else this.histograms.set(key, meter.createHistogram(definition.name, { ...options, advice: { explicitBucketBoundaries: [...(definition.buckets ?? [])] } }));
    }
  }

  /** One attributes object per distinct set (bounded by the caps on each part). */
  get(parts: readonly (readonly [string, string | number | undefined])[]): Attributes {
    const key = parts.map(([, v]) => (v === undefined ? '\u0001' : String(v))).join('\u0000');
    let found = this.attributes.get(key);
    if (found === undefined) {
      found = {};
      for (const [name, value] of parts) if (value !== undefined) found[name] = value;
      this.attributes.set(key, found);
    }
    return found;
  }
}

const instrumentsByProvider = new WeakMap<MeterProvider, GenAiInstruments>();

/** Keeps `value` while fewer than `cap` distinct ones were seen; undefined past the cap. */
function capped(seen: Set<string>, value: string | undefined, cap: number): string | undefined {
  if (value === undefined || seen.has(value)) return value;
  if (seen.size >= cap) return undefined;
  seen.add(value);
  return value;
}

/**
 * Records the OpenTelemetry GenAI client metrics (see conventions.ts) from provider call events,
 * beside PromptKit's own metrics. Provider and model go through the same label caps as PromptKit's
 * labels. Invalid values are skipped silently: PromptKit's recorder has already dropped and counted
 * them.
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
    this.operation = options.operationName ?? attr.GEN_AI_OPERATION_NAME_VALUE_CHAT;
  }

  completed(call: Completed): void {
    const i = this.instruments();
    const base = this.base(i, call);
    if (base === undefined) return;
    const withResponse = i.get([...base, [attr.ATTR_GEN_AI_RESPONSE_MODEL, this.limiter!.value('model', call.model)]]);
    const embeddings = base[0]![1] === attr.GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
    if (isAmount(call.durationMs)) i.histograms.get(embeddings ? 'embeddingsDuration' : 'inferenceDuration')!.record(call.durationMs / 1000, withResponse);
    if (embeddings) {
      if (isAmount(call.inputTokens)) i.histograms.get('embeddingsInputTokens')!.record(call.inputTokens, withResponse);
      return;
    }
    const modality = i.get([...base, [attr.ATTR_GEN_AI_RESPONSE_MODEL, this.limiter!.value('model', call.model)], ['gen_ai.token.modality', TOKEN_MODALITY_UNKNOWN]]);
    for (const [count, counter] of USAGE_COUNTERS) {
      const tokens = call[count];
      if (isAmount(tokens)) i.counters.get(counter)!.add(tokens, modality);
    }
    if (isAmount(call.inputTokens)) i.histograms.get('operationInputTokens')!.record(call.inputTokens, withResponse);
    if (isAmount(call.outputTokens)) i.histograms.get('operationOutputTokens')!.record(call.outputTokens, withResponse);
    if (call.timeToFirstTokenMs !== undefined && isAmount(call.timeToFirstTokenMs)) {
      i.histograms.get('timeToFirstChunk')!.record(call.timeToFirstTokenMs / 1000, withResponse);
    }
  }

  failed(call: Failed): void {
    if (!isAmount(call.durationMs)) return;
    const i = this.instruments();
    const base = this.base(i, call);
    if (base === undefined) return;
    const type = capped(i.errorTypes, errorType(call.error), MAX_ERROR_TYPES) ?? attr.ERROR_TYPE_VALUE_OTHER;
    const embeddings = base[0]![1] === attr.GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
    i.histograms.get(embeddings ? 'embeddingsDuration' : 'inferenceDuration')!.record(call.durationMs / 1000, i.get([...base, [attr.ATTR_ERROR_TYPE, type]]));
  }

  /** The attributes every GenAI metric of a call carries, or undefined for an unusable provider or model. */
  private base(i: GenAiInstruments, call: Completed | Failed): [string, string | number | undefined][] | undefined {
    const limiter = this.limiter!;
    const provider = limiter.value('provider', call.provider);
    const requested = limiter.value('model', call.requestModel ?? call.model);
    if (provider === undefined || requested === undefined) return undefined;
    const operation = capped(i.operations, labelValue(call.operation) ?? this.operation, MAX_DISTINCT.operations) ?? this.operation;
    const server = capped(i.servers, labelValue(call.serverAddress), MAX_DISTINCT.servers);
    const port = server !== undefined && typeof call.serverPort === 'number' && Number.isInteger(call.serverPort) ? call.serverPort : undefined;
    return [
      [attr.ATTR_GEN_AI_OPERATION_NAME, operation],
      [attr.ATTR_GEN_AI_PROVIDER_NAME, genAiProviderName(provider)],
      [attr.ATTR_GEN_AI_REQUEST_MODEL, requested],
      [attr.ATTR_SERVER_ADDRESS, server],
      [attr.ATTR_SERVER_PORT, port],
    ];
  }

  /** The instruments (and label limiter) of the MeterProvider in force. */
  private instruments(): GenAiInstruments {
    const meterProvider = this.fixedProvider ?? metrics.getMeterProvider();
    if (meterProvider !== this.provider || this.current === undefined) {
      let instruments = instrumentsByProvider.get(meterProvider);
      if (instruments === undefined) instrumentsByProvider.set(meterProvider, (instruments = new GenAiInstruments(meterProvider.getMeter(GEN_AI_METER_NAME, METER_VERSION))));
      this.current = instruments;
      this.limiter = bindingFor(meterProvider, this.labelLimits).limiter;
      this.provider = meterProvider;
    }
    return this.current;
  }
}
