// Cost from tokens: calls that report tokens but no cost are priced from the bundled list prices
// (dated, offline) under your own prices; a model with no price is counted, never guessed as $0.
//   npx tsx examples/pricing.ts
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { PRICES_AS_OF } from '@promptkit/metrics';
import { startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

// PromptKit reports through OpenTelemetry diag: show its one warning per unpriced model.
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);

const telemetry = await startMetrics({
  prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464',
  // USD per million tokens. These win over the bundled table; `file: 'prices.json'` reads the same
  // shape from a JSON file, and `pricing: false` turns cost computation off.
  pricing: {
    'my-finetune': { input: 3, output: 12, cached: 1.5 },
    'gpt-4o-mini': { input: 0.12, output: 0.48 }, // a negotiated rate
  },
});
console.log(`metrics: ${telemetry.prometheus?.url}`);
console.log(`bundled list prices as of ${PRICES_AS_OF}`);

const call = (provider: string, model: string, usage: { inputTokens: number; outputTokens: number; cachedTokens?: number; cost?: number }) =>
  telemetry.eventBus.publish({ type: 'provider.call.completed', timestamp: Date.now(), data: { provider, model, durationMs: 900, ...usage } });

call('openai', 'gpt-4o-2024-08-06', { inputTokens: 1000, cachedTokens: 200, outputTokens: 500 }); // bundled gpt-4o: $0.00725
call('anthropic', 'claude-3-5-haiku-20241022', { inputTokens: 4000, cachedTokens: 3000, outputTokens: 250 }); // bundled: $0.00204
call('openai', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 }); // your rate: $0.12
call('acme', 'my-finetune', { inputTokens: 2000, outputTokens: 1000 }); // your price: $0.018
call('openai', 'gpt-4o', { inputTokens: 10, outputTokens: 10, cost: 0.5 }); // the event's own cost wins
call('acme', 'mystery-model', { inputTokens: 100, outputTokens: 100 }); // no price: unpriced, one warning

console.log('see promptkit_provider_cost_total and promptkit_provider_unpriced_requests_total');

const stop = async () => {
  await telemetry.shutdown();
  console.log('stopped');
  process.exit(0);
};
untilSignal(stop);
