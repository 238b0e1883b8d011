// Publishing one provider call's events, for adapters that wrap an LLM client (@promptkit/openai,
// @promptkit/ai-sdk) and for code of your own around a client PromptKit has no adapter for.
import { reportProblem } from '../diag.js';
import type { CallContext, EventDataMap, PromptKitEvent, TokenCounts } from '../events.js';
import type { ProviderErrorType } from '../outcomes.js';

/** Anything events can be published to: an `EventBus`, or a function of your own in front of one. */
export interface EventPublisher {
  publish(event: PromptKitEvent): void;
}

/**
 * What a finished call reports, normalised by the adapter to PromptKit's meaning of each count
 * (see `provider.call.completed`); a count the API did not report stays undefined.
 */
export interface CallOutcome extends TokenCounts {
  /** The model that answered (the response's model id); the request's model when absent. */
  model?: string | undefined;
  /** The provider's own finish reason. */
  finishReason?: string | undefined;
}

/** How a call ended: an outcome, or the error the API reported (also inside a 200 response). */
export type CallEnd =
  | { ok: true; outcome: CallOutcome }
  | { ok: false; error: unknown; model?: string | undefined; errorType?: ProviderErrorType | undefined };

/** Where the call goes, for the GenAI conventions: operation name and server. */
export type CallOptions = Omit<CallContext, 'requestModel'>;

const COUNTS = ['inputTokens', 'outputTokens', 'cachedTokens', 'cacheWriteTokens', 'reasoningTokens'] as const;

/**
 * One provider call: publishes `provider.call.started` when made, then exactly one of
 * `provider.call.completed` or `provider.call.failed`, however many paths report the end.
 */
export class ProviderCall {
  private readonly startedAt = performance.now();
  private firstTokenAt: number | undefined;
  private settled = false;

  private readonly context: CallOptions;

  constructor(
    private readonly publisher: EventPublisher,
    readonly provider: string,
    readonly requestModel: string,
    options: CallOptions = {},
  ) {
    // Only what is set, so events carry no `serverPort: undefined` keys.
    const context: CallOptions = {};
    if (options.operation !== undefined) context.operation = options.operation;
    if (options.serverAddress !== undefined) context.serverAddress = options.serverAddress;
    if (options.serverPort !== undefined) context.serverPort = options.serverPort;
    this.context = context;
    this.publish('provider.call.started', { provider, model: requestModel });
  }

  /** The fields that say which model was asked for, when it is not the one named in `model`. */
  private withContext<T extends object>(data: T, model: string): T & CallContext {
    const out: T & CallContext = Object.assign(data, this.context);
    if (this.requestModel !== '' && model !== this.requestModel) out.requestModel = this.requestModel;
    return out;
  }

  /** Marks the first chunk that carried generated content; later calls change nothing. */
  firstToken(): void {
    if (this.firstTokenAt === undefined) this.firstTokenAt = performance.now();
  }

  complete(outcome: CallOutcome): void {
    if (this.settled) return;
    this.settled = true;
    const model = outcome.model || this.requestModel;
    const data: EventDataMap['provider.call.completed'] = this.withContext({ provider: this.provider, model, durationMs: performance.now() - this.startedAt }, model);
    for (const count of COUNTS) if (outcome[count] !== undefined) data[count] = outcome[count];
    if (outcome.finishReason !== undefined) data.finishReason = outcome.finishReason;
    if (this.firstTokenAt !== undefined) data.timeToFirstTokenMs = this.firstTokenAt - this.startedAt;
    this.publish('provider.call.completed', data);
  }

  end(end: CallEnd): void {
    if (end.ok) this.complete(end.outcome);
    else this.fail(end.error, end.model, end.errorType);
  }

  /** Publishes the failure; `errorType` when the adapter knows it better than the generic classifier. */
  fail(error: unknown, model?: string, errorType?: ProviderErrorType): void {
    if (this.settled) return;
    this.settled = true;
    const durationMs = performance.now() - this.startedAt;
    const answering = model || this.requestModel;
    const data: EventDataMap['provider.call.failed'] = this.withContext({ provider: this.provider, model: answering, durationMs, error }, answering);
    if (errorType !== undefined) data.errorType = errorType;
    this.publish('provider.call.failed', data);
  }

  private publish<T extends 'provider.call.started' | 'provider.call.completed' | 'provider.call.failed'>(
    type: T,
    data: EventDataMap[T],
  ): void {
    try {
      this.publisher.publish({ type, timestamp: Date.now(), data } as PromptKitEvent);
    } catch {
      // An EventBus never throws; a publisher of the user's own might. The call must not notice.
      reportProblem('provider-call publish', `publishing '${type}' threw; the ${this.provider} call was not affected`);
    }
  }
}
