// An application that only serves /metrics: startMetrics() with default options (the test points
// OTEL_EXPORTER_PROMETHEUS_HOST/PORT at 127.0.0.1:0). It reports which modules were loaded once
// PromptKit is started and has served a scrape, so the test can check no gRPC or protobuf code is.
import { loadedModules } from './module-probe.mjs';

const { startMetrics } = await import('@promptkit/sdk');
const telemetry = await startMetrics();
telemetry.eventBus.publish({
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'openai', model: 'gpt-4o', durationMs: 900, inputTokens: 10, outputTokens: 5 },
});
const scrape = await fetch(telemetry.prometheus.url);
process.stdout.write(`${JSON.stringify({ status: scrape.status, body: await scrape.text(), modules: await loadedModules() })}\n`);
await telemetry.shutdown();
