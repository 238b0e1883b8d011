// The pipeline configuration of PromptKit's original Go SDK: metrics on, Prometheus on :9090.
//   npx tsx examples/sdk-pipeline-config.ts
import { defaultPipelineConfig, startMetrics } from '@promptkit/sdk';
import { untilSignal } from './support/until-signal.js';

const telemetry = await startMetrics(
  defaultPipelineConfig()
    .withMetrics(true)
    .withPrometheusExporter(process.env.PROMPTKIT_ADDRESS ?? ':9090'),
);
console.log(`metrics: ${telemetry.prometheus?.url}`);

// The event bus already has the metrics listener subscribed.
telemetry.eventBus.publish({
  type: 'stage.completed',
  timestamp: Date.now(),
  data: { name: 'retrieve', stageType: 'transform', durationMs: 42 },
});

const stop = async () => {
  await telemetry.shutdown();
  process.exit(0);
};
untilSignal(stop);
