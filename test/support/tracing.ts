// Sampled spans for tests that need exemplars, without a trace SDK: a context manager (so a span can
// be active across calls) and span contexts with fresh ids. OpenTelemetry's trace SDK packages have
// no release on the 3.x line under the 2.x names (sdk-trace-node), and PromptKit reads only the
// active span context, which the API alone provides.
import { randomBytes } from 'node:crypto';
import { context, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/** Installs a context manager as the global one; `disable()` removes it again. */
export function enableTracing(): { disable: () => void } {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  return { disable: () => context.disable() };
}

/** Runs `fn` inside a new sampled span (fresh trace and span ids) and returns what it returns. */
export function withSampledSpan<T>(fn: (span: SpanContext) => T): T {
  const span: SpanContext = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: TraceFlags.SAMPLED };
  return context.with(trace.setSpanContext(context.active(), span), () => fn(span));
}
