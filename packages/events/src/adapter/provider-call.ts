// Publishing one provider call's events, for adapters that wrap an LLM client (@promptkit/openai,
// @promptkit/ai-sdk) and for code of your own around a client PromptKit has no adapter for.
import { diag } from '../diag.js';
import type { EventDataMap, PromptKitEvent } from '../events.js';

/** Anything events can be published to: an `EventBus`, or a function of your own in front of one. */
export interface EventPublisher {
  publish(event: PromptKitEvent): void;
}

/** What a finished call reports: the response's model and usage as the API gave them. */
export interface CallOutcome {
  /** The model that answered (the response's model id); the request's model when absent. */
  model?: string | undefined;
  /** All prompt tokens, cached ones included; undefined when the API reported no usage. */
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  /** The cached subset of `inputTokens`, when the API reported it. */
  cachedTokens?: number | undefined;
  finishReason?: string | undefined;
}

/** How a call ended: an outcome, or the error the API reported (also inside a 200 response). */
export type CallEnd = { ok: true; outcome: CallOutcome } | { ok: false; error: unknown; model?: string | undefined };

/**
 * One provider call: publishes `provider.call.started` when made, then exactly one of
 * `provider.call.completed` or `provider.call.failed`, however many paths report the end.
 */
export class ProviderCall {
  private readonly startedAt = performance.now();
  private firstTokenAt: number | undefined;
  private settled = false;

  constructor(
    private readonly publisher: EventPublisher,
    readonly provider: string,
    readonly requestModel: string,
  ) {
    this.publish('provider.call.started', { provider, model: requestModel });
  }

  /** Marks the first chunk that carried generated content; later calls change nothing. */
  firstToken(): void {
    if (this.firstTokenAt === undefined) this.firstTokenAt = performance.now();
  }

  complete(outcome: CallOutcome): void {
    if (this.settled) return;
    this.settled = true;
    const data: EventDataMap['provider.call.completed'] = {
      provider: this.provider,
      model: outcome.model || this.requestModel,
      durationMs: performance.now() - this.startedAt,
    };
    if (outcome.inputTokens !== undefined) data.inputTokens = outcome.inputTokens;
    if (outcome.outputTokens !== undefined) data.outputTokens = outcome.outputTokens;
    if (outcome.cachedTokens !== undefined) data.cachedTokens = outcome.cachedTokens;
    if (outcome.finishReason !== undefined) data.finishReason = outcome.finishReason;
    if (this.firstTokenAt !== undefined) data.timeToFirstTokenMs = this.firstTokenAt - this.startedAt;
    this.publish('provider.call.completed', data);
  }

  end(end: CallEnd): void {
    if (end.ok) this.complete(end.outcome);
    else this.fail(end.error, end.model);
  }

  fail(error: unknown, model?: string): void {
    if (this.settled) return;
    this.settled = true;
    const durationMs = performance.now() - this.startedAt;
    this.publish('provider.call.failed', { provider: this.provider, model: model || this.requestModel, durationMs, error });
  }

  private publish<T extends 'provider.call.started' | 'provider.call.completed' | 'provider.call.failed'>(
    type: T,
    data: EventDataMap[T],
  ): void {
    try {
      this.publisher.publish({ type, timestamp: Date.now(), data } as PromptKitEvent);
    } catch {
      // An EventBus never throws; a publisher of the user's own might. The call must not notice.
      diag.warn(`promptkit: publishing '${type}' threw; the ${this.provider} call was not affected`);
    }
  }
}
