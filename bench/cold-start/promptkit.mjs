// P6 candidate, run in a fresh process: import @promptkit/sdk, startMetrics() with Prometheus only,
// then the first /metrics response. Prints the milliseconds from the first line of this module.
const t0 = performance.now();
const { startMetrics } = await import('@promptkit/sdk');
const telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, registerGlobal: false });
const res = await fetch(telemetry.prometheus.url);
const body = await res.text();
const elapsed = performance.now() - t0;
if (res.status !== 200 || !body.includes('promptkit_')) throw new Error(`unexpected first scrape: ${res.status}`);
console.log(JSON.stringify({ ms: elapsed, bytes: body.length }));
await telemetry.shutdown();
