import type { Status, ValidationStatus } from '../label-sets.js';
import { Recorder } from './recorder.js';

// The record* functions share one Recorder bound to the global MeterProvider, as Go's package-level
// functions share the default registry. Units are those of the metrics: seconds and USD.
const shared = new Recorder();

/** Increments `promptkit_pipelines_active`. */
export function recordPipelineStart(): void {
  shared.pipelineStart();
}

/** Decrements `promptkit_pipelines_active` and records the pipeline's duration in seconds. */
export function recordPipelineEnd(status: Status, durationSeconds: number): void {
  shared.pipelineEnd(status, durationSeconds);
}

export function recordStageDuration(stage: string, stageType: string, durationSeconds: number): void {
  shared.stageDuration(stage, stageType, durationSeconds);
}

export function recordStageElement(stage: string, status: Status): void {
  shared.stageElement(stage, status);
}

/** Counts one provider call and records its duration in seconds. */
export function recordProviderRequest(provider: string, model: string, status: Status, durationSeconds: number): void {
  shared.providerRequest(provider, model, status, durationSeconds);
}

export function recordProviderTokens(
  provider: string,
  model: string,
  inputTokens: number,
  outputTokens: number,
  cachedTokens: number,
): void {
  shared.providerTokens(provider, model, { input: inputTokens, output: outputTokens, cached: cachedTokens });
}

/** Adds a cost in USD. */
export function recordProviderCost(provider: string, model: string, costUsd: number): void {
  shared.providerCost(provider, model, costUsd);
}

export function recordToolCall(tool: string, status: Status, durationSeconds: number): void {
  shared.toolCall(tool, status, durationSeconds);
}

export function recordValidation(
  validator: string,
  validatorType: string,
  status: ValidationStatus,
  durationSeconds: number,
): void {
  shared.validation(validator, validatorType, status, durationSeconds);
}
