import type { PromptKitEvent } from '@promptkit/events';
import { classifyProviderError, describeError, finishReasonOf, safeString } from '@promptkit/events/adapter';
import type { PriceSource } from '../pricing/price-source.js';
import { ComputedCosts } from '../pricing/record.js';
import { GenAiRecorder } from '../semconv/recorder.js';
import { Recorder, type RecorderOptions } from './recorder.js';

export interface MetricsListenerOptions extends RecorderOptions {
  /**
   * Prices for calls that report tokens but no cost (`new Pricing()` from `@promptkit/pricing`, or
   * any PriceSource): their cost is computed, or, for a call with no price, counted in
   * `promptkit_provider_unpriced_requests_total`. An event's own cost always wins. Also sets
   * `promptkit_pricing_info{source, version, as_of}` to 1. Default: none (cost comes only from events).
   */
  pricing?: PriceSource;
  /** `'gen_ai'`: also emit the OpenTelemetry GenAI client metrics from the same events. Default off. */
  semconv?: 'gen_ai' | false;
}

/** Event durations are milliseconds, metric durations seconds; a non-number stays invalid (NaN). */
function seconds(durationMs: unknown): number {
  return typeof durationMs === 'number' ? durationMs / 1000 : Number.NaN;
}

/**
 * Maps every PromptKit event to PromptKit's metrics. Subscribe it to a bus with
 * `bus.subscribeAll(listener.listener())`. It never throws: malformed events are dropped, counted
 * in `promptkit_dropped_records_total` and reported through `diag`.
 */
export class MetricsListener {
  private readonly recorder: Recorder;
  private readonly costs: ComputedCosts | undefined;
  private readonly genAi: GenAiRecorder | undefined;
  private readonly bound: (event: PromptKitEvent) => void;

  constructor(options: MetricsListenerOptions = {}) {
    this.recorder = new Recorder(options);
    this.costs = options.pricing === undefined ? undefined : new ComputedCosts(this.recorder, options.pricing);
    this.genAi = options.semconv === 'gen_ai' ? new GenAiRecorder(options) : undefined;
    this.bound = (event) => this.handle(event);
  }

  /** The listener function to subscribe; the same function every call. */
  listener(): (event: PromptKitEvent) => void {
    return this.bound;
  }

  /**
   * Resolves once every cost still being priced has been recorded (the price database loads on
   * the first call that needs it; calls meanwhile are recorded when it has). Never rejects.
   */
  settled(): Promise<void> {
    return this.costs?.settled() ?? Promise.resolve();
  }

  /** Records one event. */
  handle(event: PromptKitEvent): void {
    try {
      this.recorder.withSpanOfEvent(() => this.record(event));
    } catch (error) {
      // A field that cannot be read (a throwing getter, a revoked Proxy) or a broken MeterProvider:
      // the event is dropped and counted, and the application does not notice.
      this.recorder.drop('invalid_event', `'${safeString(() => event?.type)}' event could not be read: ${describeError(error)}`);
    }
  }

  private record(event: PromptKitEvent): void {
    if (event === null || typeof event !== 'object') return this.recorder.drop('invalid_event', `event is ${String(event)}`);
    const data = event.data as unknown;
    if (data === null || typeof data !== 'object')
      return this.recorder.drop('invalid_event', `'${safeString(() => event.type)}' event has no data object`);
    const r = this.recorder;
    switch (event.type) {
      case 'pipeline.started':
        return r.pipelineStart();
      case 'pipeline.completed':
        return r.pipelineEnd('success', seconds(event.data.durationMs), event.type);
      case 'pipeline.failed':
        return r.pipelineEnd('error', seconds(event.data.durationMs), event.type);
      case 'stage.completed':
      case 'stage.failed': {
        const { name, stageType, durationMs } = event.data;
        const status = event.type === 'stage.completed' ? 'success' : 'error';
        r.stageDuration(name, stageType, seconds(durationMs));
        return r.stageElement(name, status);
      }
      case 'provider.call.completed': {
        const d = event.data;
        const recorded = r.providerRequest(d.provider, d.model, 'success', seconds(d.durationMs));
        // A call whose provider reported no usage carries no token counts: nothing to record.
        const tokens = { input: d.inputTokens, output: d.outputTokens, cached: d.cachedTokens, cache_write: d.cacheWriteTokens, reasoning: d.reasoningTokens };
        if (Object.values(tokens).some((n) => n !== undefined)) r.providerTokens(d.provider, d.model, tokens);
        const reason = finishReasonOf(d.finishReason);
        if (recorded && reason !== undefined) r.providerFinishReason(d.provider, d.model, reason);
        if (d.cost !== undefined) r.providerCost(d.provider, d.model, d.cost);
        else this.costs?.record(d);
        if (d.timeToFirstTokenMs !== undefined) r.providerTimeToFirstToken(d.provider, d.model, seconds(d.timeToFirstTokenMs));
        this.genAi?.completed(d);
        return;
      }
      case 'provider.call.failed': {
        const d = event.data;
        if (r.providerRequest(d.provider, d.model, 'error', seconds(d.durationMs)))
          r.providerError(d.provider, d.model, d.errorType ?? classifyProviderError(d.error));
        this.genAi?.failed(d);
        return;
      }
      case 'tool.call.completed':
        return r.toolCall(event.data.toolName, 'success', seconds(event.data.durationMs));
      case 'tool.call.failed':
        return r.toolCall(event.data.toolName, 'error', seconds(event.data.durationMs));
      case 'validation.passed':
      case 'validation.failed': {
        const d = event.data;
        const status = event.type === 'validation.passed' ? 'passed' : 'failed';
        return r.validation(d.validatorName, d.validatorType, status, seconds(d.durationMs));
      }
      // Start events carry no measurement; the completion event records the call.
      case 'stage.started':
      case 'provider.call.started':
      case 'tool.call.started':
      case 'validation.started':
        return;
      default:
        return r.drop('unknown_event', `unknown event type ${JSON.stringify(safeString(() => (event as { type?: unknown }).type)).slice(0, 60)}`);
    }
  }
}
