import { metrics, type MeterProvider } from '@opentelemetry/api';
import {
  METER_NAME,
  METER_VERSION,
  STATUS,
  VALIDATION_STATUS,
  type DropReason,
  type Status,
  type ValidationStatus,
} from './catalog.js';
import { createInstruments, type Instruments } from './instruments.js';
import { labelValue } from './labels.js';
import { RateLimitedReporter } from './report.js';

export interface RecorderOptions {
  /** Where to record. Default: the global MeterProvider, looked up again whenever it changes. */
  meterProvider?: MeterProvider;
}

const statuses: ReadonlySet<unknown> = new Set(STATUS);
const validationStatuses: ReadonlySet<unknown> = new Set(VALIDATION_STATUS);

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value !== Infinity;
  // NaN fails `>= 0`, so no separate check is needed.
}

/**
 * Validates and records PromptKit's measurements in seconds and USD. Every method checks its input
 * and never throws: a bad value drops that record, which is counted in
 * `promptkit_dropped_records_total{reason}` and reported through `diag` (rate-limited).
 */
export class Recorder {
  private readonly fixedProvider: MeterProvider | undefined;
  private provider: MeterProvider | undefined;
  private current: Instruments | undefined;
  readonly reporter = new RateLimitedReporter();

  constructor(options: RecorderOptions = {}) {
    this.fixedProvider = options.meterProvider;
  }

  /**
   * The instruments of the MeterProvider in force. Without an explicit provider this follows the
   * global one, so a Recorder made before the SDK registers its provider still records into it.
   */
  instruments(): Instruments {
    const provider = this.fixedProvider ?? metrics.getMeterProvider();
    if (provider !== this.provider || this.current === undefined) {
      this.provider = provider;
      this.current = createInstruments(provider.getMeter(METER_NAME, METER_VERSION));
    }
    return this.current;
  }

  drop(reason: DropReason, detail: string): void {
    try {
      this.instruments().droppedRecords.add(1, { reason });
    } catch {
      // Counting a drop must never throw either.
    }
    this.reporter.warn(reason, `dropped a record: ${detail}`);
  }

  pipelineStart(): void {
    this.instruments().pipelinesActive.add(1);
  }

  /** Records a finished pipeline and decrements the active gauge. */
  pipelineEnd(status: Status, seconds: number, what = 'pipeline end'): void {
    const instruments = this.instruments();
    // The pipeline has ended whatever its status or duration says, so the active gauge always comes down.
    instruments.pipelinesActive.add(-1);
    if (!statuses.has(status)) return this.drop('invalid_status', `${what}: status ${show(status)} is not success or error`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `${what}: duration ${show(seconds)}`);
    instruments.pipelineDuration.record(seconds, { status });
  }

  stageDuration(stage: unknown, stageType: unknown, seconds: number): void {
    const stageLabel = labelValue(stage);
    const typeLabel = labelValue(stageType);
    if (stageLabel === undefined || typeLabel === undefined)
      return this.drop('invalid_label', `stage duration: stage ${show(stage)}, stage type ${show(stageType)}`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `stage '${stageLabel}': duration ${show(seconds)}`);
    this.instruments().stageDuration.record(seconds, { stage: stageLabel, stage_type: typeLabel });
  }

  stageElement(stage: unknown, status: Status): void {
    const stageLabel = labelValue(stage);
    if (stageLabel === undefined) return this.drop('invalid_label', `stage element: stage ${show(stage)}`);
    if (!statuses.has(status)) return this.drop('invalid_status', `stage '${stageLabel}': status ${show(status)}`);
    this.instruments().stageElements.add(1, { stage: stageLabel, status });
  }

  providerRequest(provider: unknown, model: unknown, status: Status, seconds: number): void {
    const labels = this.providerLabels(provider, model, 'provider request');
    if (labels === undefined) return;
    if (!statuses.has(status)) return this.drop('invalid_status', `provider request: status ${show(status)}`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `provider request: duration ${show(seconds)}`);
    const instruments = this.instruments();
    instruments.providerRequestDuration.record(seconds, labels);
    instruments.providerRequests.add(1, { ...labels, status });
  }

  /** Records input, output and cached tokens; `cached` undefined records no cached series. */
  providerTokens(provider: unknown, model: unknown, input: number, output: number, cached?: number): void {
    const labels = this.providerLabels(provider, model, 'provider tokens');
    if (labels === undefined) return;
    if (!isAmount(input) || !isAmount(output) || (cached !== undefined && !isAmount(cached)))
      return this.drop('invalid_tokens', `provider tokens: input ${show(input)}, output ${show(output)}, cached ${show(cached)}`);
    const tokens = this.instruments().providerTokens;
    tokens.add(input, { ...labels, type: 'input' });
    tokens.add(output, { ...labels, type: 'output' });
    if (cached !== undefined) tokens.add(cached, { ...labels, type: 'cached' });
  }

  providerCost(provider: unknown, model: unknown, usd: number): void {
    const labels = this.providerLabels(provider, model, 'provider cost');
    if (labels === undefined) return;
    if (!isAmount(usd)) return this.drop('invalid_cost', `provider cost: ${show(usd)} USD`);
    this.instruments().providerCost.add(usd, labels);
  }

  toolCall(tool: unknown, status: Status, seconds: number): void {
    const toolLabel = labelValue(tool);
    if (toolLabel === undefined) return this.drop('invalid_label', `tool call: tool ${show(tool)}`);
    if (!statuses.has(status)) return this.drop('invalid_status', `tool '${toolLabel}': status ${show(status)}`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `tool '${toolLabel}': duration ${show(seconds)}`);
    const instruments = this.instruments();
    instruments.toolCallDuration.record(seconds, { tool: toolLabel });
    instruments.toolCalls.add(1, { tool: toolLabel, status });
  }

  validation(validator: unknown, validatorType: unknown, status: ValidationStatus, seconds: number): void {
    const validatorLabel = labelValue(validator);
    const typeLabel = labelValue(validatorType);
    if (validatorLabel === undefined || typeLabel === undefined)
      return this.drop('invalid_label', `validation: validator ${show(validator)}, type ${show(validatorType)}`);
    if (!validationStatuses.has(status))
      return this.drop('invalid_status', `validation '${validatorLabel}': status ${show(status)} is not passed or failed`);
    if (!isAmount(seconds)) return this.drop('invalid_duration', `validation '${validatorLabel}': duration ${show(seconds)}`);
    const instruments = this.instruments();
    const labels = { validator: validatorLabel, validator_type: typeLabel };
    instruments.validationDuration.record(seconds, labels);
    instruments.validations.add(1, { ...labels, status });
  }

  private providerLabels(provider: unknown, model: unknown, what: string): { provider: string; model: string } | undefined {
    const providerLabel = labelValue(provider);
    const modelLabel = labelValue(model);
    if (providerLabel === undefined || modelLabel === undefined) {
      this.drop('invalid_label', `${what}: provider ${show(provider)}, model ${show(model)}`);
      return undefined;
    }
    return { provider: providerLabel, model: modelLabel };
  }
}

/** A short, safe rendering of a bad value for a diag line. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return `a value of type ${typeof value}`;
}
