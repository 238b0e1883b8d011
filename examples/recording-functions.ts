// Recording without the event bus: the record* functions of PromptKit's original Go SDK (seconds and
// USD). They record into the global MeterProvider, which the exporter registers when it is created.
import {
  PrometheusExporter,
  recordPipelineEnd,
  recordPipelineStart,
  recordProviderCost,
  recordProviderRequest,
  recordProviderTokens,
  recordStageDuration,
  recordStageElement,
  recordToolCall,
  recordValidation,
} from '@promptkit/prometheus';
import { untilSignal } from './support/until-signal.js';

const exporter = new PrometheusExporter(process.env.PROMPTKIT_ADDRESS ?? ':9090');
await exporter.start();

// Record pipeline metrics
recordPipelineStart();
recordPipelineEnd('success', 1.2);

// Record stage metrics
recordStageDuration('my_stage', 'transform', 0.5);
recordStageElement('my_stage', 'success');

// Record provider metrics
recordProviderRequest('anthropic', 'claude-3', 'success', 2.5);
recordProviderTokens('anthropic', 'claude-3', 100, 50, 0);
recordProviderCost('anthropic', 'claude-3', 0.05);

// Record tool metrics
recordToolCall('web_search', 'success', 1.2);

// Record validation metrics
recordValidation('schema_validator', 'output', 'passed', 0.01);

console.log(`metrics: ${exporter.url}`);
const stop = () => void exporter.shutdown().then(() => console.log('stopped'));
untilSignal(stop);
