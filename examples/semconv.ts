// The OpenTelemetry GenAI client metrics (gen_ai.client.inference.duration, the usage counters
// gen_ai.client.inference.usage.*, time to first chunk) beside PromptKit's own, from the same events.
// Opt in with `semconv: 'gen_ai'` or OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental.
//   npx tsx examples/semconv.ts
import { startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics({
  prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464',
  semconv: 'gen_ai',
});
console.log(`metrics: ${telemetry.prometheus?.url}`);

const now = Date.now();
// A streaming chat call: time to first token becomes gen_ai.client.inference.time_to_first_chunk.
telemetry.eventBus.publish({
  type: 'provider.call.completed',
  timestamp: now,
  data: { provider: 'openai', model: 'gpt-4o', durationMs: 2300, inputTokens: 1200, cachedTokens: 400, outputTokens: 350, timeToFirstTokenMs: 420 },
});
// `google` is reported as gen_ai.provider.name="gcp.gemini".
telemetry.eventBus.publish({
  type: 'provider.call.completed',
  timestamp: now,
  data: { provider: 'google', model: 'gemini-2.5-flash', durationMs: 900, inputTokens: 3000, outputTokens: 200 },
});
// A failure: error.type is the provider's status (here 429), a code or a class name, else _OTHER.
telemetry.eventBus.publish({
  type: 'provider.call.failed',
  timestamp: now,
  data: { provider: 'anthropic', model: 'claude-sonnet-4-20250514', durationMs: 150, error: Object.assign(new Error('rate limited'), { status: 429 }) },
});
console.log(`try: curl -s ${telemetry.prometheus?.url} | grep '^gen_ai_'`);

const stop = async () => {
  await telemetry.shutdown();
  console.log('stopped');
  process.exit(0);
};
untilSignal(stop);
