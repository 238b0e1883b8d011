// The public API as an application's TypeScript uses it, compiled by the test with strict: true and
// skipLibCheck: false (so PromptKit's own .d.ts files are checked against the installed
// OpenTelemetry, openai and ai types), under module node16 and under bundler resolution.
import { metrics } from '@opentelemetry/api';
import { MeterProvider, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { EventBus, type PromptKitEvent } from '@promptkit/events';
import { MetricsListener, PrometheusExporter, recordProviderRequest, type PrometheusExporterOptions } from '@promptkit/prometheus';
import { recordProviderTokens, catalog } from '@promptkit/metrics';
import { promptkitViews } from '@promptkit/meter-provider';
import {
  ConfigError,
  defaultPipelineConfig,
  startMetrics,
  type OtlpOptions,
  type StartMetricsOptions,
  type Telemetry,
} from '@promptkit/sdk';
import { instrumentOpenAI, type InstrumentOpenAIOptions } from '@promptkit/openai';
import { promptkitMiddleware, type PromptkitMiddlewareOptions } from '@promptkit/ai-sdk';
import OpenAI from 'openai';
import { wrapLanguageModel } from 'ai';

// Quick Start.
const exporter = new PrometheusExporter(':9090');
await exporter.start();
const eventBus = new EventBus();
const metricsListener = new MetricsListener();
eventBus.subscribeAll(metricsListener.listener());
const event: PromptKitEvent = {
  type: 'provider.call.completed',
  timestamp: Date.now(),
  data: { provider: 'anthropic', model: 'claude-3', durationMs: 1800, inputTokens: 120, outputTokens: 48, cost: 0.004 },
};
eventBus.publish(event);
const url: string = exporter.url;
await exporter.shutdown();
recordProviderRequest('anthropic', 'claude-3', 'success', 2.5);
recordProviderTokens('openai', 'gpt-4o', 1000, 250, 400);
const requestsName: string = catalog.providerRequests.name;

// startMetrics() options, each kind.
const prometheusOptions: PrometheusExporterOptions = { host: '127.0.0.1', port: 0, withTargetInfo: true };
const otlp: OtlpOptions = { endpoint: 'http://localhost:4318', protocol: 'grpc', headers: { 'x-api-key': 'k' }, intervalMs: 10_000, temporality: 'delta' };
const views: ViewOptions[] = [{ instrumentName: 'my_histogram', aggregation: { type: 4, options: { boundaries: [1, 2] } } }, ...promptkitViews()];
const options: StartMetricsOptions = {
  serviceName: 'my-app',
  serviceVersion: '1.2.3',
  resource: { 'deployment.environment.name': 'test' },
  prometheus: prometheusOptions,
  otlp,
  labelLimits: { model: 200 },
  pricing: { 'my-finetune': { input: 3, output: 12, cached: 1.5 } },
  semconv: 'gen_ai',
  registerGlobal: false,
  views,
  shutdownOnSignals: true,
};
const telemetry: Telemetry = await startMetrics(options);
await startMetrics(defaultPipelineConfig().withMetrics(true).withPrometheusExporter(':9090').withOtlpExporter('http://localhost:4318'));
// Attached to a MeterProvider the application owns: the global one (NodeSDK's) or its own.
await startMetrics({ meterProvider: metrics.getMeterProvider() });
await startMetrics({ meterProvider: new MeterProvider({ views }) });
const answer: string = await telemetry.pipeline(async (run) => {
  const reply = await run.provider({ provider: 'openai', model: 'gpt-4o' }, async () => ({ text: 'hi', usage: { inputTokens: 1, outputTokens: 2 } }));
  await run.stage('retrieve', 'transform', async () => [reply.text]);
  return reply.text;
});
telemetry.metrics.providerRequests.bind({ provider: 'openai', model: 'gpt-4o', status: 'success' }).inc();
const failure: unknown = new ConfigError('x');
if (failure instanceof ConfigError) console.log(failure.message, answer, url, requestsName);

// Adapters.
const openaiOptions: InstrumentOpenAIOptions = { eventBus: telemetry.eventBus, providerName: 'azure' };
const client: OpenAI = instrumentOpenAI(new OpenAI({ apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1' }), openaiOptions);
const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
const content: string | null | undefined = completion.choices[0]?.message.content;
console.log(content);

declare const baseModel: Parameters<typeof wrapLanguageModel>[0]['model'];
const middlewareOptions: PromptkitMiddlewareOptions = { eventBus: telemetry.eventBus, provider: 'azure' };
const wrapped = wrapLanguageModel({ model: baseModel, middleware: promptkitMiddleware(middlewareOptions) });
console.log(wrapped.modelId);
await telemetry.shutdown();
