// Cost from tokens: calls that report tokens but no cost are priced from the offline price database
// @pydantic/genai-prices (loaded on the first call that needs it, never fetched) under your own
// prices; a call with no price is counted, never guessed as $0.
//   npx tsx examples/pricing.ts
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { PRICE_DATA_AS_OF, PRICE_DATA_SOURCE, PRICE_DATA_VERSION, startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

// PromptKit reports through OpenTelemetry diag: show its one warning per unpriced model.
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);

const telemetry = await startMetrics({
  prometheus: process.env.PROMPTKIT_ADDRESS ?? ':9464',
  // USD per million tokens. These win over the database; `file: 'prices.json'` reads the same
  // shape from a JSON file, and `pricing: false` turns cost computation off.
  pricing: {
    'my-finetune': { input: 3, output: 12, cached: 1.5 },
    'gpt-4o-mini': { input: 0.12, output: 0.48 }, // a negotiated rate
  },
});
console.log(`prices: ${PRICE_DATA_SOURCE} ${PRICE_DATA_VERSION}, as of ${PRICE_DATA_AS_OF}`);

interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
  cacheWriteTokens?: number;
  cost?: number;
}
const call = (provider: string, model: string, usage: Usage) =>
  telemetry.eventBus.publish({ type: 'provider.call.completed', timestamp: Date.now(), data: { provider, model, durationMs: 900, ...usage } });

call('openai', 'gpt-4o-2024-08-06', { inputTokens: 1000, cachedTokens: 200, outputTokens: 500 }); // database: $0.00725
// 12 uncached + 3000 cache reads + 100 cache writes (at the write price, $3.75 per million), 50 out: $0.002061
call('anthropic', 'claude-sonnet-4-5-20250929', { inputTokens: 3112, cachedTokens: 3000, cacheWriteTokens: 100, outputTokens: 50 });
call('google', 'gemini-2.5-pro', { inputTokens: 250_000, outputTokens: 1000 }); // past 200k: the long-context prices, $0.64
call('openai', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 }); // your rate: $0.12
call('acme', 'my-finetune', { inputTokens: 2000, outputTokens: 1000 }); // your price: $0.018
call('openai', 'gpt-4o', { inputTokens: 10, outputTokens: 10, cost: 0.5 }); // the event's own cost wins
call('ollama', 'llama3.1:8b', { inputTokens: 100, outputTokens: 100 }); // self-hosted, no price: unpriced, one warning

// The first call that needed the database loaded it; forceFlush() waits until those costs are recorded.
await telemetry.forceFlush();
console.log(`metrics: ${telemetry.prometheus?.url}`);
console.log('see promptkit_provider_cost_total, promptkit_provider_unpriced_requests_total and promptkit_pricing_info');

const stop = async () => {
  await telemetry.shutdown();
  console.log('stopped');
  process.exit(0);
};
untilSignal(stop);
