const t0 = performance.now();
const { startMetrics } = await import(process.argv[2]);
const t1 = performance.now();
const telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, registerGlobal: false });
const t2 = performance.now();
console.log('import', (t1 - t0).toFixed(0), 'start', (t2 - t1).toFixed(0));
await telemetry.shutdown();
