// Test support only (not built, not exported): the smallest tracer provider whose spans record, so a
// test can run the SDK's own tracing code (which does nothing with non-recording spans) beside the
// adapter. It keeps each span's name, attributes and whether it ended.
import { randomBytes } from 'node:crypto';
import { TraceFlags, type Attributes, type AttributeValue, type Span, type SpanContext, type SpanStatus, type TracerProvider } from '@opentelemetry/api';

export class RecordedSpan implements Span {
  readonly attributes: Attributes = {};
  ended = false;
  status: SpanStatus | undefined;
  private readonly context: SpanContext = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: TraceFlags.SAMPLED };

  constructor(public name: string) {}

  spanContext(): SpanContext {
    return this.context;
  }
  setAttribute(key: string, value: AttributeValue): this {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.status = status;
    return this;
  }
  updateName(name: string): this {
    this.name = name;
    return this;
  }
  end(): void {
    this.ended = true;
  }
  isRecording(): boolean {
    return !this.ended;
  }
  recordException(): void {}
}

/** A tracer provider for the SDK's `openTelemetry: { tracerProvider }` option; `spans` lists what it started. */
export function recordingTracerProvider(): { provider: TracerProvider; spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = [];
  const startSpan = (name: string) => {
    const span = new RecordedSpan(name);
    spans.push(span);
    return span;
  };
  // The SDK starts its spans with startSpan only.
  const tracer = {
    startSpan,
    startActiveSpan: () => {
      throw new Error('startActiveSpan is not used by the SDK');
    },
  };
  return { provider: { getTracer: () => tracer }, spans };
}
