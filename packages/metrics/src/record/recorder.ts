import { metrics, type MeterProvider, type SpanContext } from '@opentelemetry/api';
import { reportProblem } from '@promptkit/events/adapter';
import { isFinishReason, isProviderErrorType, type FinishReason, type ProviderErrorType } from '@promptkit/events';
import { isStatus, isValidationStatus, type DropReason, type Status, type ValidationStatus } from '../label-sets.js';
import { bindingFor, type Binding } from '../provider-binding.js';
import { sampledSpan } from '../series/exemplars.js';
import type { LabelLimits } from '../series/label-limiter.js';

export interface RecorderOptions {
  /** Where to record. Default: the global MeterProvider, looked up again whenever it changes. */
  meterProvider?: MeterProvider;
  /** Caps on distinct values per label (applied when PromptKit first records into the provider). */
  labelLimits?: LabelLimits;
  /**
   * Which measurements keep exemplars, in OpenTelemetry's terms (`OTEL_METRICS_EXEMPLAR_FILTER`):
   * `trace_based` (default) those made inside a sampled span, `always_off` none (no span lookup).
   */
  exemplarFilter?: ExemplarFilter;
}

/** OpenTelemetry's exemplar filters that PromptKit supports (`always_on` needs no trace, so no exemplar here would link to one). */
export type ExemplarFilter = 'trace_based' | 'always_off';

/** Token counts of one call, by `type` label; an absent count is not recorded (never a made-up 0). */
export interface TokenCounts {
  input?: number | undefined;
  output?: number | undefined;
  cached?: number | undefined;
  cache_write?: number | undefined;
  reasoning?: number | undefined;
}

const TOKEN_COUNT_TYPES = ['input', 'output', 'cached', 'cache_write', 'reasoning'] as const;

/** Largest amount one record may carry (tokens, USD, seconds): far past any real value, and small enough that sums never overflow to Infinity. */
export const MAX_AMOUNT = 1e15;

/** A finite, non-negative number no larger than MAX_AMOUNT (NaN fails `>= 0`). */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_AMOUNT;
}

/** A short, safe rendering of a bad value for a diag line (never the value of an object). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return `a value of type ${typeof value}`;
}

/**
 * Validates and records PromptKit's measurements in seconds and USD. Every method checks its input
 * and never throws: a bad value drops that record, which is counted in
 * `promptkit_dropped_records_total{reason}` and reported through `diag` (rate-limited). Label values
 * are sanitised and capped per label (values past the cap become `_other`).
 */
export class Recorder {
  private readonly fixedProvider: MeterProvider | undefined;
  private readonly labelLimits: LabelLimits | undefined;
  private provider: MeterProvider | undefined;
  private current: Binding | undefined;
  /** Set while the listener handles one event: its sampled span, looked up once (null: none). */
  private eventSpan: SpanContext | null | undefined;

  private readonly exemplars: boolean;

  constructor(options: RecorderOptions = {}) {
    this.fixedProvider = options.meterProvider;
    this.labelLimits = options.labelLimits;
    this.exemplars = options.exemplarFilter !== 'always_off';
  }

  /**
   * The binding of the MeterProvider in force. Without an explicit provider this follows the
   * global one, so a Recorder made before the SDK registers its provider still records into it.
   */
  binding(): Binding {
    const provider = this.fixedProvider ?? metrics.getMeterProvider();
    if (provider !== this.provider || this.current === undefined) {
      this.current = bindingFor(provider, this.labelLimits);
      this.provider = provider;
    }
    return this.current;
  }

  /**
   * Runs `record` with the span active now looked up once, for every measurement it makes (an
   * event records several); exemplars come from that span.
   */
  withSpanOfEvent(record: () => void): void {
    this.eventSpan = this.exemplars ? (sampledSpan() ?? null) : null;
    try {
      record();
    } finally {
      this.eventSpan = undefined;
    }
  }

  /** The sampled span to take exemplars from, if any. */
  private span(): SpanContext | undefined {
    const known = this.eventSpan;
    if (known !== undefined) return known ?? undefined;
    return this.exemplars ? sampledSpan() : undefined;
  }

