// P6 floor, run in a fresh process: what any exporter built on the OpenTelemetry metrics SDK pays
// before it does anything of its own. Imports @opentelemetry/sdk-metrics and resources, builds a
// MeterProvider with a reader and one counter, serves its collection (a plain text line per point)
// on http.createServer, then the first /metrics response. Prints the milliseconds from the first
// line of this module.
const t0 = performance.now();
const { createServer } = await import('node:http');
const { MeterProvider, MetricReader } = await import('@opentelemetry/sdk-metrics');
const { resourceFromAttributes } = await import('@opentelemetry/resources');
class Reader extends MetricReader {
  onForceFlush() { return Promise.resolve(); }
  onShutdown() { return Promise.resolve(); }
}
const reader = new Reader();
const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'cold-start' }), readers: [reader] });
provider.getMeter('cold-start').createCounter('requests').add(1);
const server = createServer((req, res) => {
  reader.collect().then(({ resourceMetrics }) => {
    const lines = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics.flatMap((m) => m.dataPoints.map((p) => `${m.descriptor.name} ${String(p.value)}`)));
    res.end(`${lines.join('\n')}\n`);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const res = await fetch(`http://127.0.0.1:${server.address().port}/metrics`);
const body = await res.text();
const elapsed = performance.now() - t0;
if (res.status !== 200 || !body.includes('requests 1')) throw new Error(`unexpected first scrape: ${res.status}`);
console.log(JSON.stringify({ ms: elapsed, bytes: body.length }));
server.close();
await provider.shutdown();
