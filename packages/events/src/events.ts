import type { ProviderErrorType } from './outcomes.js';

/**
 * Where and how a provider call was made, for the OpenTelemetry GenAI conventions: the model asked
 * for, the operation (`chat`, `generate_content`, `text_completion`, `embeddings`), and the server.
 */
export interface CallContext {
  /** The model the request asked for, when it differs from the answering `model`. */
  requestModel?: string;
  /** The GenAI operation name. Default `chat`. */
  operation?: string;
  /** Host name of the API server (`api.openai.com`). */
  serverAddress?: string;
  serverPort?: number;
}

/**
 * A provider call's token counts in PromptKit's meaning, whatever the provider calls them: the two
 * totals, and the parts of each that some providers report (and bill) apart. A count the provider
 * did not report is left out, never a made-up 0.
 */
export interface TokenCounts {
  /** Every prompt token: uncached, read from a cache and written to a cache. */
  inputTokens?: number | undefined;
  /** Every generated token, reasoning ("thinking") tokens included. */
  outputTokens?: number | undefined;
  /** The part of `inputTokens` read from a prompt cache. */
  cachedTokens?: number | undefined;
  /** The part of `inputTokens` written to a prompt cache (billed at a premium by some providers). */
  cacheWriteTokens?: number | undefined;
  /** The part of `outputTokens` spent on reasoning. */
  reasoningTokens?: number | undefined;
}

/** Fields every PromptKit event carries besides its `type` and `data`. */
export interface EventEnvelope {
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  runId?: string;
  sessionId?: string;
  conversationId?: string;
}

/** Payload of each event type. Durations are milliseconds; costs are USD. */
export interface EventDataMap {
  'pipeline.started': Record<string, never>;
  'pipeline.completed': { durationMs: number; totalCost?: number; inputTokens?: number; outputTokens?: number };
  'pipeline.failed': { durationMs: number; error: unknown };
  'stage.started': { name: string; stageType: string; index?: number };
  'stage.completed': { name: string; stageType: string; durationMs: number; index?: number };
  'stage.failed': { name: string; stageType: string; durationMs: number; error: unknown; index?: number };
  'provider.call.started': { provider: string; model: string };
  /** Token counts: see `TokenCounts`; leave out what the provider did not report. */
  'provider.call.completed': CallContext & TokenCounts & {
    provider: string;
    /** The model that answered (the response's model id), else the requested one. */
    model: string;
    durationMs: number;
    /** USD; without it, PromptKit prices the tokens where it can. */
    cost?: number;
    /** The provider's own finish reason (`stop`, `end_turn`, `MAX_TOKENS`…). */
    finishReason?: string;
    timeToFirstTokenMs?: number;
  };
  'provider.call.failed': CallContext & {
    provider: string;
    model: string;
    durationMs: number;
    error: unknown;
    /** Why it failed; without it, PromptKit classifies `error`. */
    errorType?: ProviderErrorType;
  };
  'tool.call.started': { toolName: string; callId?: string };
  'tool.call.completed': { toolName: string; durationMs: number; callId?: string };
  'tool.call.failed': { toolName: string; durationMs: number; error: unknown; callId?: string };
  'validation.started': { validatorName: string; validatorType: string };
  'validation.passed': { validatorName: string; validatorType: string; durationMs: number };
  'validation.failed': { validatorName: string; validatorType: string; durationMs: number; violations?: unknown[] };
}

export type EventType = keyof EventDataMap;

/** One event of the given type: `switch (event.type)` narrows `event.data`. */
export type EventOf<T extends EventType> = EventEnvelope & { type: T; data: EventDataMap[T] };

/** The discriminated union of every PromptKit event. */
export type PromptKitEvent = { [T in EventType]: EventOf<T> }[EventType];

export type EventListener<E = PromptKitEvent> = (event: E) => void;

/** Every event type, in the order of the contract. */
export const EVENT_TYPES: readonly EventType[] = [
  'pipeline.started',
  'pipeline.completed',
  'pipeline.failed',
  'stage.started',
  'stage.completed',
  'stage.failed',
  'provider.call.started',
  'provider.call.completed',
  'provider.call.failed',
  'tool.call.started',
  'tool.call.completed',
  'tool.call.failed',
  'validation.started',
  'validation.passed',
  'validation.failed',
];

const eventTypeSet: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && eventTypeSet.has(value);
}
