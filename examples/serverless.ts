// A serverless handler that pushes its metrics before it returns, so nothing is lost when the
// platform freezes the function right after. A small loopback collector (OTLP/JSON) stands in for
// the backend and shows what has arrived each time the handler returns; nothing leaves 127.0.0.1.
//   npx tsx examples/serverless.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMetrics, withMetricsFlush } from '@promptkit/sdk';

// --- The stand-in collector: adds up the provider calls and tokens of every push (delta points).
const received = { pushes: 0, calls: 0, tokens: 0 };
interface Point { asInt?: string | number; asDouble?: number }
interface Metric { name: string; sum?: { dataPoints: Point[] } }
interface ExportRequest { resourceMetrics?: { scopeMetrics?: { metrics?: Metric[] }[] }[] }
const collector = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const request = JSON.parse(body) as ExportRequest;
    received.pushes++;
    for (const metric of (request.resourceMetrics ?? []).flatMap((r) => r.scopeMetrics ?? []).flatMap((s) => s.metrics ?? [])) {
      const total = (metric.sum?.dataPoints ?? []).reduce((sum, p) => sum + Number(p.asInt ?? p.asDouble ?? 0), 0);
      if (metric.name === 'promptkit_provider_requests_total') received.calls += total;
      if (metric.name === 'promptkit_provider_tokens_total') received.tokens += total;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise<void>((resolve) => collector.listen({ host: '127.0.0.1', port: 0 }, resolve));
const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
console.log(`collector: ${endpoint}`);

// --- The function. Module scope runs once per cold start; the handler runs per invocation.
const telemetry = await startMetrics({
  serviceName: 'serverless-example',
  prometheus: false,
  // Delta: each push carries only what this invocation recorded (see docs/push-path.md for which
  // backends want delta and which cumulative). The periodic push would come too late here.
  otlp: { endpoint, protocol: 'http/json', temporality: 'delta' },
});

interface QuestionEvent { question: string; fail?: boolean }

export const handler = withMetricsFlush(async (event: QuestionEvent) => {
  // A real handler calls a provider through an instrumented client; this one publishes the event
  // such a client would.
  await new Promise((resolve) => setTimeout(resolve, 10));
  telemetry.eventBus.publish({
    type: 'provider.call.completed',
    timestamp: Date.now(),
    data: { provider: 'openai', model: 'gpt-4o-mini', durationMs: 10, inputTokens: 40, outputTokens: 12 },
  });
  if (event.fail) throw new Error('the answer failed validation');
  return { statusCode: 200, body: `answered: ${event.question}` };
}, { telemetry, timeoutMs: 2_000 });

// --- What the platform does: invoke, and freeze the moment the handler returns.
for (const [i, question] of ['What is OTLP?', 'Why flush?', 'Is anything lost?'].entries()) {
  const result = await handler({ question }, {});
  console.log(`invocation ${i + 1} returned ${JSON.stringify(result)}; the collector has ${received.calls} calls, ${received.tokens} tokens`);
}
try {
  await handler({ question: 'Fail, please', fail: true }, {});
} catch (error) {
  // The handler's own error, unchanged; its call was pushed before the error came back.
  console.log(`invocation 4 threw "${(error as Error).message}"; the collector has ${received.calls} calls, ${received.tokens} tokens`);
}

await telemetry.shutdown();
collector.close();
console.log(`done: ${received.pushes} pushes`);
