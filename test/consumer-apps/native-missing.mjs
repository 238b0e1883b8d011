// Native histograms asked for in an application that did not install @bufbuild/protobuf (an
// optional peer of @promptkit/prometheus): startMetrics() must reject with a ConfigError telling
// what to install, and a scrape in the default text format must still work without it.
const { ConfigError, startMetrics } = await import('@promptkit/sdk');
const report = {};
try {
  const telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 }, histograms: 'native' });
  await telemetry.shutdown();
  report.rejected = false;
} catch (error) {
  Object.assign(report, { rejected: true, configError: error instanceof ConfigError, message: String(error?.message) });
}
const telemetry = await startMetrics({ prometheus: { host: '127.0.0.1', port: 0 } });
const protobuf = await fetch(telemetry.prometheus.url, {
  headers: { accept: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.9,text/plain;version=0.0.4;q=0.5' },
});
report.fallbackType = protobuf.headers.get('content-type');
report.fallbackStatus = protobuf.status;
await protobuf.arrayBuffer();
await telemetry.shutdown();
process.stdout.write(`${JSON.stringify(report)}\n`);
