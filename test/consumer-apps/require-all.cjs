// Every PromptKit package loaded with require() from CommonJS, as an application that has not moved
// to ESM would. The packages are ESM only, so this relies on require(esm) (unflagged from Node 20.19
// and 22.12). Each package is also used: loading alone would not prove its exports work.
// Prints one JSON line per package: { name, ok, detail }.
const assert = require('node:assert/strict');

const packages = JSON.parse(process.argv[2]);
const { EventBus } = require('@promptkit/events');

function captured() {
  const bus = new EventBus();
  const events = [];
  bus.subscribeAll((event) => events.push(event));
  return { bus, events };
}

const calls = {
  async '@promptkit/events'({ EventBus: Bus }) {
    const bus = new Bus();
    const seen = [];
    bus.subscribeAll((event) => seen.push(event.type));
    bus.publish({ type: 'pipeline.started', timestamp: Date.now(), data: {} });
    assert.deepEqual(seen, ['pipeline.started']);
    return `EventBus delivered ${seen.join(',')}`;
  },
  async '@promptkit/metrics'({ createPromptKitMetrics, recordProviderRequest, catalog }) {
    recordProviderRequest('openai', 'gpt-4o', 'success', 1.5);
    createPromptKitMetrics().providerRequests.bind({ provider: 'openai', model: 'gpt-4o', status: 'success' }).inc();
    return `catalog has ${Object.keys(catalog).length} instruments`;
  },
  async '@promptkit/meter-provider'({ promptkitViews }) {
    const views = promptkitViews();
    assert.ok(views.length > 0);
    return `${views.length} views`;
  },
  async '@promptkit/prometheus'({ PrometheusExporter, MetricsListener }) {
    const exporter = new PrometheusExporter('127.0.0.1:0');
    await exporter.start();
    const { bus } = captured();
    bus.subscribeAll(new MetricsListener().listener());
    bus.publish({ type: 'provider.call.completed', timestamp: Date.now(), data: { provider: 'openai', model: 'gpt-4o', durationMs: 500, inputTokens: 7, outputTokens: 3 } });
    const body = await (await fetch(exporter.url)).text();
    await exporter.shutdown();
    const line = body.split('\n').find((l) => l.startsWith('promptkit_provider_tokens_total{provider="openai",model="gpt-4o",type="input"}'));
    assert.equal(line?.split(' ').pop(), '7', `input tokens on /metrics:\n${body}`);
    return 'served /metrics';
  },
  async '@promptkit/sdk'({ startMetrics, defaultPipelineConfig }) {
    const telemetry = await startMetrics(defaultPipelineConfig().withMetrics(false));
    await telemetry.pipeline(async (run) => run.stage('step', 'transform', async () => 1));
    await telemetry.shutdown();
    return 'startMetrics(metrics: false) and a pipeline run';
  },
  async '@promptkit/openai'({ instrumentOpenAI }) {
    const openaiModule = require('openai');
    const OpenAI = openaiModule.OpenAI ?? openaiModule.default ?? openaiModule;
    const client = new OpenAI({ apiKey: 'test', baseURL: 'http://127.0.0.1:9/v1' });
    assert.equal(instrumentOpenAI(client, { eventBus: captured().bus }), client);
    return 'instrumentOpenAI returned the client';
  },
  async '@promptkit/ai-sdk'({ promptkitMiddleware }) {
    const middleware = promptkitMiddleware({ eventBus: captured().bus });
    assert.equal(typeof middleware.wrapGenerate, 'function');
    return 'promptkitMiddleware has wrapGenerate';
  },
};

// A package added later without an entry above: an adapter's instrument*() must not throw on a
// client it does not recognise (telemetry never throws into the application).
async function generic(name, module) {
  const functions = Object.keys(module).filter((key) => typeof module[key] === 'function');
  assert.ok(functions.length > 0, `${name} exports no function`);
  const instrument = functions.filter((key) => key.startsWith('instrument'));
  for (const key of instrument) module[key]({}, { eventBus: captured().bus });
  return `exports ${functions.join(', ')}; called ${instrument.join(', ') || 'nothing (no entry in require-all.cjs)'}`;
}

(async () => {
  for (const name of packages) {
    try {
      const module = require(name);
      const detail = await (calls[name] ?? ((m) => generic(name, m)))(module);
      console.log(JSON.stringify({ name, ok: true, detail }));
    } catch (error) {
      console.log(JSON.stringify({ name, ok: false, detail: `${error?.code ?? ''} ${error?.stack ?? error}` }));
    }
  }
})();
