// OTLP configured in an application that did not install the exporter package: startMetrics() must
// reject with a ConfigError telling what to install.
const { ConfigError, startMetrics } = await import('@promptkit/sdk');
try {
  const telemetry = await startMetrics({ prometheus: false, otlp: { endpoint: 'http://127.0.0.1:4318' } });
  await telemetry.shutdown();
  process.stdout.write(`${JSON.stringify({ rejected: false })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ rejected: true, configError: error instanceof ConfigError, name: error?.name, message: String(error?.message) })}\n`);
}
