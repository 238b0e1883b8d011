import { metrics, type MeterProvider } from '@opentelemetry/api';
import type { DropReason, LabelLimits, Status, ValidationStatus } from './catalog.js';
import { bindingFor, type Binding } from './binding.js';
import { RateLimitedReporter } from './report.js';

export interface RecorderOptions {
  /** Where to record. Default: the global MeterProvider, looked up again whenever it changes. */
  meterProvider?: MeterProvider;
  /** Caps on distinct values per label (applied when PromptKit first records into the provider). */
  labelLimits?: LabelLimits;
}

const isStatus = (s: unknown): s is Status => s === 'success' || s === 'error';
const isValidationStatus = (s: unknown): s is ValidationStatus => s === 'passed' || s === 'failed';

/** Largest amount one record may carry (tokens, USD, seconds): far past any real value, and small enough that sums never overflow to Infinity. */
export const MAX_AMOUNT = 1e15;

/** A finite, non-negative number (NaN fails `>= 0`). */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_AMOUNT;
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
  readonly reporter = new RateLimitedReporter();

  constructor(options: RecorderOptions = {}) {
    this.fixedProvider = options.meterProvider;
    this.labelLimits = options.labelLimits;
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

  drop(reason: DropReason, detail: string): void {
    try {
      this.binding().counters.droppedRecords.index.get1(reason).value++;
    } catch {
      // Counting a drop must never throw either.
    }
    this.reporter.warn(reason, `dropped a record: ${detail}`);
  }

  pipelineStart(): void {
    this.binding().counters.pipelinesActive.index.get0().value++;
  }

  /** Records a finished pipeline and decrements the active gauge. */
  pipelineEnd(status: Status, seconds: number, what = 'pipeline end'): void {
    const b = this.binding();
    // The pipeline has ended whatever its status or duration says, so the active gauge always comes down.
    b.counters.pipelinesActive.index.get0().value--;
    if (!isStatus(status)) return this.drop('invalid_status', `${what}: status ${show(status)} is not success or error`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `${what}: duration ${show(seconds)}`);
    const h = b.histograms.pipelineDuration;
    h.instrument.record(seconds, h.attributes.get1(status));
  }

  stageDuration(stage: unknown, stageType: unknown, seconds: number): void {
    if (!isAmount(seconds)) return this.drop('invalid_duration', `stage ${show(stage)}: duration ${show(seconds)}`);
    const b = this.binding();
    const stageLabel = b.limiter.value('stage', stage);
    const typeLabel = b.limiter.value('stage_type', stageType);
    if (stageLabel === undefined || typeLabel === undefined)
      return this.drop('invalid_label', `stage duration: stage ${show(stage)}, stage type ${show(stageType)}`);
    const h = b.histograms.stageDuration;
    h.instrument.record(seconds, h.attributes.get2(stageLabel, typeLabel));
  }

  stageElement(stage: unknown, status: Status): void {
    if (!isStatus(status)) return this.drop('invalid_status', `stage ${show(stage)}: status ${show(status)}`);
    const b = this.binding();
    const stageLabel = b.limiter.value('stage', stage);
    if (stageLabel === undefined) return this.drop('invalid_label', `stage element: stage ${show(stage)}`);
    b.counters.stageElements.index.get2(stageLabel, status).value++;
  }

  providerRequest(provider: unknown, model: unknown, status: Status, seconds: number): void {
    if (!isStatus(status)) return this.drop('invalid_status', `provider request: status ${show(status)}`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `provider request: duration ${show(seconds)}`);
    const b = this.binding();
    const p = b.limiter.value('provider', provider);
    const m = b.limiter.value('model', model);
    if (p === undefined || m === undefined) return this.badProvider(provider, model, 'provider request');
    const h = b.histograms.providerRequestDuration;
    h.instrument.record(seconds, h.attributes.get2(p, m));
    b.counters.providerRequests.index.get3(p, m, status).value++;
  }

  /** Records input, output and cached tokens; `cached` undefined records no cached series. */
  providerTokens(provider: unknown, model: unknown, input: number | undefined, output: number | undefined, cached?: number): void {
    if (!isAmount(input) || !isAmount(output) || (cached !== undefined && !isAmount(cached)))
      return this.drop('invalid_tokens', `provider tokens: input ${show(input)}, output ${show(output)}, cached ${show(cached)}`);
    const b = this.binding();
    const p = b.limiter.value('provider', provider);
    const m = b.limiter.value('model', model);
    if (p === undefined || m === undefined) return this.badProvider(provider, model, 'provider tokens');
    const tokens = b.counters.providerTokens.index;
    tokens.get3(p, m, 'input').value += input;
    tokens.get3(p, m, 'output').value += output;
    if (cached !== undefined) tokens.get3(p, m, 'cached').value += cached;
  }

  providerCost(provider: unknown, model: unknown, usd: number): void {
    if (!isAmount(usd)) return this.drop('invalid_cost', `provider cost: ${show(usd)} USD`);
    const b = this.binding();
    const p = b.limiter.value('provider', provider);
    const m = b.limiter.value('model', model);
    if (p === undefined || m === undefined) return this.badProvider(provider, model, 'provider cost');
    b.counters.providerCost.index.get2(p, m).value += usd;
  }

  /** Time to first token of a streaming call, in seconds. */
  providerTimeToFirstToken(provider: unknown, model: unknown, seconds: number): void {
    if (!isAmount(seconds)) return this.drop('invalid_duration', `time to first token: ${show(seconds)}`);
    const b = this.binding();
    const p = b.limiter.value('provider', provider);
    const m = b.limiter.value('model', model);
    if (p === undefined || m === undefined) return this.badProvider(provider, model, 'time to first token');
    const h = b.histograms.providerTimeToFirstToken;
    h.instrument.record(seconds, h.attributes.get2(p, m));
  }

  /** Counts a call whose cost could not be priced; no cost is recorded for it. */
  providerUnpriced(provider: unknown, model: unknown): void {
    const b = this.binding();
    const p = b.limiter.value('provider', provider);
    const m = b.limiter.value('model', model);
    if (p === undefined || m === undefined) return this.badProvider(provider, model, 'unpriced request');
    b.counters.providerUnpricedRequests.index.get2(p, m).value++;
  }

  toolCall(tool: unknown, status: Status, seconds: number): void {
    if (!isStatus(status)) return this.drop('invalid_status', `tool ${show(tool)}: status ${show(status)}`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `tool ${show(tool)}: duration ${show(seconds)}`);
    const b = this.binding();
    const toolLabel = b.limiter.value('tool', tool);
    if (toolLabel === undefined) return this.drop('invalid_label', `tool call: tool ${show(tool)}`);
    const h = b.histograms.toolCallDuration;
    h.instrument.record(seconds, h.attributes.get1(toolLabel));
    b.counters.toolCalls.index.get2(toolLabel, status).value++;
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
    const h = b.histograms.validationDuration;
    h.instrument.record(seconds, h.attributes.get2(v, t));
    b.counters.validations.index.get3(v, t, status).value++;
  }

  private badProvider(provider: unknown, model: unknown, what: string): void {
    this.drop('invalid_label', `${what}: provider ${show(provider)}, model ${show(model)}`);
  }
}

/** A short, safe rendering of a bad value for a diag line. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return `a value of type ${typeof value}`;
}
