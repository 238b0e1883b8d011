import { context, isSpanContextValid, trace, TraceFlags, type Attributes, type SpanContext } from '@opentelemetry/api';

/** A recorded value that links to the trace it was recorded in (a sampled span's ids). */
export interface Exemplar {
  readonly traceId: string;
  readonly spanId: string;
  readonly value: number;
  /** When it was recorded, ms since the epoch. */
  readonly timeMs: number;
}

/** The latest exemplar of a series: for a counter, and per classic bucket for a histogram. */
export interface ExemplarSlot {
  latest: Exemplar | undefined;
  /** Histograms: the latest exemplar that fell into each bucket (the last one is +Inf). */
  buckets: (Exemplar | undefined)[] | undefined;
}

// Keyed by the series' attributes object, which PromptKit makes once per series and OpenTelemetry
// hands back as the data point's attributes, so an exposition finds a point's exemplars directly.
const slots = new WeakMap<Attributes, ExemplarSlot>();

// The OpenTelemetry API keeps registered globals (the context manager among them) under this key,
// shared by every copy of API 1.x. Without a context manager no span can be active: checking the
// key first costs a few nanoseconds, where going through context.active() costs about 80.
const API_GLOBALS = Symbol.for('opentelemetry.js.api.1');

type ApiGlobals = { context?: unknown } | undefined;

// The globals object, once it exists, stays the same object (registrations set its properties).
let apiGlobals: ApiGlobals;

// The span context last found valid, with the ids it had then: the events of one operation share
// it, and checking its ids (two hex patterns) again for each of them is most of the lookup's cost.
// The ids are compared too, so a context changed in place since is checked again.
let lastValid: SpanContext | undefined;
let lastTraceId = '';
let lastSpanId = '';

/** The sampled span active now, or undefined (no tracing, no span, or not sampled). */
export function sampledSpan(): SpanContext | undefined {
  apiGlobals ??= (globalThis as Record<symbol, ApiGlobals>)[API_GLOBALS];
  if (apiGlobals?.context === undefined) return undefined;
  const span = trace.getSpanContext(context.active());
  if (span === undefined || (span.traceFlags & TraceFlags.SAMPLED) === 0) return undefined;
  if (span === lastValid && span.traceId === lastTraceId && span.spanId === lastSpanId) return span;
  if (!isSpanContextValid(span)) return undefined;
  lastValid = span;
  lastTraceId = span.traceId;
  lastSpanId = span.spanId;
  return span;
}

function slotOf(attributes: Attributes): ExemplarSlot {
  let slot = slots.get(attributes);
  if (slot === undefined) slots.set(attributes, (slot = { latest: undefined, buckets: undefined }));
  return slot;
}

/** Keeps `value` as the series' latest exemplar. */
export function keepExemplar(attributes: Attributes, span: SpanContext, value: number): void {
  slotOf(attributes).latest = { traceId: span.traceId, spanId: span.spanId, value, timeMs: Date.now() };
}

/** Keeps `value` as the latest exemplar of its bucket among `boundaries` (upper bounds, inclusive). */
export function keepBucketExemplar(attributes: Attributes, boundaries: readonly number[], span: SpanContext, value: number): void {
  const slot = slotOf(attributes);
  const exemplar = { traceId: span.traceId, spanId: span.spanId, value, timeMs: Date.now() };
  slot.latest = exemplar;
  slot.buckets ??= new Array<Exemplar | undefined>(boundaries.length + 1).fill(undefined);
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (value <= boundaries[mid]!) high = mid;
    else low = mid + 1;
  }
  slot.buckets[low] = exemplar;
}

/** The exemplars kept for a series' attributes object, if any. */
export function exemplarsOf(attributes: Attributes): ExemplarSlot | undefined {
  return slots.get(attributes);
}
