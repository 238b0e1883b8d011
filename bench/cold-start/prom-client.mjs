// P6 baseline, run in a fresh process: import prom-client, a registry with PromptKit's metric
// families (same names, types, labels and buckets), http.createServer, then the first /metrics
// response. Prints the milliseconds from the first line of this module.
const t0 = performance.now();
const { createServer } = await import('node:http');
const { Counter, Gauge, Histogram, Registry } = await import('prom-client');
const families = JSON.parse(process.argv[2]);
const registry = new Registry();
for (const f of families) {
  const options = { name: f.name, help: f.help, labelNames: f.labels, registers: [registry] };
  if (f.kind === 'histogram') new Histogram({ ...options, buckets: f.buckets });
  else if (f.kind === 'counter') new Counter(options);
  else new Gauge(options);
}
const server = createServer((req, res) => {
  registry.metrics().then((text) => {
    res.writeHead(200, { 'Content-Type': registry.contentType });
    res.end(text);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const res = await fetch(`http://127.0.0.1:${server.address().port}/metrics`);
const body = await res.text();
const elapsed = performance.now() - t0;
if (res.status !== 200) throw new Error(`unexpected first scrape: ${res.status}`);
console.log(JSON.stringify({ ms: elapsed, bytes: body.length }));
server.close();