  drop(reason: DropReason, detail: string): void {
    try {
      this.binding().counters.droppedRecords.index.get1(reason).add(1);
    } catch {
      // Counting a drop must never throw either.
    }
    reportProblem(`drop ${reason}`, `dropped a record: ${detail}`);
  }

  private refuse(reason: DropReason, detail: string): false {
    this.drop(reason, detail);
    return false;
  }

  pipelineStart(): void {
    this.binding().counters.pipelinesActive.index.get0().add(1);
  }

  /**
   * Records a finished pipeline and takes it off the active gauge, whatever its status or duration
   * says. An end with no pipeline active has no matching start: it is dropped, so the gauge never
   * goes below zero.
   */
  pipelineEnd(status: Status, seconds: number, what = 'pipeline end'): void {
    const b = this.binding();
    const active = b.counters.pipelinesActive.index.get0();
    if (active.value < 1) return this.drop('unmatched_end', `${what} without a matching pipeline start`);
    active.add(-1);
    if (!isStatus(status)) return this.drop('invalid_status', `${what}: status ${show(status)} is not success or error`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `${what}: duration ${show(seconds)}`);
    const h = b.histograms.pipelineDuration;
    h.record(seconds, h.attributes.get1(status), this.span());
  }

  stageDuration(stage: unknown, stageType: unknown, seconds: number): void {
    if (!isAmount(seconds)) return this.drop('invalid_duration', `stage ${show(stage)}: duration ${show(seconds)}`);
    const b = this.binding();
    const stageLabel = b.limiter.value('stage', stage);
    const typeLabel = b.limiter.value('stage_type', stageType);
    if (stageLabel === undefined || typeLabel === undefined)
      return this.drop('invalid_label', `stage duration: stage ${show(stage)}, stage type ${show(stageType)}`);
    const h = b.histograms.stageDuration;
    h.record(seconds, h.attributes.get2(stageLabel, typeLabel), this.span());
  }

  stageElement(stage: unknown, status: Status): void {
    if (!isStatus(status)) return this.drop('invalid_status', `stage ${show(stage)}: status ${show(status)}`);
    const b = this.binding();
    const stageLabel = b.limiter.value('stage', stage);
    if (stageLabel === undefined) return this.drop('invalid_label', `stage element: stage ${show(stage)}`);
    b.counters.stageElements.index.get2(stageLabel, status).add(1, this.span());
  }

  /** Counts one call and records its duration; false when the record was dropped. */
  providerRequest(provider: unknown, model: unknown, status: Status, seconds: number): boolean {
    if (!isStatus(status)) return this.refuse('invalid_status', `provider request: status ${show(status)}`);
    if (!isAmount(seconds)) return this.refuse('invalid_duration', `provider request: duration ${show(seconds)}`);
    const labels = this.providerLabels(provider, model, 'provider request');
    if (labels === undefined) return false;
    const [b, p, m] = labels;
    const span = this.span();
    const h = b.histograms.providerRequestDuration;
    h.record(seconds, h.attributes.get2(p, m), span);
    b.counters.providerRequests.index.get3(p, m, status).add(1, span);
    return true;
  }

  /**
   * Records the token counts given; an absent count records nothing for its type. Any count that is
   * present but not a valid amount drops the whole usage report (its parts would not add up).
   */
  providerTokens(provider: unknown, model: unknown, tokens: TokenCounts): void {
    for (const type of TOKEN_COUNT_TYPES) {
      const n = tokens[type];
      if (n !== undefined && !isAmount(n)) return this.drop('invalid_tokens', `provider tokens: ${type} ${show(n)}`);
    }
    const labels = this.providerLabels(provider, model, 'provider tokens');
    if (labels === undefined) return;
    const [b, p, m] = labels;
    const index = b.counters.providerTokens.index;
    const span = this.span();
    for (const type of TOKEN_COUNT_TYPES) {
      const n = tokens[type];
      if (n !== undefined) index.get3(p, m, type).add(n, span);
    }
  }

  /** Counts a failed call by why it failed (a closed set; anything else counts as `other`). */
  providerError(provider: unknown, model: unknown, errorType: ProviderErrorType): void {
    const labels = this.providerLabels(provider, model, 'provider error');
    if (labels === undefined) return;
    const [b, p, m] = labels;
    b.counters.providerErrors.index.get3(p, m, isProviderErrorType(errorType) ? errorType : 'other').add(1, this.span());
  }

  /** Counts a completed call by why its generation stopped (a closed set). */
  providerFinishReason(provider: unknown, model: unknown, reason: FinishReason): void {
    const labels = this.providerLabels(provider, model, 'finish reason');
    if (labels === undefined) return;
    const [b, p, m] = labels;
    b.counters.providerFinishReasons.index.get3(p, m, isFinishReason(reason) ? reason : 'other').add(1, this.span());
  }

  /** Sets `promptkit_pricing_info{source, version, as_of}` to 1 (once per provider and price data). */
  pricingInfo(source: string, version: string, asOf: string): void {
    const cell = this.binding().counters.pricingInfo.index.get3(source, version, asOf);
    if (cell.value === 0) cell.add(1);
  }

  providerCost(provider: unknown, model: unknown, usd: number): void {
    if (!isAmount(usd)) return this.drop('invalid_cost', `provider cost: ${show(usd)} USD`);
    const labels = this.providerLabels(provider, model, 'provider cost');
    if (labels === undefined) return;
    const [b, p, m] = labels;
    b.counters.providerCost.index.get2(p, m).add(usd, this.span());
  }

  /** Time to first token of a streaming call, in seconds. */
  providerTimeToFirstToken(provider: unknown, model: unknown, seconds: number): void {
    if (!isAmount(seconds)) return this.drop('invalid_duration', `time to first token: ${show(seconds)}`);
    const labels = this.providerLabels(provider, model, 'time to first token');
    if (labels === undefined) return;
    const [b, p, m] = labels;
    const h = b.histograms.providerTimeToFirstToken;
    h.record(seconds, h.attributes.get2(p, m), this.span());
  }

  /** Counts a call whose cost could not be priced; no cost is recorded for it. */
  providerUnpriced(provider: unknown, model: unknown): void {
    const labels = this.providerLabels(provider, model, 'unpriced request');
    if (labels === undefined) return;
    const [b, p, m] = labels;
    b.counters.providerUnpricedRequests.index.get2(p, m).add(1, this.span());
  }

  toolCall(tool: unknown, status: Status, seconds: number): void {
    if (!isStatus(status)) return this.drop('invalid_status', `tool ${show(tool)}: status ${show(status)}`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `tool ${show(tool)}: duration ${show(seconds)}`);
    const b = this.binding();
    const toolLabel = b.limiter.value('tool', tool);
    if (toolLabel === undefined) return this.drop('invalid_label', `tool call: tool ${show(tool)}`);
    const span = this.span();
    const h = b.histograms.toolCallDuration;
    h.record(seconds, h.attributes.get1(toolLabel), span);
    b.counters.toolCalls.index.get2(toolLabel, status).add(1, span);
  }

  validation(validator: unknown, validatorType: unknown, status: ValidationStatus, seconds: number): void {
    if (!isValidationStatus(status))
      return this.drop('invalid_status', `validation ${show(validator)}: status ${show(status)} is not passed or failed`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `validation ${show(validator)}: duration ${show(seconds)}`);
    const b = this.binding();
    const v = b.limiter.value('validator', validator);
    const t = b.limiter.value('validator_type', validatorType);
    if (v === undefined || t === undefined)
      return this.drop('invalid_label', `validation: validator ${show(validator)}, type ${show(validatorType)}`);
    const span = this.span();
    const h = b.histograms.validationDuration;
    h.record(seconds, h.attributes.get2(v, t), span);
    b.counters.validations.index.get3(v, t, status).add(1, span);
  }

  /** The binding and the capped provider and model labels, or undefined (dropped and counted). */
  private providerLabels(provider: unknown, model: unknown, what: string): [Binding, string, string] | undefined {
    const b = this.binding();
    const p = b.limiter.value('provider', provider);
    const m = b.limiter.value('model', model);
    if (p !== undefined && m !== undefined) return [b, p, m];
    this.drop('invalid_label', `${what}: provider ${show(provider)}, model ${show(model)}`);
    return undefined;
  }
}
